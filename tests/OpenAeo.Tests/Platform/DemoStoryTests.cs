using System.Globalization;
using System.Security.Cryptography;
using OpenAeo.Certification;
using OpenAeo.Clearance;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Notifications;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// One demo administration per provider, seeded once for the class at an hour when the programme's day (Taipei) is
/// already the next UTC day, so every "nothing after now" below is tested where local and UTC days differ.
/// </summary>
public sealed class SeededDemo : IAsyncDisposable
{
    /// <summary>02:30 on 3 March in Taipei, still 2 March in UTC (the test clock starts at 09:00 UTC on 2 March).</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 18, 30, 0, TimeSpan.Zero);

    private readonly Dictionary<string, Task<OpenAeoApp>> apps = [];

    public Task<OpenAeoApp> On(string provider)
    {
        lock (apps)
        {
            if (!apps.TryGetValue(provider, out var app))
            {
                apps[provider] = app = Seed(provider);
            }

            return app;
        }
    }

    private static async Task<OpenAeoApp> Seed(string provider)
    {
        var app = await OpenAeoApp.On(provider);
        app.Clock.SetUtcNow(Now);
        var (exit, output, error) = await app.Cli("demo", "seed");
        exit.ShouldBe(0, error + output);
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in apps.Values)
        {
            await (await app).DisposeAsync();
        }
    }
}

public sealed class The_demo_story(SeededDemo demo) : IClassFixture<SeededDemo>
{
    private static bool IsAeo(RecognitionResult status) => status is RecognitionResult.LocalAeo or RecognitionResult.RecognisedUnderMra;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Most_operators_are_SMEs_every_size_class_and_every_role_is_there(string provider)
    {
        var app = await demo.On(provider);
        var (operators, definition) = await app.WithDb(async db =>
            (
                await db.Operators().AsNoTracking().Where(o => o.EconomyCode == "TW").ToListAsync(),
                (await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == "TW")).SmeDefinition
            )
        );

