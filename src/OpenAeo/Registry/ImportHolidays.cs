using System.Text;
using Microsoft.AspNetCore.Mvc;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Files;

namespace OpenAeo.Registry;

/// <param name="Years">The years whose dated holidays the file replaced, with the number of days each now has.</param>
public sealed record HolidayImportResult(string Programme, string File, IReadOnlyDictionary<int, int> Years);

/// <summary>
/// A programme's dated holidays, imported per year (issue 14 item 11): Lunar New Year, Easter and other movable feasts,
/// substitute days and closures, from CSV (<c>date,name</c>) or iCalendar (<c>.ics</c>: all-day VEVENTs with a
/// SUMMARY). All or nothing: a bad line stops the import with <c>file:line:column</c>; a good file replaces the dated
/// holidays of every year it covers, and the SLA clocks count them from the next reading.
/// </summary>
internal static class ImportHolidays
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/programmes/{code}/holidays/import", Handle)
            .Accepts<string>("text/csv", "text/calendar")
            .WithUploadLimit(api, o => o.ImportMegabytes);
    }

    [Authorize(Policies.ReferenceDataEditors)]
    [EndpointSummary(
        "Replace the dated holidays of the years a CSV (date,name) or iCalendar (.ics, text/calendar) body "
            + "covers; all or nothing, errors name line and column."
    )]
    public static async Task<Results<Ok<HolidayImportResult>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.ProgrammeCode))] string code,
        HttpRequest request,
        [FromQuery, Limit(nameof(Limits.FileName))] string? file,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var calendar = request.ContentType?.StartsWith("text/calendar", StringComparison.OrdinalIgnoreCase) == true;
        return await Uploads.ImportAsync<HolidayImportResult>(
            request,
            file ?? (calendar ? "holidays.ics" : "holidays.csv"),
            async upload =>
            {
                var text = await File.ReadAllTextAsync(upload.Path, upload.Encoding, ct);
                var result = await Run(code, text, upload.DisplayName, Actor.From(user)!, db, clock, ct);
                return result.IsOk ? TypedResults.Ok(result.Value!) : Problems.NotFound(result.Errors[0].Message);
            },
            ct
        );
    }

    /// <summary>Reads the file (iCalendar when its name ends in <c>.ics</c> or it starts with BEGIN:VCALENDAR, else CSV), checks it whole,
    /// then replaces the years it covers.</summary>
    /// <exception cref="FileImportException">The file is refused; nothing was written.</exception>
    public static async Task<Result<HolidayImportResult>> Run(
        string code,
        string text,
        string displayName,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var key = code.Trim().ToUpperInvariant();
        var programme = await db.Programmes().SingleOrDefaultAsync(p => p.Code == key, ct);
        if (programme is null)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no programme with code '{code}'.");
        }

        var ics =
            displayName.EndsWith(".ics", StringComparison.OrdinalIgnoreCase)
            || text.TrimStart('\uFEFF', ' ', '\r', '\n').StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase);
        var (holidays, errors) = ics ? FromICalendar(text, displayName) : FromCsv(text, displayName);
        // An empty list is news only when nothing else was wrong with the file.
        errors.AddRange(
            HolidayCalendar
                .Check(holidays)
                .Where(_ => holidays.Count > 0 || errors.Count == 0)
                .Select(e => new FileError(displayName, e.Line, e.Column, null, e.Message))
        );
        if (errors.Count > 0)
        {
            throw new FileImportException([.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }

        var years = programme.ReplaceHolidays(holidays);
        var counts = years.ToDictionary(y => y, y => programme.Holidays.Count(d => d.Year == y));
        db.Audit(
            clock.GetUtcNow(),
            actor.Name,
            "programme.holidays-imported",
            $"programme:{programme.Code}",
            null,
            new
            {
                file = displayName,
                years = counts,
                holidays = holidays.Select(h => new { h.Date, h.Name }),
            }
        );
        await db.SaveChangesAsync(ct);
        return Result<HolidayImportResult>.Ok(new(programme.Code, displayName, counts));
    }

    private static (List<ImportedHoliday>, List<FileError>) FromICalendar(string text, string file)
    {
        var (holidays, errors) = ICalendarHolidays.Parse(text);
        return ([.. holidays], [.. errors.Select(e => new FileError(file, e.Line, e.Column, null, e.Message))]);
    }

    private static (List<ImportedHoliday>, List<FileError>) FromCsv(string text, string file)
    {
        using var input = CsvInput.Open(file, new MemoryStream(Encoding.UTF8.GetBytes(text)), Encoding.UTF8);
        input.RequireColumns(["date", "name"]);
        var holidays = new List<ImportedHoliday>();
        var errors = new List<FileError>();
        while (input.Read())
        {
            var date = input.Date("date", errors);
            var name = input.Text("name");
            if (date is null && !errors.Any(e => e.Line == input.Line))
            {
                errors.Add(input.Error("date", "A holiday has a date (yyyy-mm-dd)."));
            }

            if (name is null)
            {
                errors.Add(input.Error("name", "A holiday has a name."));
            }

            if (date is DateOnly d && name is not null)
            {
                holidays.Add(new(d, name, input.Line));
            }
        }

        return (holidays, errors);
    }
}

/// <summary>The registry's holiday part of <c>openaeo demo seed</c>: TW's 2026 and 2027 holidays, Lunar New Year included, imported from
/// the shipped iCalendar file.</summary>
internal sealed class HolidayDemoSeeder : Platform.Cli.IDemoSeeder
{
    public const string File = "tw-holidays-2026-2027.ics";

    // After the registry, before the certification story: the story's clocks and visits are lived on this calendar.
    public int Order => 5;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct)
    {
        var db = services.GetRequiredService<OpenAeoDb>();
        var programme = await db.Programmes().AsNoTracking().SingleOrDefaultAsync(p => p.Code == DemoData.Economy, ct);

        // Seeding again adds nothing: an office that imported its own calendar since keeps it.
        if (programme is null || programme.HolidayNames.Count > 0)
        {
            return [];
        }

        using var stream = typeof(HolidayDemoSeeder).Assembly.GetManifestResourceStream(
            typeof(HolidayDemoSeeder).Assembly.GetManifestResourceNames().Single(n => n.EndsWith(File, StringComparison.Ordinal))
        )!;
        var text = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(ct);
        var imported = await ImportHolidays.Run(
            DemoData.Economy,
            text,
            File,
            Actor.Cli,
            db,
            services.GetRequiredService<TimeProvider>(),
            ct
        );
        return
        [
            $"Holidays: {DemoData.Economy} "
                + $"{string.Join(", ", imported.Value!.Years.Select(y => $"{y.Key} ({y.Value} days)"))} from {File}.",
        ];
    }
}
