using OpenAeo.Portal;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Portal;

/// <summary>Issue 13 item 3: <c>POST /api/v1/public/readiness</c> — answers in, result out, for anyone, nothing stored.</summary>
public sealed class The_readiness_api
{
    private static object Request(int employees, params (string Criterion, string Answer)[] answers) =>
        new
        {
            programme = "TW",
            roles = new[] { "Exporter", "Manufacturer" },
            employees,
            sector = "Machine tools",
            answers = answers.Select(a => new { criterion = a.Criterion, answer = a.Answer }).ToArray(),
        };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Gives_an_sme_its_track_gaps_with_evidence_and_alternatives_time_and_next_step(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var anyone = app.Anonymous();

        var response = await anyone.PostAsJsonAsync(
            "/api/v1/public/readiness",
            Request(
                40,
                ("COMP-1", "YesWithDocuments"),
                ("FIN-1", "YesNotWritten"),
                ("CARGO-1", "No"),
                ("PREM-1", "YesNotWritten"),
                ("PREM-2", "Contractor"),
                ("CARGO-2", "Contractor")
            )
        );
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Read<ReadinessResponse>();

        result.Track.ShouldBe("Sme");
        result.SmeClass.ShouldBe("Sme");
        result.Eligible.ShouldBeTrue();
        var criteria = result.Criteria.ToDictionary(c => c.Code!);
        result.Total.ShouldBe(criteria.Count);
        result.Met.ShouldBe(3);

        criteria["COMP-1"].Outcome.ShouldBe("Met");
        criteria["PREM-1"].Outcome.ShouldBe("MetOnSmeTrack");
        criteria["PREM-2"].Outcome.ShouldBe("Met");

        var solvency = criteria["FIN-1"];
        solvency.Gap.ShouldBe("EvidenceMissing");
        solvency.Evidence!.ShouldContain("financial statements");
        solvency.OutcomeBasedAlternative.ShouldBeNull();

        var cargo = criteria["CARGO-1"];
        cargo.Gap.ShouldBe("ControlMissing");
        cargo.Question.ShouldBe("Is your cargo protected from packing until it leaves your hands (checks, seals, records)?");
        cargo.OutcomeBasedAlternative!.ShouldStartWith("Describe the checks you will do");
        cargo.Group.ShouldBe("Cargo security");

        criteria["CARGO-2"].Gap.ShouldBe("OutsourcingNotAllowed");
        criteria["IMPR-1"].Gap.ShouldBe("Unanswered");

        result.ExpectedTime.SlaBusinessDays.ShouldBe(60);
        result.ExpectedTime.ObservedDecisions.ShouldBe(0);
        result.NextStep.ShouldBe("Prepare");
        result.Answers.ShouldBe("CARGO-1:n,CARGO-2:c,COMP-1:y,FIN-1:w,PREM-1:w,PREM-2:c");
        result.ResumeLink.ShouldBe(
            "/readiness/TW?roles=Exporter%2CManufacturer&employees=40&sector=Machine%20tools"
                + "&a=CARGO-1%3An%2CCARGO-2%3Ac%2CCOMP-1%3Ay%2CFIN-1%3Aw%2CPREM-1%3Aw%2CPREM-2%3Ac"
        );

        // Nothing was stored: no operator, no audit entry.
        (
            await app.WithDb(async db =>
                await db.Operators().CountAsync() + await db.AuditEntries().CountAsync(e => e.Action.StartsWith("readiness"))
            )
        ).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Puts_a_large_company_on_the_standard_track_where_an_unwritten_control_is_a_gap(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var result = await (
            await app.Anonymous()
                .PostAsJsonAsync("/api/v1/public/readiness", Request(400, ("PREM-1", "YesNotWritten"), ("COMM-1", "YesNotWritten")))
        ).Read<ReadinessResponse>();

        result.Track.ShouldBe("Standard");
        result.SmeClass.ShouldBe("Large");
        result.ExpectedTime.SlaBusinessDays.ShouldBe(90);
        var criteria = result.Criteria.ToDictionary(c => c.Code!);
        criteria["PREM-1"].Gap.ShouldBe("EvidenceMissing");
        criteria["PREM-1"].OutcomeBasedAlternative.ShouldBeNull();
        criteria["COMM-1"].Outcome.ShouldBe("Met");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Refuses_unknown_roles_answers_criteria_and_programmes_by_field(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var anyone = app.Anonymous();

        var bad = await anyone.PostAsJsonAsync(
            "/api/v1/public/readiness",
            new
            {
                programme = "TW",
                roles = new[] { "Smuggler" },
                answers = new[] { new { criterion = "CARGO-1", answer = "Maybe" } },
            }
        );
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Read<Problem>();
        problem.For("roles")[0]!.ShouldContain("'Smuggler' is not an operator role");
        problem.For("answers")[0]!.ShouldContain("'Maybe' is not an answer");

        var unknown = await anyone.PostAsJsonAsync("/api/v1/public/readiness", Request(10, ("NOPE-1", "No")));
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("do not include NOPE-1");

        var noRoles = await anyone.PostAsJsonAsync("/api/v1/public/readiness", new { programme = "TW" });
        (await noRoles.Read<Problem>()).For("roles")[0]!.ShouldContain("at least one operator role");

        var missing = await anyone.PostAsJsonAsync("/api/v1/public/readiness", new { programme = "XX", roles = new[] { "Importer" } });
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Answers_in_the_callers_language(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var spanish = app.Anonymous();
        spanish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var result = await (
            await spanish.PostAsJsonAsync("/api/v1/public/readiness", Request(40, ("CARGO-1", "No")))
        ).Read<ReadinessResponse>();
        var cargo = result.Criteria.Single(c => c.Code == "CARGO-1");
        cargo.Question.ShouldBe(
            "¿Está su carga protegida desde el embalaje hasta que sale de sus manos (controles, precintos, registros)?"
        );
        cargo.Group.ShouldBe("Seguridad de la carga");
        cargo.Gap.ShouldBe("ControlMissing");
    }
}
