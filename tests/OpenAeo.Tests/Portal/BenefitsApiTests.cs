using OpenAeo.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Portal;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Portal;

/// <summary>Issue 13 item 2: the benefits catalogue read by anyone, filtered by role and tier, and edited by programme officers
/// only.</summary>
public sealed class The_benefits_catalogue_api
{
    private static object Benefit(
        string title,
        string[]? roles = null,
        string[]? tiers = null,
        string kind = "Customs",
        string family = "Priority",
        string[]? places = null,
        string delivery = "Procedure",
        string? spanish = null
    ) =>
        new
        {
            kind,
            family,
            roles = roles ?? [],
            tiers = tiers ?? [],
            places = places ?? ["Import"],
            delivery,
            texts = spanish is null
                ? new[]
                {
                    new
                    {
                        language = "en",
                        title,
                        description = $"{title}, described.",
                    },
                }
                :
                [
                    new
                    {
                        language = "en",
                        title,
                        description = $"{title}, described.",
                    },
                    new
                    {
                        language = "es",
                        title = spanish,
                        description = $"{spanish}, descrito.",
                    },
                ],
            reason = "published in the programme's leaflet",
        };

    private static async Task<CatalogueResponse> Catalogue(HttpClient client, string query, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/programmes/{query}");
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        var answer = await client.SendAsync(request);
        return await answer.Read<CatalogueResponse>(200);
    }

    private static List<CatalogueBenefitResponse> Benefits(CatalogueResponse catalogue) => [.. catalogue.Benefits];

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Anyone_reads_the_programmes_own_benefits_with_the_agencies_and_the_mras_in_force_in_its_language(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await app.WithDb(db => ClearanceDemoSeeder.SeedReferenceAsync(db, app.Clock.GetUtcNow(), CancellationToken.None));
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var added = await officer.PostAsJsonAsync(
            "/api/v1/programmes/tw/benefits",
            Benefit("Fewer checks on imports", ["Importer"], family: "FewerControls", delivery: "LaneCredit", spanish: "Menos controles")
        );
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());

        var english = await Catalogue(app.Anonymous(), "TW/benefits");
        var spanish = await Catalogue(app.Anonymous(), "TW/benefits", "es-MX");

        var own = Benefits(english).Single(b => b.Kind == "Customs");
        own.Title.ShouldBe("Fewer checks on imports");
        own.Automatic.ShouldBeTrue();
        own.Delivery.ShouldBe("LaneCredit");
        own.Roles.ShouldBe(["Importer"]);
        Benefits(spanish).Single(b => b.Kind == "Customs").Title.ShouldBe("Menos controles");
        spanish.Language.ShouldBe("es");

        // The agencies registry: FDA's two benefits are delivered by selectivity, TRADE's help desk is a procedure.
        var agencies = Benefits(english).Where(b => b.Kind == "Oga").ToList();
        agencies.Select(b => b.Key).ShouldBe(["agency:FDA:0", "agency:FDA:1", "agency:QUARANTINE:0", "agency:TRADE:0"], ignoreOrder: true);
        agencies.Single(b => b.Key == "agency:FDA:1").Delivery.ShouldBe("AgencyCredit");
        agencies.Single(b => b.Key == "agency:TRADE:0").Automatic.ShouldBeFalse();

        // The three MRAs in force for Chinese Taipei in the reference registry, each with its listed benefits, at the partner's border.
        var mras = Benefits(english).Where(b => b.Kind == "Mra").ToList();
        mras.SelectMany(b => b.Partners).Distinct().ShouldBe(["AU", "JP", "KR"], ignoreOrder: true);
        mras.ShouldAllBe(b => b.Places.Single() == "PartnerBorder");

