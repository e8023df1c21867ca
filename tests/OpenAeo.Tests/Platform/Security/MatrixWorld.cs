using System.Net.Http.Headers;
using System.Security.Cryptography;
using OpenAeo.Certification;
using OpenAeo.Clearance;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Insights;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Web;
using OpenAeo.Portal;
using OpenAeo.Registry;
using OpenAeo.Tests.Certification;
using OpenAeo.Tests.Clearance;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.Platform.Security;

/// <summary>The eleven kinds of caller of the authorization matrix, in the order of the table's columns.</summary>
public enum Caller
{
    Anonymous,
    Trader,
    OtherTrader,
    Partner,
    Agency,
    OtherAgency,
    Analyst,
    Border,
    Manager,
    ProgrammeOfficer,
    Admin,
}

/// <summary>
/// Real data for the authorization matrix: an operator whose trader is "the right one" (with a granted application,
/// its evidence, a certificate, a supply chain, a declaration its agency has a case on), another operator with its own
/// trader, a consenting AEO the exchange publishes, a partner administration with an agreement, agencies, a study, and
/// one account per kind of caller (an API key for the API, a password for the pages). Helpers make fresh resources for
/// calls that change state, so every cell starts from the same situation whatever the cells before it did.
/// </summary>
internal sealed class MatrixWorld
{
    public const string RightTin = "TW90000001";
    public const string OtherTin = "TW90000002";
    public const string PublicTin = "TW90000003";

    /// <summary>Private to the right operator: no caller without business with it may ever read these.</summary>
    public const string RightName = "Matrix Right Trading Co";
    public const string EvidenceText = "ledger of matrix right trading: balance 7,654,321";

    public const string RightAgency = "FDA";
    public const string OtherAgency = "QUARANTINE";
    public const string PartnerEconomy = "JP";
    public const string Password = "matrix-password-1";

    /// <summary>A port nothing listens on: a partner there is unreachable at once, with no network or DNS involved.</summary>
    public const string PartnerUrl = "https://127.0.0.1:9";

    private readonly Dictionary<Caller, HttpClient> clients = [];
    private int counter;

    private MatrixWorld(OpenAeoApp app) => App = app;

    public OpenAeoApp App { get; }

    public Dictionary<Caller, string> Names { get; } = [];

    public int ApplicationId { get; private set; }

    public string ApplicationReference { get; private set; } = "";

    public int DocumentId { get; private set; }

    public int CertificateId { get; private set; }

    public string CertificateNumber { get; private set; } = "";

    public int ChainId { get; private set; }

    public string ChainName { get; private set; } = "";

    public Guid DeclarationId { get; private set; }

    public string DeclarationReference { get; private set; } = "";

    public int MraId { get; private set; }

    public long StudyId { get; private set; }

    public string StudyName { get; private set; } = "";

    public string InputSha256 { get; private set; } = "";

    public int CriteriaPackId { get; private set; }

    public string PartnerKey { get; } = NewPublicKey();

    /// <summary>The key New Zealand's node signs with (a partner the matrix changes, keeping its key).</summary>
    public string NzKey { get; } = NewPublicKey();

    public HttpClient Client(Caller caller) => clients[caller];

    public Actor ActorOf(Caller caller) =>
        caller switch
        {
            Caller.Trader => new Actor(Names[caller], Role.Trader, RightTin, null),
            Caller.ProgrammeOfficer => new Actor(Names[caller], Role.ProgrammeOfficer, null, null),
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };

    /// <summary>A number no earlier call used, for unique codes, names and TINs.</summary>
    public int Next() => Interlocked.Increment(ref counter);

    public static async Task<MatrixWorld> Build(OpenAeoApp app)
    {
        var world = new MatrixWorld(app);
        await world.Accounts();
        await world.Clearance();
        await world.Certification();
        await world.MutualRecognition();
        await world.TimeRelease();
        await world.Surveys();
        return world;
    }

