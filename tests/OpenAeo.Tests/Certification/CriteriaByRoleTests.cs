using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Tests.MutualRecognition;

namespace OpenAeo.Tests.Certification;

/// <summary>Issue 14 items 1, 3 and 8 through the API: questions by role and size, outsourcing with a contractor's own status, partner AEOs
/// in a chain.</summary>
public class Criteria_by_role_and_size_through_the_api
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_sme_carrier_is_asked_its_roles_questions_with_the_reason_and_the_alleviated_form(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var carrier = await Applicant.Register(app, "TW61", employees: 12, roles: ["RoadCarrier"]);
        var id = (await carrier.Start("Sme")).Id;

        var questions = await carrier.Questions(id);
        var codes = questions.Select(q => q.Code).ToList();
        codes.ShouldContain("CONV-2");
        codes.ShouldNotContain("PART-2", "a carrier is not asked how it knows the clients it declares for");
        codes.ShouldNotContain("CARGO-4", "nor about a production line");
        var tracking = questions.Single(q => q.Code == "CONV-2");
        tracking.AskedBecause.ShouldBe(["RoadCarrier"]);
        tracking.Alleviated.ShouldBeTrue();
        tracking.Text.ShouldBe("How do your drivers report where they are and any unplanned stop?");
        questions.Single(q => q.Code == "COMP-1").AskedBecause.Count.ShouldBe(0);
        (await carrier.Questions(id, "es"))
            .Single(q => q.Code == "CONV-2")
            .Text.ShouldBe("¿Cómo informan sus conductores dónde están y cualquier parada no prevista?");

        // A question the operator is not asked cannot be answered, and the readiness list asks only what applies.
        var refused = await carrier.Trader.PutAsJsonAsync($"/api/v1/applications/{id}/answers/PART-2", new { text = "We check IDs." });
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var gaps = (await carrier.Get(id)).Readiness.Select(g => g.QuestionCode).Distinct().ToList();
        gaps.ShouldBe(codes);

        await carrier.FillAll(id);
        (await carrier.Get(id)).Readiness.Count.ShouldBe(0);
        (await carrier.ByTrader($"/api/v1/applications/{id}/submission")).State.ShouldBe("Submitted");

        // A large broker on the standard track gets the full questions of its own role and no alleviated form.
        var broker = await Applicant.Register(app, "TW62", employees: 900, roles: ["CustomsBroker"], officer: carrier.Officer);
        var brokerId = (await broker.Start("Standard")).Id;
        var brokers = await broker.Questions(brokerId);
        brokers.Select(q => q.Code).ShouldContain("PART-2");
        brokers.Select(q => q.Code).ShouldNotContain("CONV-2");
        brokers.ShouldAllBe(q => !q.Alleviated);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_large_company_outsources_guarding_to_a_contractor_named_by_tin_whose_own_aeo_status_is_shown(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var guards = await Applicant.Register(app, "TW63", employees: 300, roles: ["WarehouseOperator"]);
        var guardsApplication = await guards.Validated();
        await guards.ByOfficer($"/api/v1/applications/{guardsApplication}/grant", new { });
        var large = await Applicant.Register(app, "TW64", employees: 5000, roles: ["Exporter"], officer: guards.Officer);
        var id = (await large.Start("Standard")).Id;

        var badTin = await large.Trader.PutAsJsonAsync(
            $"/api/v1/applications/{id}/answers/PREM-1",
            new
            {
                text = "Guarded day and night.",
                outsourced = true,
                providerTin = "12",
            }
        );
        badTin.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badTin.Content.ReadAsStringAsync()).ShouldContain("providerTin");

        await large.Trader.PutAsJsonAsync(
            $"/api/v1/applications/{id}/answers/PREM-2",
            new
            {
                text = "Gate staff.",
                outsourced = true,
                provider = "Gatekeepers",
            }
        );
        var saved = await large.Trader.PutAsJsonAsync(
            $"/api/v1/applications/{id}/answers/PREM-1",
            new
            {
                text = "Guarded day and night.",
                outsourced = true,
                provider = "Guards",
                providerTin = "tw-63",
            }
        );
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var sealsByContractor = await large.Trader.PutAsJsonAsync(
            $"/api/v1/applications/{id}/answers/CARGO-2",
            new
            {
                text = "Our carrier seals.",
                outsourced = true,
                providerTin = "TW63",
            }
        );
        sealsByContractor.StatusCode.ShouldBe(HttpStatusCode.OK);

        var readiness = (await large.Get(id)).Readiness.ToList();
        readiness.ShouldNotContain(
            g => g.QuestionCode == "PREM-1" && g.Kind == GapKind.ProviderMissing,
            "outsourcing is allowed on the standard track where the criterion allows it"
        );
        readiness.ShouldContain(g => g.QuestionCode == "PREM-2" && g.Kind == GapKind.ProviderMissing, "a contractor is named by its TIN");
        readiness.ShouldContain(g => g.QuestionCode == "CARGO-2" && g.Message.Contains("cannot be outsourced"));

        var contractors = await large.Trader.Get<ContractorResponse[]>($"/api/v1/applications/{id}/contractors");
        var premises = contractors.Single(c => c.QuestionCode == "PREM-1");
        premises.Tin.ShouldBe("TW63");
        premises.Name.ShouldBe("Operator TW63");
        premises.Status.ShouldBe("LocalAeo");
        contractors.Single(c => c.QuestionCode == "PREM-2").Status.ShouldBeNull();

        (await guards.Trader.GetAsync($"/api/v1/applications/{id}/contractors")).StatusCode.ShouldBe(
            HttpStatusCode.NotFound,
            "a trader sees its own application's contractors only"
        );
        var audit = await app.WithDb(db =>
            db.AuditEntries().Where(e => e.Action == "application.answered").Select(e => e.Details).ToListAsync()
        );
        audit.ShouldContain(d => d != null && d.Contains("TW63"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_japanese_member_recognised_under_the_mra_in_force_counts_for_the_chain_and_the_master_sees_where(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var master = await Applicant.Register(app, "TW65", roles: ["Exporter"]);
        var masterApplication = await master.Validated();
        await master.ByOfficer($"/api/v1/applications/{masterApplication}/grant", new { });
        foreach (var (tin, role) in new[] { ("JP7001", "SeaCarrier"), ("JP7002", "CustomsBroker") })
        {
            var registered = await master.Officer.PostAsJsonAsync(
                "/api/v1/operators",
                new
                {
                    tin,
                    legalName = $"Nippon {tin}",
                    roles = new[] { role },
                    employees = 80,
                    consentToExchange = true,
                }
            );
            registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        }

        var added = await app.Cli(
            "mras",
            "add",
            "--parties",
            "TW,JP",
            "--status",
            "InForce",
            "--signed",
            "2025-06-01",
            "--in-force",
            "2026-01-01"
        );
        added.Exit.ShouldBe(0, added.Error);
        var mra = added.Output.Trim();
        await app.WithDb(async db =>
        {
            var mraId = ExchangeSetUp.MraId(mra);
            db.Partners().Add(ExchangeSetUp.Replicated("JP", "http://127.0.0.1:9", mraId, 2, app.Clock.GetUtcNow()));
            db.ReplicaEntries().Add(Entry(0, "JP7001", OperatorRoles.SeaCarrier));

            // The broker is a Japanese AEO too, but as an exporter: the MRA covers it, its role in this chain it does not hold.
            db.ReplicaEntries().Add(Entry(1, "JP7002", OperatorRoles.Exporter));
            await db.SaveChangesAsync();
        });

        var created = await master.Trader.PostAsJsonAsync("/api/v1/supply-chains", new { name = "Formosa to Osaka" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var chain = (await created.Read<ChainResponse>()).Id;
        await master.ByTrader<ChainResponse>($"/api/v1/supply-chains/{chain}/members", new { tin = "JP7001", role = "SeaCarrier" });
        var described = await master.ByTrader<ChainResponse>(
            $"/api/v1/supply-chains/{chain}/members",
            new
            {
                tin = "JP7002",
                role = "CustomsBroker",
                participation = "Indirect",
            }
        );

        described.Certified.ShouldBe(2);
        described.Total.ShouldBe(3);
        described.MasterCertified.ShouldBeTrue();
        var members = described.Members.ToDictionary(m => m.Tin);
        members["JP7001"].Recognition.ShouldBe("RecognisedUnderMra");
        members["JP7001"].Mra.ShouldBe(mra);
        members["JP7001"].Partner.ShouldBe("JP");
        members["JP7001"].Certified.ShouldBeTrue();
        members["JP7002"].Recognition.ShouldBe("NotCertified");

        var page = WebUtility.HtmlDecode(await master.Trader.GetStringAsync($"/supply-chains/{chain}"));
        page.ShouldContain($"JP AEO under {mra}");
        page.ShouldContain("data-recognition=\"NotCertified\"");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_programme_adds_a_question_for_one_role_with_an_alleviated_form_and_the_pack_carries_it_both_ways(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var exporter = await Applicant.Register(app, "TW66", employees: 30, roles: ["Exporter"]);
        var broker = await Applicant.Register(app, "TW67", employees: 30, roles: ["CustomsBroker"], officer: exporter.Officer);
        var packId = (await exporter.Start("Sme")).CriteriaPackId;
        var pack = await app.Anonymous().Get<CriteriaPackResponse>($"/api/v1/criteria-packs/{packId}");
        pack.Questions.Single(q => q.Code == "CONV-2")
            .Roles.ShouldBe(OperatorRoles.RoadCarrier | OperatorRoles.SeaCarrier | OperatorRoles.AirCarrier | OperatorRoles.Courier);
        List<CriterionQuestion> questions =
        [
            .. pack.Questions,
            new(
                "TW-BRK-1",
                "Trading partner security",
                "How do you keep the powers of attorney of your clients?",
                EvidenceRequired: false,
                OutcomeBasedAllowed: true,
                OutsourcingAllowed: false
            )
            {
                Roles = OperatorRoles.CustomsBroker,
                SmeText = "Where do you keep your clients' signed powers of attorney?",
                SmeTextEs = "¿Dónde guarda los poderes firmados de sus clientes?",
            },
        ];

        var edited = await exporter.Officer.PostAsJsonAsync(
            $"/api/v1/criteria-packs/{packId}/versions",
            new
            {
                programme = "TW",
                questions,
                reason = "brokers' powers of attorney",
            },
            Api.Json
        );
        edited.StatusCode.ShouldBe(HttpStatusCode.Created, await edited.Content.ReadAsStringAsync());
        var version = await edited.Read<CriteriaPackResponse>();
        version.Questions.Single(q => q.Code == "TW-BRK-1").Roles.ShouldBe(OperatorRoles.CustomsBroker);

        var brokerApplication = (await broker.Start("Sme")).Id;
        var asked = (await broker.Questions(brokerApplication, "es")).Single(q => q.Code == "TW-BRK-1");
        asked.Text.ShouldBe("¿Dónde guarda los poderes firmados de sus clientes?");
        asked.AskedBecause.ShouldBe(["CustomsBroker"]);

        // A role that does not exist is refused where it stands in the JSON, and nothing is written.
        // The point is a value no typed question can hold, so the request is edited as JSON.
        var bad = JsonSerializer.SerializeToNode(questions, Api.Json)!.AsArray();
        bad.Single(q => (string?)q!["code"] == "TW-BRK-1")!["roles"] = "Pilot";
        var refused = await exporter.Officer.PostAsJsonAsync($"/api/v1/criteria-packs/{version.Id}/versions", new { questions = bad });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("roles");
        (await app.Anonymous().Get<CriteriaPackResponse[]>("/api/v1/criteria-packs")).Count(p => p.Key == "TW:wco-safe-sme").ShouldBe(1);
    }

    private static ReplicaEntry Entry(long index, string tin, OperatorRoles roles)
    {
        var since = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = new StatusEntry(
            index,
            Tin.Parse(tin).Value,
            $"Nippon {tin}",
            "JP",
            "JP",
            null,
            roles,
            $"JP-AEO-{index}",
            StatusEvent.Granted,
            since,
            new DateOnly(2025, 1, 1),
            null,
            since
        );
        return new ReplicaEntry
        {
            Partner = "JP",
            Index = index,
            Tin = tin,
            Json = Encoding.UTF8.GetString(entry.ToCanonicalJson()),
        };
    }
}