        // A partner programme's catalogue has its MRAs but not our agencies: they clear our border, not Japan's.
        var japan = await Catalogue(app.Anonymous(), "JP/benefits");
        Benefits(japan).ShouldNotContain(b => b.Kind == "Oga");
        Benefits(japan).ShouldContain(b => b.Kind == "Mra" && b.Partners.Any(p => p == "TW"));
        (await app.Anonymous().GetAsync("/api/v1/programmes/XX/benefits")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Filters_by_role_and_tier_keep_what_applies_to_every_role_or_tier(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        foreach (
            var b in new[]
            {
                Benefit("For everyone"),
                Benefit("For importers", ["Importer"]),
                Benefit("For exporters", ["Exporter"], places: ["Export"]),
                Benefit("For advanced importers", ["importer"], ["advanced certified enterprise"]),
            }
        )
        {
            (await officer.PostAsJsonAsync("/api/v1/programmes/CN/benefits", b)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        static async Task<string[]> Titles(HttpClient c, string query) =>
            [.. Benefits(await Catalogue(c, $"CN/benefits{query}")).Where(b => b.Kind == "Customs").Select(b => b.Title!).Order()];

        var anyone = app.Anonymous();
        (await Titles(anyone, "")).ShouldBe(["For advanced importers", "For everyone", "For exporters", "For importers"]);
        (await Titles(anyone, "?role=importer")).ShouldBe(["For advanced importers", "For everyone", "For importers"]);
        (await Titles(anyone, "?role=Importer&tier=General%20Certified%20Enterprise")).ShouldBe(["For everyone", "For importers"]);
        (await Titles(anyone, "?tier=Advanced%20Certified%20Enterprise")).ShouldBe([
            "For advanced importers",
            "For everyone",
            "For exporters",
            "For importers",
        ]);
        var stored = Benefits(await Catalogue(anyone, "CN/benefits")).Single(b => b.Title == "For advanced importers");
        stored.Tiers.ShouldBe(["Advanced Certified Enterprise"]);

        var bad = await anyone.GetAsync("/api/v1/programmes/CN/benefits?role=Smuggler&tier=Gold");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await bad.Read<Problem>();
        errors.For("role")[0]!.ShouldContain("Smuggler");
        errors.For("tier")[0]!.ShouldContain("Advanced Certified Enterprise");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_officer_adds_changes_and_removes_a_benefit_with_errors_by_field_and_every_change_audited(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer, name: "officer-lin");

        var refused = await officer.PostAsJsonAsync(
            "/api/v1/programmes/TW/benefits",
            new
            {
                kind = "Oga",
                family = "Bribes",
                roles = new[] { "Importer", "Smuggler" },
                tiers = new[] { "Gold" },
                places = new[] { "Import" },
                delivery = "Procedure",
                texts = new[]
                {
                    new
                    {
                        language = "es",
                        title = "",
                        description = "Algo.",
                    },
                },
            }
        );
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await refused.Read<Problem>();
        errors.For("family")[0]!.ShouldContain("Bribes");
        errors.For("roles")[0]!.ShouldContain("Smuggler");

        var domain = await officer.PostAsJsonAsync(
            "/api/v1/programmes/TW/benefits",
            new
            {
                kind = "Oga",
                family = "Priority",
                tiers = new[] { "Gold" },
                places = new[] { "Export" },
                delivery = "LaneCredit",
                texts = new[]
                {
                    new
                    {
                        language = "es",
                        title = "",
                        description = "Algo.",
                    },
                },
            }
        );
        domain.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var fields = await domain.Read<Problem>();
        fields.Errors!.Keys.ShouldBe(["kind", "delivery", "tiers", "texts[0].title", "texts"], ignoreOrder: true);
        (await app.WithDb(db => db.Set<ProgrammeBenefit>().CountAsync())).ShouldBe(0);

        var created = await officer.PostAsJsonAsync(
            "/api/v1/programmes/TW/benefits",
            Benefit("Priority examination", spanish: "Examen prioritario")
        );
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Read<ProgrammeBenefitResponse>()).Id;

        var changed = await officer.PutAsJsonAsync(
            $"/api/v1/programmes/TW/benefits/{id}",
            Benefit("Priority examination at your premises", ["Exporter"], places: ["Export"])
        );
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var after = await changed.Read<ProgrammeBenefitResponse>();
        after.Texts.Count.ShouldBe(1);
        after.Places.ShouldBe(["Export"]);
        (await officer.PutAsJsonAsync($"/api/v1/programmes/CN/benefits/{id}", Benefit("Elsewhere"))).StatusCode.ShouldBe(
            HttpStatusCode.NotFound
        );

        var removed = await officer.DeleteAsync($"/api/v1/programmes/TW/benefits/{id}?reason=withdrawn%20from%20the%20leaflet");
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await officer.DeleteAsync($"/api/v1/programmes/TW/benefits/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Benefits(await Catalogue(app.Anonymous(), "TW/benefits")).ShouldNotContain(b => b.Kind == "Customs");

        var audit = await app.WithDb(db => db.AuditEntries().Where(e => e.Action.StartsWith("benefit.")).OrderBy(e => e.Id).ToListAsync());
        audit.Select(e => e.Action).ShouldBe(["benefit.added", "benefit.changed", "benefit.removed"]);
        audit.ShouldAllBe(e => e.Actor == "officer-lin" && e.Subject == $"programme:TW/benefit:{id}");
        audit[0].Reason.ShouldBe("published in the programme's leaflet");
        audit[1].Details!.ShouldContain("Priority examination at your premises");
        audit[2].Reason.ShouldBe("withdrawn from the leaflet");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_programme_officers_and_administrators_edit_it(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var admin = await app.ClientAs(Role.Admin);
        var id = (
            await (
                await admin.PostAsJsonAsync("/api/v1/programmes/TW/benefits", Benefit("Priority examination"))
            ).Read<ProgrammeBenefitResponse>()
        ).Id;
        await admin.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "TW1",
                legalName = "Formosa",
                economy = "TW",
                roles = new[] { "Importer" },
            }
        );
        var trader = await app.ClientAs(Role.Trader, "TW1");
        var manager = await app.ClientAs(Role.AccountManager);

        foreach (var client in new[] { trader, manager })
        {
            (await client.PostAsJsonAsync("/api/v1/programmes/TW/benefits", Benefit("Mine"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.PutAsJsonAsync($"/api/v1/programmes/TW/benefits/{id}", Benefit("Mine"))).StatusCode.ShouldBe(
                HttpStatusCode.Forbidden
            );
            (await client.DeleteAsync($"/api/v1/programmes/TW/benefits/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await app.Anonymous().PostAsJsonAsync("/api/v1/programmes/TW/benefits", Benefit("Mine"))).StatusCode.ShouldBe(
            HttpStatusCode.Unauthorized
        );
        Benefits(await Catalogue(trader, "TW/benefits")).Single(b => b.Kind == "Customs").Title.ShouldBe("Priority examination");
        (await app.WithDb(db => db.AuditEntries().CountAsync(e => e.Action.StartsWith("benefit.")))).ShouldBe(1);
    }
}
