using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

public sealed record StatisticResponse(string Metric, int Count, DateOnly? AsOf, string Source);

public sealed record CalendarResponse(
    IReadOnlyList<string> WeekendDays,
    IReadOnlyList<string> AnnualHolidays,
    IReadOnlyList<DateOnly> Holidays
);

public sealed record ProgrammeResponse(
    ProgrammeSummary Programme,
    IReadOnlyList<string> EligibleRoles,
    CalendarResponse Calendar,
    string? Notes,
    string? Source,
    string TimeZone,
    string PauseExpiry,
    IReadOnlyList<StatisticResponse> Statistics,
    string FindingsPolicy,
    bool FourEyes,
    int HearingDays,
    int SelfReviewWindowDays,
    int ReassessmentYears,
    int TriggeredReassessmentDays,
    string WorkingHours,
    EcommerceSettingsResponse? Ecommerce = null
);

internal static class GetProgramme
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/programmes/{code}", Handle).WithEntityTag();

    [EndpointSummary("A programme with its validity rules, SLA, SME definition, tracks, tiers and calendar.")]
    [AllowAnonymous]
    public static async Task<Results<Ok<ProgrammeResponse>, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.ProgrammeCode))] string code,
        OpenAeoDb db,
        ProgrammeCache programmes,
        HttpContext http,
        CancellationToken ct
    )
    {
        if (await programmes.GetAsync(db, code, ct) is not { } read)
        {
            return Problems.NotFound($"There is no programme with code '{code}'.");
        }

        EntityTags.Tag(http, read.Version);
        return TypedResults.Ok(read.Response);
    }

    /// <summary>The answer and the version of the programme it was read from, in one read of the programme's row.</summary>
    public static async Task<ProgrammeRead?> ReadAsync(OpenAeoDb db, string key, CancellationToken ct)
    {
        var row = await db.Programmes()
            .AsNoTracking()
            .Where(p => p.Code == key)
            .Select(p => new { Programme = p, Version = EF.Property<long>(p, OpenAeoDb.VersionColumn) })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : new ProgrammeRead(await ResponseAsync(db, row.Programme, ct), row.Version);
    }

    /// <summary>The answer for a programme row already read (tracked or not): its economy's name and statistics are read here.</summary>
    public static async Task<ProgrammeResponse> ResponseAsync(OpenAeoDb db, Programme p, CancellationToken ct)
    {
        var economyName = await db.Economies().Where(e => e.Code == p.EconomyCode).Select(e => e.Name).SingleOrDefaultAsync(ct)
            ?? p.EconomyCode;
        var statistics = await db.ProgrammeStatistics()
            .AsNoTracking()
            .Where(s => s.ProgrammeCode == p.Code)
            .OrderBy(s => s.Id)
            .ToListAsync(ct);
        return new ProgrammeResponse(
            ProgrammeSummary.From(p, economyName, statistics),
            p.EligibleRoles == OperatorRoles.None ? ["All"] : [.. OperatorRoleNames.Split(p.EligibleRoles).Select(r => r.ToString())],
            new CalendarResponse([.. p.WeekendDays.Select(d => d.ToString())], p.AnnualHolidays, p.Holidays),
            p.Notes,
            p.Source,
            p.TimeZone,
            p.PauseExpiry.ToString(),
            [.. statistics.Select(s => new StatisticResponse(s.Metric, s.Count, s.AsOf, s.Source))],
            p.FindingsPolicy.ToString(),
            p.FourEyes,
            p.HearingDays,
            p.SelfReviewWindowDays,
            p.ReassessmentYears,
            p.TriggeredReassessmentDays,
            p.WorkingHours.ToString(),
            EcommerceSettingsResponse.From(p)
        );
    }
}