    private async Task Accounts()
    {
        await App.WithDb(db => ClearanceDemoSeeder.SeedReferenceAsync(db, App.Clock.GetUtcNow(), CancellationToken.None));
        clients[Caller.Anonymous] = App.Anonymous();
        var admin = await Account(Caller.Admin, Role.Admin);
        foreach (
            var (tin, name, consent) in new[]
            {
                (RightTin, RightName, false),
                (OtherTin, "Matrix Other Trading", false),
                (PublicTin, "Matrix Consenting AEO", true),
            }
        )
        {
            await Ok(
                admin.PostAsJsonAsync(
                    "/api/v1/operators",
                    new
                    {
                        tin,
                        legalName = name,
                        economy = "TW",
                        roles = new[] { "Importer", "Exporter", "Manufacturer", "EcommercePlatform" },
                        employees = 40,
                        turnover = 1_000_000,
                        consentToExchange = consent,
                    }
                )
            );
        }

        await Account(Caller.Trader, Role.Trader, tin: RightTin);
        await Account(Caller.OtherTrader, Role.Trader, tin: OtherTin);
        await Account(Caller.Partner, Role.Partner, economy: PartnerEconomy);
        await Account(Caller.Agency, Role.OgaOfficer, agency: RightAgency);
        await Account(Caller.OtherAgency, Role.OgaOfficer, agency: OtherAgency);
        await Account(Caller.Analyst, Role.Analyst);
        await Account(Caller.Border, Role.BorderOfficer);
        await Account(Caller.Manager, Role.AccountManager);
        await Account(Caller.ProgrammeOfficer, Role.ProgrammeOfficer);
    }

    /// <summary>A fresh analyst account with an API key for one call that changes an account; disabled when the call enables it.</summary>
    public async Task<string> SpareAccount(bool disabled = false)
    {
        var name = $"matrix-spare-{Next()}";
        var added = await App.WithDb(db =>
            AddUser.Execute(
                new AddUserRequest(name, null, nameof(Role.Analyst), null, null, Password, true, "authorization matrix", null),
                Actor.System,
                db,
                App.Clock,
                CancellationToken.None
            )
        );
        added.Errors.ShouldBeEmpty();
        if (disabled)
        {
            await Ok(Client(Caller.Admin).PostAsJsonAsync($"/api/v1/users/{name}/disable", new { reason = "matrix" }));
        }

        return name;
    }

    /// <summary>A webhook subscription made for one call (to a public name; tests never dispatch here).</summary>
    public async Task<int> SpareWebhook()
    {
        var created = await App.WithDb(db =>
            CreateWebhook.Execute(
                new WebhookRequest($"https://hooks.example.org/matrix-{Next()}", "Matrix", ["certificate.suspended"]),
                Actor.System,
                db,
                App.Services.GetRequiredService<OpenAeo.Platform.Webhooks.WebhookSecrets>(),
                Microsoft.Extensions.Options.Options.Create(new OpenAeo.Platform.Webhooks.WebhookOptions()),
                App.Clock,
                CancellationToken.None
            )
        );
        created.Errors.ShouldBeEmpty();
        return created.Value!.Id;
    }

    /// <summary>A failed delivery of a spare subscription, to replay.</summary>
    public async Task<long> SpareDelivery()
    {
        var webhook = await SpareWebhook();
        return await App.WithDb(async db =>
        {
            var delivery = new OpenAeo.Platform.Webhooks.WebhookDelivery
            {
                SubscriptionId = webhook,
                AuditEntryId = Next(),
                MessageId = $"msg_{Guid.NewGuid():N}",
                EventType = "certificate.suspended",
                Payload = "{}",
                CreatedAt = App.Clock.GetUtcNow(),
                Status = OpenAeo.Platform.Webhooks.WebhookDeliveryStatus.Failed,
                Attempts = 8,
            };
            OpenAeo.Platform.Webhooks.WebhookStore.WebhookDeliveries(db).Add(delivery);
            await db.SaveChangesAsync();
            return delivery.Id;
        });
    }

    private async Task<HttpClient> Account(Caller caller, Role role, string? tin = null, string? economy = null, string? agency = null)
    {
        var name = $"matrix-{caller.ToString().ToLowerInvariant()}";
        var added = await App.WithDb(db =>
            AddUser.Execute(
                new AddUserRequest(name, null, role.ToString(), tin, economy, Password, true, "authorization matrix", agency),
                Actor.System,
                db,
                App.Clock,
                CancellationToken.None
            )
        );
        added.Errors.ShouldBeEmpty();
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", added.Value!.ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        clients[caller] = client;
        Names[caller] = name;
        return client;
    }

    private async Task Clearance()
    {
        var declaration = await Lodge(Client(Caller.Border), RightTin, "30049000");
        DeclarationId = declaration.Id;
        DeclarationReference = declaration.Reference;
        declaration.AgencyCases!.Select(c => c.Agency).ShouldBe([RightAgency]);
    }

