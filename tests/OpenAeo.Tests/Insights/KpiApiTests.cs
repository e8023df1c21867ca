using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Insights;
using OpenAeo.Domain.Registry;
using OpenAeo.Insights;
using OpenAeo.MutualRecognition;
using OpenAeo.Tests.Platform;

namespace OpenAeo.Tests.Insights;

/// <summary>The KPIs of the demo programme through the API and the CLI: the same numbers, and a programme that works.</summary>
public sealed class The_KPIs_of_the_demo(SeededDemo demo) : IClassFixture<SeededDemo>
{
    private const string Query = "/api/v1/insights/kpis?programme=TW&from=2025-03&to=2026-03&by=size,track";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_API_and_the_CLI_give_the_same_values(string provider)
    {
        var app = await demo.On(provider);
        var client = await app.ClientAs(Role.Analyst);
        var api = (await client.GetFromJsonAsync<KpiReport>(Query, Web))!;

        var (exit, output, error) = await app.Cli(
            "insights",
            "kpis",
            "--programme",
            "TW",
            "--from",
            "2025-03",
            "--to",
            "2026-03",
            "--by",
            "size,track",
            "--format",
            "json"
        );
        exit.ShouldBe(0, error);
        var cli = JsonSerializer.Deserialize<KpiReport>(output, Web)!;

        cli.Values.Count.ShouldBeGreaterThan(500);
        cli.Values.ShouldBe(api.Values);
        api.By.ShouldBe(["size", "track"]);
        api.Definitions.Select(d => d.Kpi).ShouldBe(KpiCatalogue.All.Select(k => k.Code));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_programme_shows_SMEs_getting_through_and_AEOs_examined_less(string provider)
    {
        var app = await demo.On(provider);
        var client = await app.ClientAs(Role.ProgrammeOfficer);
        var report = (await client.GetFromJsonAsync<KpiReport>(Query, Web))!;

        // The AEOs of the month under way are those holding an active certificate valid today (Taipei's day).
        var today = Domain.Shared.CalendarDays.DayOf(SeededDemo.Now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei"));
        var holders = await app.WithDb(db =>
            db.Certificates()
                .AsNoTracking()
                .Where(c =>
                    c.ProgrammeCode == "TW"
                    && c.Status == CertificateStatus.Active
                    && c.ValidFrom <= today
                    && (c.ValidUntil == null || c.ValidUntil >= today)
                )
                .Select(c => c.OperatorTin)
                .Distinct()
                .CountAsync()
        );
        report.Find(KpiCatalogue.Aeos, "2026-03")!.Value.ShouldBe(holders);
        holders.ShouldBeGreaterThan(40);

        report.Find(KpiCatalogue.SmeShareOfAeos)!.Value!.Value.ShouldBeGreaterThan(0.5);
        report.Find(KpiCatalogue.Granted)!.Value!.Value.ShouldBeGreaterThan(10);
        report.Find(KpiCatalogue.Granted, by: "track", group: "sme")!.Value!.Value.ShouldBeGreaterThan(0);
        report.Find(KpiCatalogue.DaysToDecisionMedian)!.Value!.Value.ShouldBeInRange(1, 90);
        report.Values.ShouldContain(v => v.Kpi == KpiCatalogue.RejectionsByReason && v.Month == null && v.By == "all");

        // Declarations of the whole period: AEO importers are examined less than the others.
        var aeo = report.Find(KpiCatalogue.ExaminationRate, detail: BorderKpis.Aeo)!;
        var others = report.Find(KpiCatalogue.ExaminationRate, detail: BorderKpis.NonAeo)!;
        (aeo.N + others.N).ShouldBe(report.Find(KpiCatalogue.Declarations, detail: BorderKpis.Everyone)!.N);
        aeo.N.ShouldBeGreaterThan(1000);
        aeo.Value!.Value.ShouldBeLessThan(others.Value!.Value);
        report.Labels[BorderKpis.Aeo].ShouldBe("AEO importers");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_questions_get_field_errors_and_an_unknown_programme_404(string provider)
    {
        var app = await demo.On(provider);
        var client = await app.ClientAs(Role.Analyst);

        var bad = await client.GetAsync("/api/v1/insights/kpis?programme=TW&from=2026-13&to=2025-01&by=colour");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Read<Problem>();
        problem.For("from").ShouldNotBeEmpty();
        problem.For("by").ShouldNotBeEmpty();

        (await client.GetAsync("/api/v1/insights/kpis?programme=ZZ&from=2026-01&to=2026-02")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var (exit, _, error) = await app.Cli("insights", "kpis", "--programme", "TW", "--from", "2026-02", "--to", "2026-01");
        exit.ShouldBe(1);
        error.ShouldContain("before the first");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Traders_and_strangers_are_refused(string provider)
    {
        var app = await demo.On(provider);
        (await app.Anonymous().GetAsync(Query)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var trader = await app.ClientAs(Role.Trader, "TW00000001");
        (await trader.GetAsync(Query)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_dashboard_shows_the_same_figures_in_words_with_charts_and_their_numbers(string provider)
    {
        var app = await demo.On(provider);
        var client = await app.ClientAs(Role.Analyst);
        var report = (await client.GetFromJsonAsync<KpiReport>(Query, Web))!;

        var page = await client.GetStringAsync("/insights?programme=TW&from=2025-03&to=2026-03&by=size&by=track");

        page.ShouldContain(
            $"{KpiDocument.Value(report.Find(KpiCatalogue.Aeos))} of {KpiDocument.Value(report.Find(KpiCatalogue.Operators))} operators"
        );
        System.Text.RegularExpressions.Regex.Count(page, "<svg").ShouldBe(InsightsCharts.For(report).Count);
        System.Text.RegularExpressions.Regex.Count(page, ": the numbers</summary>").ShouldBe(InsightsCharts.For(report).Count);
        page.ShouldContain("Micro enterprises");
        page.ShouldContain("SME track");
        page.ShouldContain("AEO importers");
        page.ShouldNotContain(">non_aeo<");
        page.ShouldContain("format=csv&amp;table=0");

        var csv = await client.GetStringAsync(Query + "&format=csv");
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(report.Values.Count + 1);
        (await client.GetAsync(Query + "&format=csv&table=99")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The same values as a spreadsheet: a workbook whose sheet holds the CSV's header, rows and numbers as numbers.
        var tableCsv = csv;
        using var xlsx = await client.GetAsync(Query + "&format=xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var workbook = new System.IO.Compression.ZipArchive(await xlsx.Content.ReadAsStreamAsync());
        var sheet = await new StreamReader(workbook.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEndAsync();
        var header = tableCsv.Split('\n')[0].Split(',')[0].Trim('"', '\r');
        sheet.ShouldContain(System.Security.SecurityElement.Escape(header));
        sheet.ShouldContain("<v>", customMessage: "numeric cells are written as numbers");
        sheet.Split("<row").Length.ShouldBe(tableCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length + 1);
    }

    // MRA monitoring on the demo: measured indicators of the partner's recognised consignors, free-text ones unmeasured.

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Measures_each_indicator_of_the_partner_per_month_and_keeps_free_text_ones_unmeasured(string provider)
    {
        var app = await demo.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var mras = await officer.GetItemsAsync<MraResponse>("/api/v1/mras");
        var japan = mras.First(m => m.Parties.Order().SequenceEqual(["JP", "TW"]));
        var id = japan.Id;

        // An officer adds a free-text indicator next to the measured ones, on the same use case as the page.
        var monitoring = japan
            .Monitoring.Select(i => new
            {
                indicator = i.Indicator,
                target = i.Target,
                rule = i.Rule,
            })
            .Append(
                new
                {
                    indicator = "Joint outreach to SMEs",
                    target = "two events a year",
                    rule = (string?)null,
                }
            )
            .ToList();
        var bad = await officer.PutAsJsonAsync(
            $"/api/v1/mras/{id}",
            Body(
                japan,
                monitoring.Append(
                    new
                    {
                        indicator = "x",
                        target = "y",
                        rule = (string?)"speed < 3",
                    }
                )
            )
        );
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await officer.PutAsJsonAsync($"/api/v1/mras/{id}", Body(japan, monitoring))).EnsureSuccessStatusCode();

        var report = (await officer.GetFromJsonAsync<MraMonitoringJson>($"/api/v1/mras/{id}/monitoring?from=2025-09&to=2026-02", Web))!;
        report.Indicators.Count.ShouldBe(4);
        var examination = report.Indicators.Single(i => i.Rule == "examination_ratio <= 0.5");
        examination.Months.Select(m => m.Month).ShouldBe(["2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02"]);
        examination.Period.N.ShouldBeGreaterThan(100);

        // The same value as the KPI report's examination rates of the MRA's consignors and the other consignors.
        var kpis = (await officer.GetFromJsonAsync<KpiReport>("/api/v1/insights/kpis?programme=TW&from=2025-09&to=2026-02", Web))!;
        var partner = kpis.Find(KpiCatalogue.ExaminationRate, detail: BorderKpis.OfMra(report.Mra))!.Value!.Value;
        var others = kpis.Find(KpiCatalogue.ExaminationRate, detail: BorderKpis.OtherConsignors)!.Value!.Value;
        examination.Period.Value!.Value.ShouldBe(partner / others, 1e-12);
        // The rule is "examination_ratio <= 0.5": the status follows from the ratio the KPI report gives.
        examination.Period.Status.ShouldBe(partner / others <= 0.5 ? "Met" : "NotMet");

        report.Indicators.Single(i => i.Indicator == "Joint outreach to SMEs").Period.Status.ShouldBe("Unmeasured");
        var page = await officer.GetStringAsync($"/mras/{id}");
        page.ShouldContain("data-testid=\"monitoring\"");
        page.ShouldContain("unmeasured");
        var stranger = await app.Anonymous().GetStringAsync($"/mras/{id}");
        stranger.ShouldNotContain("data-testid=\"monitoring\"");
        (await app.Anonymous().GetAsync($"/api/v1/mras/{id}/monitoring")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static object Body(MraResponse mra, object monitoring) =>
        new
        {
            name = mra.Name,
            parties = mra.Parties,
            status = mra.Status,
            signedOn = mra.SignedOn,
            inForceFrom = mra.InForceFrom,
            monitoring,
            reason = "monitoring test",
        };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_programme_page_shows_anyone_the_headline_figures_and_only_the_programme_this_node_runs(string provider)
    {
        var app = await demo.On(provider);
        var page = await app.Anonymous().GetStringAsync("/programmes/TW");

        page.ShouldContain("data-testid=\"public-summary\"");
        var summary = await app.WithDb(db =>
            app.Services.GetRequiredService<PublicFigures>().ForAsync(db, "TW", "TW", CancellationToken.None)
        );
        summary.ShouldNotBeNull();
        var aeos = summary.Figures.Single(f => f.Kpi == KpiCatalogue.Aeos);
        aeos.Withheld.ShouldBeNull();
        page.ShouldContain(ComputeKpis.Format(aeos.Value, KpiUnit.Count));
        summary.Figures.Count(f => f.Kpi == KpiCatalogue.ExaminationRate && f.Withheld is null).ShouldBe(2);

        (await app.Anonymous().GetStringAsync("/programmes/US")).ShouldNotContain("public-summary");
    }
}
