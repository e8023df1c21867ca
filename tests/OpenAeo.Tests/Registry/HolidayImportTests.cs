using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Registry;

/// <summary>Issue 14 item 11: a programme's movable holidays imported per year, by API and CLI, all or nothing.</summary>
public sealed class Holiday_import : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-holidays-").FullName;

    private static string Shipped()
    {
        var assembly = typeof(HolidayDemoSeeder).Assembly;
        using var stream = assembly.GetManifestResourceStream(
            assembly.GetManifestResourceNames().Single(n => n.EndsWith(HolidayDemoSeeder.File, StringComparison.Ordinal))
        )!;
        return new StreamReader(stream).ReadToEnd();
    }

    private static Task<List<DateOnly>> Holidays(OpenAeoApp app) =>
        app.WithDb(async db => (await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == "TW")).Holidays);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_officer_imports_taiwans_calendar_with_lunar_new_year_and_the_year_reads_back_with_names(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        using var body = new StringContent(Shipped(), Encoding.UTF8, "text/calendar");

        var response = await officer.PostAsync("/api/v1/programmes/TW/holidays/import?file=tw.ics", body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Read<HolidayImportResult>();
        result.Years[2026].ShouldBeGreaterThan(10);
        result.Years[2027].ShouldBeGreaterThan(10);
        var year = await app.Anonymous().Get<HolidayResponse[]>("/api/v1/programmes/TW/holidays?year=2026");
        year.ShouldContain(h => h.Date == new DateOnly(2026, 2, 17) && h.Name!.StartsWith("Lunar New Year"));
        (await app.Anonymous().Get<HolidayResponse[]>("/api/v1/programmes/TW/holidays?year=2027")).ShouldContain(h =>
            h.Date == new DateOnly(2027, 2, 8)
        );
        var programme = await app.Anonymous().Get<ProgrammeResponse>("/api/v1/programmes/TW");
        programme.Calendar.Holidays.ShouldContain(new DateOnly(2026, 2, 18));
        var audit = await app.WithDb(db => db.AuditEntries().SingleAsync(a => a.Action == "programme.holidays-imported"));
        audit.Subject.ShouldBe("programme:TW");
        audit.Details!.ShouldContain("Lunar New Year");

        var manager = await app.ClientAs(Role.AccountManager);
        using var again = new StringContent(Shipped(), Encoding.UTF8, "text/calendar");
        (await manager.PostAsync("/api/v1/programmes/TW/holidays/import", again)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var nowhere = new StringContent(Shipped(), Encoding.UTF8, "text/calendar");
        (await officer.PostAsync("/api/v1/programmes/XX/holidays/import", nowhere)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_bad_line_stops_the_import_with_file_line_and_column_and_nothing_changes(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var before = await Holidays(app);
        using var body = new StringContent(
            "date,name\n2026-02-16,Lunar New Year's Eve\n2026-02-17,Lunar New Year\n2026-02-30,Nowhere\n2026-02-17,Again\n",
            Encoding.UTF8,
            "text/csv"
        );

        var response = await officer.PostAsync("/api/v1/programmes/TW/holidays/import?file=tw-2026.csv", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Read<FileProblem>();
        var errors = problem.Errors.Select(e => (e.Line, e.Column)).ToList();
        errors.ShouldBe([(4, 1), (5, 1)]);
        problem.Detail.ShouldStartWith("tw-2026.csv:4:1");
        (await Holidays(app)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_cli_imports_a_csv_year_and_refuses_a_timed_icalendar_event_with_its_place(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var csv = Path.Combine(folder, "tw-2027.csv");
        await File.WriteAllTextAsync(csv, "date,name\n2027-02-05,Lunar New Year's Eve\n2027-02-08,Lunar New Year (third day)\n");
        var ics = Path.Combine(folder, "bad.ics");
        await File.WriteAllTextAsync(
            ics,
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20270205T000000Z\r\nSUMMARY:Eve\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        );

        var (exit, output, error) = await app.Cli("programmes", "holidays", "import", "tw", csv);
        exit.ShouldBe(0, error);
        output.ShouldContain("TW: 2027 now has 2 dated holidays");
        (await Holidays(app)).Where(d => d.Year == 2027).ShouldBe([new DateOnly(2027, 2, 5), new DateOnly(2027, 2, 8)]);

        var refused = await app.Cli("programmes", "holidays", "import", "TW", ics);
        refused.Exit.ShouldNotBe(0);
        refused.Error.ShouldContain("bad.ics:3:9");
        refused.Error.ShouldContain("Nothing was imported.");
        (await Holidays(app)).Where(d => d.Year == 2027).Count().ShouldBe(2);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