        operators.Count.ShouldBeGreaterThan(250);
        (operators.Count(o => o.SmeClass(definition) == SmeClass.Sme) / (double)operators.Count).ShouldBeGreaterThan(0.75);
        operators
            .Select(o =>
                o.Employees switch
                {
                    < 10 => "micro",
                    < 50 => "small",
                    < 200 => "medium",
                    _ => "large",
                }
            )
            .Distinct()
            .Count()
            .ShouldBe(4);
        foreach (var role in OperatorRoleNames.All)
        {
            operators.ShouldContain(o => o.Roles.HasFlag(role), role.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Certificates_were_granted_over_the_years_and_some_were_suspended_revoked_expired_or_renewed(string provider)
    {
        var app = await demo.On(provider);
        var (certificates, renewals, smes) = await app.WithDb(async db =>
            (
                await db.Certificates().AsNoTracking().Include(c => c.Events).ToListAsync(),
                await db.Applications().AsNoTracking().Where(a => a.RenewalOfCertificateId != null).ToListAsync(),
                (await db.Operators().AsNoTracking().Where(o => o.Employees < 200).Select(o => o.Tin).ToListAsync()).ToHashSet()
            )
        );

        certificates.Select(c => c.ValidFrom.Year).Distinct().Count().ShouldBeGreaterThanOrEqualTo(8);
        foreach (var status in Enum.GetValues<CertificateStatus>())
        {
            certificates.ShouldContain(c => c.Status == status, status.ToString());
        }

        certificates.ShouldContain(c => c.Events.Any(e => e.Kind == CertificateEventKind.Reinstated));
        certificates.ShouldAllBe(c => c.ProgrammeCode == "TW", "the node certifies for its own economy only");
        certificates.SelectMany(c => c.Events).ShouldAllBe(e => e.RecordedAt <= SeededDemo.Now);
        var active = certificates.Where(c => c.Status == CertificateStatus.Active).ToList();
        active.Count(c => smes.Contains(c.OperatorTin)).ShouldBeGreaterThan(30);

        // Renewed: a reassessment granted a new certificate to the holder of one that then ended.
        var renewed = renewals.Where(a => a.State == ApplicationState.Granted).ToList();
        renewed.ShouldNotBeEmpty();
        renewed.ShouldAllBe(a => certificates.Single(c => c.Id == a.CertificateId).Status == CertificateStatus.Active);
        renewed.ShouldContain(a => certificates.Single(c => c.Id == a.RenewalOfCertificateId).Status == CertificateStatus.Expired);

        // The SME track works: SMEs hold a larger share of the certificates OpenAeo granted than of the register it inherited.
        static double SmeShare(IEnumerable<Certificate> list, IReadOnlySet<Tin> smes) =>
            list.Count(c => smes.Contains(c.OperatorTin)) / (double)list.Count();
        SmeShare(certificates.Where(c => c.ApplicationId != null && !renewals.Any(r => r.CertificateId == c.Id)), smes)
            .ShouldBeGreaterThan(SmeShare(certificates.Where(c => c.ApplicationId == null), smes));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Holders_review_themselves_every_year_one_review_is_due_one_overdue_and_a_Red_lane_discrepancy_is_being_reassessed(
        string provider
    )
    {
        var app = await demo.On(provider);
        var (reviews, reassessments, queue) = await app.WithDb(async db =>
            (
                await db.SelfReviews().AsNoTracking().ToListAsync(),
                await db.Reassessments().AsNoTracking().ToListAsync(),
                await ListMonitoring.Load(db, SeededDemo.Now, overdueOnly: false, CancellationToken.None)
            )
        );

        reviews.Count(r => r.Outcome == MonitoringOutcome.Confirmed).ShouldBeGreaterThan(20);
        reviews.ShouldAllBe(r => r.SubmittedAt <= SeededDemo.Now && (r.DecidedAt == null || r.DecidedAt <= SeededDemo.Now));
        queue.Items.ShouldContain(i => i.Kind == "SelfReview" && !i.Overdue);
        queue.Items.ShouldContain(i => i.Kind == "SelfReview" && i.Overdue);
        reassessments.ShouldContain(r => r.Outcome == MonitoringOutcome.Confirmed && r.Kind == ReassessmentKind.Periodic);
        var discrepancy = reassessments.Single(r => r.Outcome == null && r.Triggers.Any(t => t.Source == TriggerSource.BorderDiscrepancy));
        queue.Items.ShouldContain(i => i.Kind == "Reassessment" && i.ItemId == discrepancy.Id);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Applications_stand_in_every_state_spread_over_eighteen_months_with_realistic_durations(string provider)
    {
        var app = await demo.On(provider);
        var applications = await app.WithDb(db => db.Applications().AsNoTracking().Include(a => a.Events).ToListAsync());

        foreach (var state in Enum.GetValues<ApplicationState>())
        {
            applications.ShouldContain(a => a.State == state, state.ToString());
        }

        applications.ShouldAllBe(a => a.ProgrammeCode == "TW");
        applications.SelectMany(a => a.Events).ShouldAllBe(e => e.At <= SeededDemo.Now);
        (SeededDemo.Now - applications.Min(a => a.CreatedAt)).TotalDays.ShouldBeGreaterThan(15 * 30.4);
        applications.Select(a => (a.CreatedAt.Year, a.CreatedAt.Month)).Distinct().Count().ShouldBeGreaterThanOrEqualTo(12);
        applications
            .Where(a => a.State == ApplicationState.Rejected)
            .ShouldAllBe(a => a.RejectionCodes.Count > 0 && !string.IsNullOrWhiteSpace(a.DecisionText));
        applications.SelectMany(a => a.RejectionCodes).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        foreach (
            var action in new[]
            {
                ApplicationAction.RequestConsultation,
                ApplicationAction.RequestInformation,
                ApplicationAction.AnswerInformation,
                ApplicationAction.AcceptPause,
                ApplicationAction.Resume,
                ApplicationAction.RecognisePartnerValidation,
            }
        )
        {
            applications.ShouldContain(a => a.Events.Any(e => e.Action == action.ToString()), action.ToString());
        }

        applications.ShouldContain(a => a.Track == Track.Ecommerce);
        applications.ShouldContain(
            a => a.Events.Any(e => e.Actor == "system" && e.Action == nameof(ApplicationAction.Resume)),
            "the nightly job ends agreed pauses"
        );

        // Decided within the programme's SLA (business days while customs held the file), but not in a few days.
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var used = new List<(int Used, int Limit)>();
        foreach (var a in applications.Where(a => a.State is ApplicationState.Granted or ApplicationState.Rejected))
        {
            var clock = (await officer.Get<ApplicationResponse>($"/api/v1/applications/{a.Id}")).Clock;
            used.Add((clock.UsedDays, clock.LimitDays));
        }

        used.Count.ShouldBeGreaterThan(30);
        (used.Count(u => u.Used <= u.Limit) / (double)used.Count).ShouldBeGreaterThan(0.8);
        used.Select(u => u.Used).Order().ElementAt(used.Count / 2).ShouldBeInRange(15, 80);
        var queue = await officer.Get<Page<ApplicationSummary>>("/api/v1/applications/queue");
        queue.Items.ShouldContain(q => q.Clock.Overdue, "a case past its SLA heads the queue");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_traders_companies_have_the_stories_the_README_tells(string provider)
    {
        var app = await demo.On(provider);
        var trader = await app.ClientAs(Role.Trader, "TW00000001");
        var trader2 = await app.ClientAs(Role.Trader, "TW00000002");
        var trader3 = await app.ClientAs(Role.Trader, "TW00000005");

        var formosa = (await trader.GetItemsAsync<ApplicationSummary>("/api/v1/applications"))!;
        var formosaCertificates = (await trader.GetItemsAsync<CertificateResponse>("/api/v1/certificates"))!;
        formosa.ShouldHaveSingleItem().State.ShouldBe("Granted");
        var history = (await trader.Get<ApplicationResponse>($"/api/v1/applications/{formosa[0].Id}"))
            .Events.Select(e => e.Action)
            .ToList();
        history.ShouldContain("RequestConsultation");
        history.ShouldContain("AcceptPause");
        history.ShouldContain("RequestInformation");
        history.ShouldContain("Grant");
        formosa[0].Track.ShouldBe("Sme");
        formosaCertificates.ShouldHaveSingleItem().Status.ShouldBe("Active");

        var semiconductor = (await trader2.GetItemsAsync<ApplicationSummary>("/api/v1/applications"))!;
        var renewal = await trader2.Get<ApplicationResponse>($"/api/v1/applications/{semiconductor.ShouldHaveSingleItem().Id}");
        renewal.RenewalOfCertificateId.ShouldNotBeNull();
        renewal.State.ShouldBe("Granted");
        (await trader2.GetItemsAsync<CertificateResponse>("/api/v1/certificates"))!
            .Select(c => c.Status)
            .Order()
            .ShouldBe(["Active", "Expired"]);

        var optics = (await trader3.GetItemsAsync<ApplicationSummary>("/api/v1/applications"))!;
        optics.ShouldHaveSingleItem().State.ShouldBe("InformationRequested");

        var names = await app.WithDb(db => db.Users().Select(u => u.Name).ToListAsync());
        DemoData.AccountsList.Select(a => a.Name).Except(names).ShouldBeEmpty();
        (await app.WithDb(db => db.Applications().AnyAsync(a => a.OperatorTin == Tin.FromTrusted("TW00000003")))).ShouldBeFalse(
            "the broker has no application yet"
        );
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Partner_AEOs_are_recognised_through_verified_replicas_under_MRAs_in_force(string provider)
    {
        var app = await demo.On(provider);
        var (partners, mras, consignors) = await app.WithDb(async db =>
            (
                await db.Partners().AsNoTracking().ToListAsync(),
                await db.Mras().AsNoTracking().ToDictionaryAsync(m => m.Id),
                await db.ReplicaEntries().AsNoTracking().Select(e => e.Tin).Distinct().ToListAsync()
            )
        );

        partners.Select(p => p.Economy).Order().ShouldBe(["AU", "JP", "KR"]);
        foreach (var p in partners)
        {
            p.Health.ShouldBe(PartnerHealth.Healthy);
            mras[p.MraId!.Value].Status.ShouldBe(MraStatus.InForce);
            var head = SignedTreeHead.Parse(Encoding.UTF8.GetBytes(p.VerifiedTreeHead!)).Value!;
            head.Verify(p.PublicKey).ShouldBeTrue("the stored tree head is the partner's, signed by its key");
            head.TreeSize.ShouldBe(p.TreeSize);
        }

        consignors.Count.ShouldBeGreaterThan(60);
        var officer = await app.ClientAs(Role.BorderOfficer);
        var osaka = await officer.Get<RecognitionResponse>("/api/v1/recognition/JP1000000001");
        osaka.Result.ShouldBe("RecognisedUnderMra");
        osaka.Partner.ShouldBe("JP");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Twelve_months_of_traffic_give_AEO_importers_about_a_third_of_it_and_far_fewer_red_lanes(string provider)
    {
        var app = await demo.On(provider);
        var declarations = await app.WithDb(db =>
            db.Declarations()
                .AsNoTracking()
                .Select(d => new
                {
                    d.Reference,
                    d.LodgedAt,
                    d.Lane,
                    d.PrincipalStatus,
                    d.ConsignorStatus,
                    d.ImporterTin,
                })
                .ToListAsync()
        );
        var demoTraffic = declarations
            .Where(d => d.Reference.StartsWith(GenerateDeclarations.DemoPrefix, StringComparison.Ordinal))
            .ToList();

        demoTraffic.Count.ShouldBe(ClearanceDemoSeeder.DemoDeclarations);
        declarations.ShouldAllBe(d => d.LodgedAt <= SeededDemo.Now);
        (demoTraffic.Max(d => d.LodgedAt) - demoTraffic.Min(d => d.LodgedAt)).TotalDays.ShouldBeGreaterThan(350);
        var aeo = demoTraffic.Where(d => IsAeo(d.PrincipalStatus)).ToList();
        var others = demoTraffic.Where(d => !IsAeo(d.PrincipalStatus)).ToList();
        (aeo.Count / (double)demoTraffic.Count).ShouldBeInRange(0.25, 0.45);
        static double Red<T>(IReadOnlyCollection<T> list, Func<T, Lane> lane) => list.Count(x => lane(x) == Lane.Red) / (double)list.Count;
        Red(aeo, d => d.Lane).ShouldBeLessThan(Red(others, d => d.Lane) / 2);
        (demoTraffic.Count(d => d.ConsignorStatus == RecognitionResult.RecognisedUnderMra) / (double)demoTraffic.Count).ShouldBeGreaterThan(
            0.05
        );
        declarations.ShouldContain(
            d =>
                !d.Reference.StartsWith(GenerateDeclarations.DemoPrefix, StringComparison.Ordinal)
                && d.LodgedAt > SeededDemo.Now.AddHours(-2),
            "declarations lodged now wait in the queues"
        );
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Generated_traffic_after_the_demo_draws_its_parties_from_the_registry_and_never_collides_with_the_demos(
        string provider
    )
    {
        var app = await demo.On(provider);
        var file = Path.Combine(app.DataFolder, "generated.csv");

        var generated = await app.Cli("declarations", "generate", "--count", "20000", "--out", file);
        var imported = await app.Cli("declarations", "import", file);

        generated.Exit.ShouldBe(0, generated.Error);
        imported.Exit.ShouldBe(0, imported.Error);
        var (rows, registry) = await app.WithDb(async db =>
            (
                await db.Declarations()
                    .AsNoTracking()
                    .Where(d => d.Reference.StartsWith("G1-"))
                    .Select(d => new
                    {
                        d.Lane,
                        d.PrincipalStatus,
                        d.ImporterTin,
                        d.CustomsBrokerTin,
                        d.CarrierTin,
                    })
                    .ToListAsync(),
                (await db.Operators().AsNoTracking().Select(o => o.Tin).ToListAsync()).Select(t => t.Value).ToHashSet()
            )
        );
        rows.Count.ShouldBe(20_000);
        var aeo = rows.Where(r => IsAeo(r.PrincipalStatus)).ToList();
        var others = rows.Where(r => !IsAeo(r.PrincipalStatus)).ToList();
        aeo.Count.ShouldBeGreaterThan(500);
        (aeo.Count(r => r.Lane == Lane.Red) / (double)aeo.Count).ShouldBeLessThan(
            others.Count(r => r.Lane == Lane.Red) / (double)others.Count / 2
        );
        rows.Where(r => r.CustomsBrokerTin is not null).ShouldAllBe(r => registry.Contains(r.CustomsBrokerTin!));
        rows.Where(r => r.CarrierTin is not null).ShouldAllBe(r => registry.Contains(r.CarrierTin!));
        (rows.Count(r => registry.Contains(r.ImporterTin!)) / (double)rows.Count).ShouldBeGreaterThan(
            0.6,
            "most traffic comes from registered importers"
        );
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_study_of_OpenAeos_own_data_shows_AEO_importers_released_sooner_and_sooner_still_once_their_credit_applies(
        string provider
    )
    {
        var app = await demo.On(provider);
        var split = ClearanceDemoSeeder.CreditsSwitchedOn(SeededDemo.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (exit, output, error) = await app.TrsRunOnOwnData("aeo", "--split", split, "--format", "json");

        exit.ShouldBe(0, error);
        // The study report is the CLI's JSON document, read as the app's record of it.
        var cells = Api.Parse<StudyJson>(output).Cells.ToDictionary(c => c.Group["aeo"]!);
        foreach (
            var (period, aeo, others) in new[]
            {
                ("before", cells["true"].Before, cells["false"].Before),
                ("after", cells["true"].After, cells["false"].After),
            }
        )
        {
            aeo.N.ShouldBeGreaterThan(1_000);
            aeo.MeanSeconds!.Value.ShouldBeLessThan(others.MeanSeconds!.Value * 0.75, period);
        }

        var aeoChange = cells["true"].RateOfChangePct.Mean!.Value;
        var othersChange = cells["false"].RateOfChangePct.Mean!.Value;
        aeoChange.ShouldBeLessThan(othersChange - 5, "the AEO credit shortened AEO importers' release times; others' changed far less");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_food_agency_added_its_criteria_and_an_importer_waits_for_its_sign_off(string provider)
    {
        var app = await demo.On(provider);
        var fda = await app.ClientAs(Role.OgaOfficer, agency: "FDA");

        var queue = await fda.GetItemsAsync<AgencySignOffQueueItem>("/api/v1/agency-sign-offs");

        var waiting = queue.ShouldHaveSingleItem();
        waiting.Standing.ShouldBe("Waiting");
        waiting.State.ShouldBe("UnderReview");
        var parts = (await fda.Get<AgencyPartResponse[]>($"/api/v1/applications/{waiting.ApplicationId}/agency-sign-offs"))!;
        parts.ShouldHaveSingleItem().Criteria.ShouldBe(["FDA-COLD-1", "FDA-TRACE-1"]);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Seeding_again_changes_nothing(string provider)
    {
        var app = await demo.On(provider);
        var before = await Counts(app);

        var (exit, output, _) = await app.Cli("demo", "seed");

        exit.ShouldBe(0);
        output.ShouldContain("exist already");
        (await Counts(app)).ShouldBe(before);
    }

    [Fact]
    public async Task The_same_clock_tells_the_same_story_on_both_providers()
    {
        var sqlite = await Fingerprint(await demo.On("Sqlite"));
        var postgres = await Fingerprint(await demo.On("Postgres"));

        postgres.ShouldBe(sqlite);
    }

    private static Task<string> Counts(OpenAeoApp app) =>
        app.WithDb(async db =>
            string.Join(
                ",",
                await db.Operators().CountAsync(),
                await db.Users().CountAsync(),
                await db.Certificates().CountAsync(),
                await db.Applications().CountAsync(),
                await db.Partners().CountAsync(),
                await db.ReplicaEntries().CountAsync(),
                await db.Declarations().CountAsync(),
                await db.SelectivityProfiles().CountAsync(),
                await db.AuditEntries().CountAsync(),
                await db.Notifications().CountAsync()
            )
        );

    /// <summary>What the story is made of, in a stable order: who, which certificates, which applications where, which lanes.</summary>
    private static Task<string> Fingerprint(OpenAeoApp app) =>
        app.WithDb(async db =>
        {
            var text = new StringBuilder();
            foreach (var o in (await db.Operators().AsNoTracking().ToListAsync()).OrderBy(o => o.Tin.Value, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"{o.Tin}|{o.LegalName}|{o.Roles}|{o.Employees}\n");
            }

            foreach (var c in (await db.Certificates().AsNoTracking().ToListAsync()).OrderBy(c => c.Number, StringComparer.Ordinal))
            {
                text.Append(
                    CultureInfo.InvariantCulture,
                    $"{c.Number}|{c.OperatorTin}|{c.Status}|{c.ValidFrom}|{c.ValidUntil}|{c.StatusSince}\n"
                );
            }

            foreach (var a in (await db.Applications().AsNoTracking().ToListAsync()).OrderBy(a => a.Reference, StringComparer.Ordinal))
            {
                text.Append(
                    CultureInfo.InvariantCulture,
                    $"{a.Reference}|{a.OperatorTin}|{a.Track}|{a.State}|{a.AccountManager}|"
                        + $"{a.SubmittedAt?.UtcTicks}|{a.DecidedAt?.UtcTicks}\n"
                );
            }

            foreach (var p in (await db.Partners().AsNoTracking().ToListAsync()).OrderBy(p => p.Economy, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"{p.Economy}|{p.TreeSize}|{Convert.ToBase64String(p.PublicKey)}\n");
            }

            foreach (
                var d in (
                    await db.Declarations()
                        .AsNoTracking()
                        .Where(d => d.Reference.StartsWith(GenerateDeclarations.DemoPrefix))
                        .Select(d => new
                        {
                            d.Reference,
                            d.Lane,
                            d.PrincipalStatus,
                            d.LodgedAt,
                        })
                        .ToListAsync()
                ).OrderBy(d => d.Reference, StringComparer.Ordinal)
            )
            {
                text.Append(CultureInfo.InvariantCulture, $"{d.Reference}|{d.Lane}|{d.PrincipalStatus}|{d.LodgedAt.UtcTicks}\n");
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        });
}

public sealed class The_demo_on_another_economy
{
    [Fact]
    public async Task Seeds_the_registry_accounts_and_agencies_and_says_why_the_story_of_Chinese_Taipei_is_left_out()
    {
        await using var app = OpenAeoApp.OnSqlite();
        app.Settings["Node:Economy"] = "JP";

        var (exit, output, error) = await app.Cli("demo", "seed");

        exit.ShouldBe(0, error);
        output.ShouldContain("this node certifies for JP; no demo applications or certificates were added");
        output.ShouldContain("this node is JP; no demo partners were added");
        output.ShouldContain("this node is JP; no demo declarations were added");
        (await app.WithDb(db => db.Operators().CountAsync())).ShouldBe(DemoData.Operators.Length);
        (await app.WithDb(db => db.Applications().CountAsync())).ShouldBe(0);
        (await app.WithDb(db => db.Certificates().CountAsync())).ShouldBe(0);
        (await app.WithDb(db => db.Partners().CountAsync())).ShouldBe(0);
        (await app.WithDb(db => db.Declarations().CountAsync())).ShouldBe(0);
        (await app.WithDb(db => db.Agencies().CountAsync())).ShouldBeGreaterThan(0);
    }
}
