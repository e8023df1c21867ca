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
        HttpContext http,
        CancellationToken ct
    )
    {
        if (await Load(db, code, ct) is not { } programme)
        {
            return Problems.NotFound($"There is no programme with code '{code}'.");
        }

        var key = code.Trim().ToUpperInvariant();
        EntityTags.Tag(
            http,
            await db.Programmes().Where(p => p.Code == key).Select(p => EF.Property<long>(p, OpenAeoDb.VersionColumn)).SingleAsync(ct)
        );
        return TypedResults.Ok(programme);
    }

    public static async Task<ProgrammeResponse?> Load(OpenAeoDb db, string code, CancellationToken ct)
    {
        var key = code.Trim().ToUpperInvariant();
        var p = await db.Programmes().AsNoTracking().SingleOrDefaultAsync(p => p.Code == key, ct);
        if (p is null)
        {
            return null;
        }

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