    private async Task Certification()
    {
        var trader = Client(Caller.Trader);
        var officer = Client(Caller.ProgrammeOfficer);
        var started = await Ok<ApplicationResponse>(trader.PostAsJsonAsync("/api/v1/applications", new { track = "Standard" }));
        ApplicationId = started.Id;
        ApplicationReference = started.Reference;
        CriteriaPackId = started.CriteriaPackId;
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(EvidenceText)), "file", "ledger.txt");
            DocumentId = (await Ok<DocumentResponse>(trader.PostAsync($"/api/v1/applications/{ApplicationId}/documents", form))).Id;
        }

        await Validated(ApplicationId);
        await Ok(officer.PostAsJsonAsync($"/api/v1/applications/{ApplicationId}/grant", new { text = "Meets every criterion." }));
        var certificate = (await Ok<Page<CertificateResponse>>(officer.GetAsync($"/api/v1/certificates?tin={RightTin}"))).Items.Single();
        CertificateId = certificate.Id;
        CertificateNumber = certificate.Number;

        ChainName = "Matrix right chain";
        ChainId = (await Ok<ChainResponse>(trader.PostAsJsonAsync("/api/v1/supply-chains", new { name = ChainName }))).Id;
        await Ok(
            trader.PostAsJsonAsync(
                $"/api/v1/supply-chains/{ChainId}/members",
                new
                {
                    tin = PublicTin,
                    role = "RoadCarrier",
                    participation = "Direct",
                }
            )
        );

        // The consenting AEO is what partners see in the status log.
        await Issue(PublicTin);
    }

    private async Task MutualRecognition()
    {
        var admin = Client(Caller.Admin);
        await Ok(
            admin.PostAsJsonAsync(
                "/api/v1/partners",
                new
                {
                    economy = PartnerEconomy,
                    url = PartnerUrl,
                    publicKey = PartnerKey,
                    apiKey = "their-key",
                    reason = "matrix",
                }
            )
        );
        await Ok(
            admin.PostAsJsonAsync(
                "/api/v1/partners",
                new
                {
                    economy = "NZ",
                    url = PartnerUrl,
                    publicKey = NzKey,
                    apiKey = "their-key",
                    agreement = "sharing",
                    reason = "matrix",
                }
            )
        );
        MraId = (await Ok<MraResponse>(admin.PostAsJsonAsync("/api/v1/mras", Mra()))).Id;

        // A Japanese AEO in the partner's verified replica, so a partner's visit can be recognised under the TW–JP MRA.
        await App.WithDb(async db =>
        {
            await db.Partners().Where(p => p.Economy == PartnerEconomy).ExecuteUpdateAsync(u => u.SetProperty(p => p.TreeSize, 1L));
            db.ReplicaEntries().Add(OpenAeo.Tests.Certification.A_partner_visit_is_recognised_only_under_an_MRA_in_force.JapaneseAeo());
            await db.SaveChangesAsync();
        });
    }

    public int SurveyId { get; private set; }

    public const string SurveySlug = "matrix-survey";

    public const string SurveyTitle = "Matrix survey";

    /// <summary>An invitation to the matrix survey (its page is read, never answered, so one serves every caller).</summary>
    public string SurveyToken { get; private set; } = "";

    private async Task Surveys()
    {
        SurveyId = await OpenSurvey(SurveySlug, SurveyTitle);
        var invited = await Ok<SurveyInvitationsIssued>(
            Client(Caller.ProgrammeOfficer).PostAsJsonAsync($"/api/v1/surveys/{SurveyId}/invitations", new { count = 1, reason = "matrix" })
        );
        SurveyToken = invited.Links[0]["/s/".Length..];
    }

    /// <summary>A new survey from the workshop template, open on an open link for thirty days.</summary>
    public async Task<int> OpenSurvey(string? slug = null, string? title = null)
    {
        var officer = Client(Caller.ProgrammeOfficer);
        var id = (
            await Ok<SurveyView>(
                officer.PostAsJsonAsync(
                    "/api/v1/surveys",
                    new
                    {
                        template = "apec-workshop",
                        slug = slug ?? $"matrix-survey-{Next()}",
                        title,
                        reason = "matrix",
                    }
                )
            )
        ).Id;
        await Ok(
            officer.PostAsJsonAsync(
                $"/api/v1/surveys/{id}/opening",
                new
                {
                    closesOn = Today.AddDays(30),
                    openLink = true,
                    reason = "matrix",
                }
            )
        );
        return id;
    }

    private async Task TimeRelease()
    {
        var events = Path.Combine(App.DataFolder, "matrix-events.csv");
        await App.TrsGenerate(events, 400, 5);
        using var upload = new MultipartFormDataContent();
        upload.Add(new ByteArrayContent(await File.ReadAllBytesAsync(events)), "file", "matrix-events.csv");
        InputSha256 = (await Ok<StudyInputJson>(Client(Caller.Analyst).PostAsync("/api/v1/trs/inputs", upload))).Sha256!;
        StudyName = "Matrix study";
        var study = await Ok<StudyResponse>(Client(Caller.Analyst).PostAsJsonAsync("/api/v1/trs/studies", Study(StudyName)));
        StudyId = study.Id;

        // The runner works in the background; the matrix reads the finished study, so wait for it (bounded, no timing).
        for (var attempt = 0; ; attempt++)
        {
            var status = (await Ok<StudyResponse>(Client(Caller.Analyst).GetAsync($"/api/v1/trs/studies/{StudyId}"))).Status;
            if (status == "Succeeded")
            {
                break;
            }

            status.ShouldNotBe("Failed");
            attempt.ShouldBeLessThan(1_200, "the study never finished");
            await Task.Delay(100);
        }
    }

    // ----- Bodies the cells send -----

    public object Study(string name) =>
        new
        {
            name,
            definition = new
            {
                stage = "apec1",
                groupBy = new[] { "mode" },
                mra = "TW-JP",
                beforeFrom = "2018-10-12",
                afterTo = "2019-12-31",
            },
            input = InputSha256,
        };

    public static object Mra() =>
        new
        {
            name = "Matrix arrangement",
            parties = new[] { "TW", "PE" },
            status = "UnderNegotiation",
            reason = "matrix",
        };

    /// <summary>A rule that matches nothing the matrix lodges (live animals from Peru by air), so lanes never change.</summary>
    public object Rule(string id) =>
        new
        {
            id,
            name = "Matrix rule " + id,
            conditions = new
            {
                hsCodes = new[] { "0101" },
                origins = new[] { "PE" },
                modes = new[] { "Air" },
            },
            score = 5,
            effectiveFrom = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            reason = "matrix",
        };

    public DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);

    public static object Declaration(string importer, string hs) => Border.Declaration(importer, hs, value: 900, broker: false);

    public async Task<string> RejectionReason() =>
        (await Ok<CodedReason[]>(Client(Caller.Anonymous).GetAsync("/api/v1/programmes/TW/rejection-reasons")))[0].Code!;

    /// <summary>The questions of the right operator's pack as they are (a new version with the same questions).</summary>
    public async Task<JsonElement> Questions() =>
        (await Ok(Client(Caller.Anonymous).GetAsync($"/api/v1/criteria-packs/{CriteriaPackId}"))).GetProperty("questions");

    /// <summary>Another programme than the right operator's, a new one each call (a programme's first edit of a shipped pack starts its own
    /// line).</summary>
    public async Task<string> OtherProgramme()
    {
        var codes = (await Ok<ProgrammeSummary[]>(Client(Caller.Anonymous).GetAsync("/api/v1/programmes")))
            .Select(p => p.Code)
            .Where(c => c != "TW")
            .Order(StringComparer.Ordinal)
            .ToList();
        return codes[Next() % codes.Count];
    }

    /// <summary>
    /// The right programme's active e-commerce pack (its own version once an agency added criteria, else the shipped one):
    /// the agency's criteria go there, so the applications the matrix walks (standard track) wait for no agency.
    /// </summary>
    public async Task<int> EcommercePack()
    {
        var packs = (await Ok<CriteriaPackResponse[]>(Client(Caller.Anonymous).GetAsync("/api/v1/criteria-packs")))
            .Where(p => p.Status == "Active")
            .ToList();
        return (packs.FirstOrDefault(p => p.Key == "TW:ecommerce") ?? packs.Single(p => p.Key == "ecommerce")).Id;
    }

    /// <summary>The right agency as published, to save it back unchanged (lanes of later cells stay the same).</summary>
    public async Task<object> AgencyAsItIs()
    {
        var agency = (await Ok<Page<AgencyResponse>>(Client(Caller.Anonymous).GetAsync("/api/v1/agencies"))).Items.Single(a =>
            a.Code == RightAgency
        );
        return new
        {
            name = agency.Name,
            benefits = agency.Benefits.Select(b => new { family = b.Family.ToString(), description = b.Description }),
            aeoInspectionFactor = agency.AeoInspectionFactor,
        };
    }

    // ----- Fresh resources -----

    public static async Task<DeclarationResponse> Lodge(HttpClient client, string importer, string hs) =>
        await Ok<DeclarationResponse>(client.PostAsJsonAsync("/api/v1/declarations", Declaration(importer, hs)));

    /// <summary>
    /// A released declaration of the right operator: furniture (no rule, no agency) is released when its lane is
    /// assigned, unless the random selection picked it; then the border officer clears it, whatever the lane asks.
    /// </summary>
    public async Task<Guid> Released()
    {
        var lodged = await Lodge(Client(Caller.Border), RightTin, "94036000");
        var id = lodged.Id;
        if (lodged.ReleasedAt is null)
        {
            foreach (
                var action in new[] { "StartDocumentaryCheck", "EndDocumentaryCheck", "StartExamination", "EndExamination", "Release" }
            )
            {
                // Steps the lane does not call for are refused (409) and skipped.
                using var step = await Client(Caller.Border)
                    .PostAsJsonAsync($"/api/v1/declarations/{id}/actions", new { action, result = "Compliant" });
            }

            (await Ok<DeclarationResponse>(Client(Caller.Border).GetAsync($"/api/v1/declarations/{id}"))).ReleasedAt.ShouldNotBeNull();
        }

        return id;
    }

    /// <summary>A declaration of the right operator waiting for the right agency's permit (medicines); optionally a joint inspection
    /// too.</summary>
    public async Task<Guid> AwaitingPermit(bool jointInspection = false)
    {
        var id = (await Lodge(Client(Caller.Border), RightTin, "30049000")).Id;
        if (jointInspection)
        {
            await App.WithDb(async db =>
            {
                var c = await db.AgencyCases().SingleAsync(x => x.DeclarationId == id && x.Agency == RightAgency);
                c.JointInspection = true;
                await db.SaveChangesAsync();
            });
        }

        return id;
    }

    public static readonly object BenefitBody = new
    {
        kind = "Customs",
        family = "Priority",
        places = new[] { "Import" },
        delivery = "Procedure",
        texts = new[]
        {
            new
            {
                language = "en",
                title = "Matrix benefit",
                description = "Checked by the authorization matrix.",
            },
        },
        reason = "matrix",
    };

    /// <summary>A new benefit of the programme TW, as an administrator writes it.</summary>
    public async Task<int> NewBenefit() =>
        (await Ok<ProgrammeBenefitResponse>(Client(Caller.Admin).PostAsJsonAsync("/api/v1/programmes/TW/benefits", BenefitBody))).Id;

    /// <summary>The programme TW's own Spanish words for a criterion, as an administrator writes them; returns the criterion.</summary>
    public async Task<string> NewGuideText()
    {
        await Ok(Client(Caller.Admin).PutAsJsonAsync("/api/v1/programmes/TW/guides/FIN-1/es", new { looksFor = "Palabras de la matriz." }));
        return "FIN-1";
    }

    /// <summary>A new prior-consultation request, as anyone sends it.</summary>
    public async Task<int> NewProspect()
    {
        var reference = (
            await Ok<ConsultationResponse>(
                Client(Caller.Anonymous)
                    .PostAsJsonAsync(
                        "/api/v1/public/consultations",
                        new
                        {
                            programme = "TW",
                            tin = $"TW98{Next():D6}",
                            legalName = "Matrix prospect",
                            contactName = "Matrix",
                            email = "matrix@example.com",
                            preferredDates = new[] { new DateOnly(2026, 3, 20) },
                        }
                    )
            )
        ).Reference;
        var prospects = await Ok<Page<ProspectResponse>>(Client(Caller.Admin).GetAsync("/api/v1/prospects?status=New"));
        return prospects.Items.Single(p => p.Reference == reference).Id;
    }

    /// <summary>A prior-consultation request an administrator accepted.</summary>
    public async Task<int> AcceptedProspect()
    {
        var id = await NewProspect();
        await Ok(Client(Caller.Admin).PostAsJsonAsync($"/api/v1/prospects/{id}/acceptance", new { }));
        return id;
    }

    /// <summary>A new application of the right operator (the cleaner withdraws it after the cell).</summary>
    public async Task<int> Draft() =>
        (await Ok<ApplicationResponse>(Client(Caller.Trader).PostAsJsonAsync("/api/v1/applications", new { track = "Standard" }))).Id;

    /// <summary>A new application with every question answered and every evidence file attached, ready to submit.</summary>
    public async Task<int> Complete()
    {
        var id = await Draft();
        await Fill(id);
        return id;
    }

    public async Task<int> Submitted()
    {
        var id = await Complete();
        await Ok(Client(Caller.Trader).PostAsJsonAsync($"/api/v1/applications/{id}/submission", new { }));
        return id;
    }

    public async Task<int> UnderReview(int? existing = null)
    {
        var id = existing ?? await Submitted();
        await Ok(Client(Caller.ProgrammeOfficer).PostAsJsonAsync($"/api/v1/applications/{id}/review", new { }));
        return id;
    }

    public async Task<(int Application, int Request)> InformationRequested()
    {
        var id = await UnderReview();
        var asked = await Ok<ApplicationResponse>(
            Client(Caller.ProgrammeOfficer)
                .PostAsJsonAsync(
                    $"/api/v1/applications/{id}/information-requests",
                    new { question = "Send the stock reconciliation.", dueOn = Today.AddDays(20) }
                )
        );
        return (id, asked.InformationRequests[0].Id);
    }

    public async Task<(int Application, int Visit)> VisitPlanned(int? existing = null)
    {
        var id = await UnderReview(existing is null ? null : await Submitted(existing.Value));
        var planned = await Ok<ApplicationResponse>(
            Client(Caller.ProgrammeOfficer).PostAsJsonAsync($"/api/v1/applications/{id}/visits", new { mode = "Remote" })
        );
        return (id, planned.Visits[0].Id);
    }

    public async Task<int> Validated(int? existing = null)
    {
        var (id, visit) = await VisitPlanned(existing);
        await Ok(
            Client(Caller.ProgrammeOfficer)
                .PostAsJsonAsync(
                    $"/api/v1/applications/{id}/visits/{visit}/report",
                    VisitReport.CargoSecurity("Met", null, "Remote review of procedures.")
                )
        );
        return id;
    }

    /// <summary>An application under a notice of intent to reject (ADR 0032).</summary>
    public async Task<int> NoticeOpen()
    {
        var id = await UnderReview();
        await Ok(
            Client(Caller.ProgrammeOfficer)
                .PostAsJsonAsync(
                    $"/api/v1/applications/{id}/notice-of-intent",
                    new { reasons = new[] { await RejectionReason() }, text = "Records." }
                )
        );
        return id;
    }

    /// <summary>An application whose applicant answered the notice of intent: the rejection may be decided.</summary>
    public async Task<int> NoticeHeard()
    {
        var id = await NoticeOpen();
        await Ok(
            Client(Caller.Trader).PostAsJsonAsync($"/api/v1/applications/{id}/notice-of-intent/response", new { text = "We disagree." })
        );
        return id;
    }

    /// <summary>A validated application with a grant prepared by an officer who is none of the matrix's callers (four eyes).</summary>
    public async Task<int> PreparedGrant()
    {
        var id = await Validated();
        await App.WithDb(async db =>
        {
            var application = await db.Applications().SingleAsync(a => a.Id == id);
            var command = new ApplicationCommand(
                ApplicationAction.Grant,
                Side.Customs,
                Today,
                null,
                "matrix",
                "matrix-preparer",
                new DecisionRules(FindingsPolicy.Block, true, 30)
            );
            var decision = ApplicationWorkflow.Decide(application.Status(0, 0), command);
            application.Apply(command, decision.Value!, App.Clock.GetUtcNow(), "matrix-preparer");
            await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A validated application whose visit rated Cargo security PartlyMet.</summary>
    public async Task<(int Application, int Visit)> FindingToImprove()
    {
        var (id, visit) = await VisitPlanned();
        await Ok(
            Client(Caller.ProgrammeOfficer)
                .PostAsJsonAsync(
                    $"/api/v1/applications/{id}/visits/{visit}/report",
                    VisitReport.CargoSecurity("PartlyMet", "Seal log on paper.", "Remote review of procedures.")
                )
        );
        return (id, visit);
    }

    /// <summary>An improvement action answering the PartlyMet finding of <see cref="FindingToImprove"/>, due in 60 days.</summary>
    public object SealLogAction(int visit) =>
        new
        {
            source = "Finding",
            key = "Cargo security",
            visitId = visit,
            what = "Log seals at the gate.",
            who = "Gate supervisor",
            dueOn = Today.AddDays(60),
        };

    public async Task<(int Application, int Action)> ImprovementFiled()
    {
        var (id, visit) = await FindingToImprove();
        var filed = await Ok<ApplicationResponse>(
            Client(Caller.Trader).PostAsJsonAsync($"/api/v1/applications/{id}/improvement-actions", SealLogAction(visit))
        );
        return (id, filed.ImprovementActions[0].Id);
    }

    /// <summary>A certificate of the right operator under a notice of intent to revoke; answered by the holder, and a revocation prepared
    /// by another officer.</summary>
    public async Task<int> RevocationNotice(bool heard = false, bool prepared = false)
    {
        var id = await Issue(RightTin);
        await Ok(Client(Caller.Admin).PostAsJsonAsync($"/api/v1/certificates/{id}/notice-of-intent", new { reason = "Fraud suspected." }));
        if (heard)
        {
            await Ok(
                Client(Caller.Trader)
                    .PostAsJsonAsync($"/api/v1/certificates/{id}/notice-of-intent/response", new { text = "We contest it." })
            );
        }

        if (prepared)
        {
            await App.WithDb(async db =>
            {
                var certificate = await db.Certificates().SingleAsync(c => c.Id == id);
                certificate
                    .RequestRevocation("Fraud confirmed.", fourEyes: true, Today, App.Clock.GetUtcNow(), "matrix-preparer")
                    .IsOk.ShouldBeTrue();
                await db.SaveChangesAsync();
            });
        }

        return id;
    }

    private async Task<int> Submitted(int existing)
    {
        await Fill(existing);
        await Ok(Client(Caller.Trader).PostAsJsonAsync($"/api/v1/applications/{existing}/submission", new { }));
        return existing;
    }

    private async Task Fill(int id)
    {
        var trader = ActorOf(Caller.Trader);
        await App.WithDb(async db =>
        {
            var application = await db.Applications().AsNoTracking().SingleAsync(a => a.Id == id);
            var pack = await db.CriteriaPacks().AsNoTracking().SingleAsync(p => p.Id == application.CriteriaPackId);
            var now = App.Clock.GetUtcNow();
            foreach (var q in pack.ActiveQuestions)
            {
                var answer = Answer.Create(id, q.Code, now, trader.Name).Value!;
                answer.Set("Documented procedure with a named owner.", false, null, false, null, now, trader.Name).ShouldBeEmpty();
                db.Answers().Add(answer);
                if (q.EvidenceRequired)
                {
                    var content = Encoding.UTF8.GetBytes($"procedure {q.Code}\n");
                    db.Documents()
                        .Add(
                            EvidenceDocument
                                .Create(
                                    id,
                                    q.Code,
                                    $"{q.Code}.txt",
                                    content,
                                    Convert.ToHexStringLower(SHA256.HashData(content)),
                                    false,
                                    now,
                                    trader.Name
                                )
                                .Value!
                        );
                }
            }

            await db.SaveChangesAsync();
        });
    }

    /// <summary>An application in prior consultation (pausable without a complete self-assessment).</summary>
    public async Task<int> InConsultation()
    {
        var id = await Draft();
        await Ok(Client(Caller.Trader).PostAsJsonAsync($"/api/v1/applications/{id}/consultation", new { }));
        return id;
    }

    /// <summary>An application with a pause proposed by one side, for the other side to answer.</summary>
    public async Task<int> PauseProposedBy(Caller proposer)
    {
        var id = await InConsultation();
        await Ok(
            Client(proposer)
                .PostAsJsonAsync(
                    $"/api/v1/applications/{id}/pause-proposal",
                    new { reason = "Moving warehouse.", resumeBy = Today.AddDays(30) }
                )
        );
        return id;
    }

    public async Task<int> Paused()
    {
        var id = await PauseProposedBy(Caller.ProgrammeOfficer);
        await Ok(Client(Caller.Trader).PostAsJsonAsync($"/api/v1/applications/{id}/pause-proposal/acceptance", new { }));
        return id;
    }

    /// <summary>Withdraws what a cell left open on the right operator, so the next cell may start an application again.</summary>
    public async Task CleanUp()
    {
        var open = await App.WithDb(db =>
            db.Applications()
                .AsNoTracking()
                .Where(a =>
                    a.OperatorTin == Tin.FromTrusted(RightTin)
                    && a.State != ApplicationState.Granted
                    && a.State != ApplicationState.Rejected
                    && a.State != ApplicationState.Withdrawn
                )
                .Select(a => a.Id)
                .ToListAsync()
        );
        foreach (var id in open)
        {
            await Ok(Client(Caller.Trader).PostAsJsonAsync($"/api/v1/applications/{id}/withdrawal", new { reason = "matrix cell done" }));
        }
    }

    /// <summary>
    /// A certificate of the operator, issued directly (what an import of an existing register does); with
    /// <paramref name="validUntil"/> a fixed-term one (an indefinite certificate has nothing to renew).
    /// </summary>
    public async Task<int> Issue(string tin, bool suspended = false, DateOnly? validUntil = null)
    {
        var id = await App.WithDb(async db =>
        {
            var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == "TW");
            var now = App.Clock.GetUtcNow();
            var certificate = Domain
                .Certification.Certificate.Issue(
                    $"TW-MATRIX-{Next():D5}",
                    "TW",
                    Tin.FromTrusted(tin),
                    null,
                    programme.Tiers,
                    Today.AddYears(-1),
                    validUntil,
                    null,
                    now,
                    "matrix"
                )
                .Value!;
            db.Certificates().Add(certificate);
            await db.SaveChangesAsync();
            return certificate.Id;
        });
        if (suspended)
        {
            await Ok(
                Client(Caller.Admin)
                    .PostAsJsonAsync($"/api/v1/certificates/{id}/suspension", new { reason = "matrix", effectiveFrom = Today })
            );
        }

        return id;
    }

    /// <summary>A certificate of the right operator with its first self-review submitted by the trader.</summary>
    public async Task<(int Certificate, int Review)> SelfReviewed()
    {
        var id = await Issue(RightTin);
        var plan = await Ok<MonitoringResponse>(
            Client(Caller.Trader).PostAsJsonAsync($"/api/v1/certificates/{id}/self-reviews", MonitoringBodies.NothingChanged)
        );
        return (id, plan.SelfReviews[0].Id);
    }

    /// <summary>A certificate of the right operator with a reassessment opened by the administrator.</summary>
    public async Task<(int Certificate, int Reassessment)> Reassessing()
    {
        var id = await Issue(RightTin);
        var plan = await Ok<MonitoringResponse>(
            Client(Caller.Admin).PostAsJsonAsync($"/api/v1/certificates/{id}/reassessments", new { reason = "Spot check." })
        );
        return (id, plan.OpenReassessment!.Id);
    }

    /// <summary>A newly registered merchant for the right operator's e-commerce platform, linked to it or not yet.</summary>
    public async Task<string> Merchant(bool linked)
    {
        var tin = $"TW94{Next():D6}";
        await Ok(
            Client(Caller.Admin)
                .PostAsJsonAsync(
                    "/api/v1/operators",
                    new
                    {
                        tin,
                        legalName = "Matrix merchant",
                        economy = "TW",
                        roles = new[] { "EcommerceMerchant" },
                    }
                )
        );
        if (linked)
        {
            await Ok(Client(Caller.Admin).PostAsJsonAsync($"/api/v1/operators/{RightTin}/merchants", new { merchantTin = tin }));
        }

        return tin;
    }

    public async Task<int> Chain(bool withMember)
    {
        var id = (
            await Ok<ChainResponse>(Client(Caller.Trader).PostAsJsonAsync("/api/v1/supply-chains", new { name = $"Matrix chain {Next()}" }))
        ).Id;
        if (withMember)
        {
            await Ok(
                Client(Caller.Trader)
                    .PostAsJsonAsync(
                        $"/api/v1/supply-chains/{id}/members",
                        new
                        {
                            tin = PublicTin,
                            role = "RoadCarrier",
                            participation = "Direct",
                        }
                    )
            );
        }

        return id;
    }

    public async Task<int> Control()
    {
        var agency = await Ok<AgencyResponse>(
            Client(Caller.Admin).PostAsJsonAsync($"/api/v1/agencies/{RightAgency}/controls", Control(Next()))
        );
        return agency.Controls.Max(c => c.Id);
    }

    /// <summary>Works of art (HS 9701–9706), which nothing the matrix lodges contains.</summary>
    public static object Control(int n) =>
        new
        {
            hsCodes = $"970{1 + (n % 6)}",
            permitRequired = false,
            documentaryCheck = true,
            inspectionRate = 0.01,
        };

    public async Task<string> NewRule()
    {
        var id = $"MATRIX-{Next()}";
        await Ok(Client(Caller.Admin).PostAsJsonAsync("/api/v1/clearance/rules", Rule(id)));
        return id;
    }

    public async Task<string> RetirablePartner()
    {
        await Ok(
            Client(Caller.Admin)
                .PostAsJsonAsync(
                    "/api/v1/partners",
                    new
                    {
                        economy = "AU",
                        url = PartnerUrl,
                        publicKey = NewPublicKey(),
                        apiKey = "k",
                        agreement = "sharing",
                        reason = "matrix",
                    }
                )
        );
        return "AU";
    }

    public static string NewPublicKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Sends a setup call and insists it succeeded (setup failures are not matrix results).</summary>
    public static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeInRange(
            200,
            299,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}"
        );
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Sends a setup call, insists it succeeded and reads its answer as <typeparamref name="T"/>.</summary>
    public static async Task<T> Ok<T>(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        ((int)response.StatusCode).ShouldBeInRange(
            200,
            299,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}"
        );
        return await response.Read<T>();
    }
}
