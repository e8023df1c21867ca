using System.Globalization;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>
/// Changes to a programme's settings; absent fields keep their value. <c>ValidityYears</c> 0 means indefinite.
/// Holidays are <c>yyyy-mm-dd</c>, annual holidays <c>mm-dd</c>.
/// </summary>
public sealed record UpdateProgrammeRequest(
    [Limit(nameof(Limits.Name))] string? Name,
    [Limit(nameof(Limits.ShortName))] string? ShortName,
    [Limit(nameof(Limits.Year))] int? LaunchYear,
    [Limit(nameof(Limits.Keyword))] string? Status,
    [Limit(nameof(Limits.ValidityYears))] int? ValidityYears,
    [Limit(nameof(Limits.BusinessDays))] int? SlaStandardDays,
    [Limit(nameof(Limits.BusinessDays))] int? SlaInformationRequestDays,
    [Limit(nameof(Limits.BusinessDays))] int? SlaSmeExpeditedDays,
    [Limit(nameof(Limits.Employees))] int? SmeEmployeeCap,
    [Limit(nameof(Limits.Money))] decimal? SmeTurnoverCap,
    [Limit(nameof(Limits.Currency))] string? SmeTurnoverCurrency,
    [Limit(nameof(Limits.Keyword))] IReadOnlyList<string>? Tracks,
    [Limit(nameof(Limits.Tier))] IReadOnlyList<string>? Tiers,
    [Limit(nameof(Limits.Keyword))] IReadOnlyList<string>? WeekendDays,
    [Limit(nameof(Limits.Keyword))] IReadOnlyList<string>? AnnualHolidays,
    IReadOnlyList<DateOnly>? Holidays,
    [Limit(nameof(Limits.Note))] string? Notes,
    [Limit(nameof(Limits.TimeZone))] string? TimeZone,
    [Limit(nameof(Limits.Keyword))] string? PauseExpiry,
    [Limit(nameof(Limits.Reason))] string? Reason,
    [Limit(nameof(Limits.Keyword))] string? FindingsPolicy = null,
    bool? FourEyes = null,
    [Limit(nameof(Limits.HearingDays))] int? HearingDays = null,
    [Limit(nameof(Limits.SelfReviewWindowDays))] int? SelfReviewWindowDays = null,
    [Limit(nameof(Limits.ReassessmentYears))] int? ReassessmentYears = null,
    [Limit(nameof(Limits.TriggeredReassessmentDays))] int? TriggeredReassessmentDays = null,
    [Limit(nameof(Limits.Keyword))] string? WorkingHours = null,
    bool? EcommerceLowValueLane = null,
    [Limit(nameof(Limits.Money))] decimal? EcommerceThreshold = null,
    [Limit(nameof(Limits.Currency))] string? EcommerceCurrency = null,
    [Limit(nameof(Limits.Keyword))] string? EcommerceMerchants = null,
    bool? EcommerceSimplifiedReturns = null
);

internal static class UpdateProgramme
{
    public static void Map(RouteGroupBuilder api) => api.MapPut("/programmes/{code}", Handle).WithEntityTag();

    [EndpointSummary(
        "Change a programme's rules (validity, SLA, SME definition, tracks, tiers, calendar, working hours, e-commerce benefits)."
    )]
    [Authorize(Policies.ReferenceDataEditors)]
    public static async Task<Results<Ok<ProgrammeResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.ProgrammeCode))] string code,
        UpdateProgrammeRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        System.Security.Claims.ClaimsPrincipal user,
        HttpContext http,
        CancellationToken ct
    )
    {
        var key = code.Trim().ToUpperInvariant();
        var programme = await db.Programmes().SingleOrDefaultAsync(p => p.Code == key, ct);
        if (programme is null)
        {
            return Problems.NotFound($"There is no programme with code '{code}'.");
        }

        if (EntityTags.Stale(http, db, programme, $"Programme {programme.Code}") is { } stale)
        {
            return stale;
        }

        var errors = Apply(programme, request);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        db.Audit(
            clock.GetUtcNow(),
            Actor.From(user)!.Name,
            "programme.updated",
            $"programme:{programme.Code}",
            request.Reason,
            request with
            {
                Reason = null,
            }
        );
        await db.SaveChangesAsync(ct);
        EntityTags.Tag(http, db, programme);
        return TypedResults.Ok(await GetProgramme.ResponseAsync(db, programme, ct));
    }

    /// <summary>Merges the request into the programme's current definition and lets the domain validate it.</summary>
    public static IReadOnlyList<DomainError> Apply(Programme p, UpdateProgrammeRequest r)
    {
        var errors = new List<DomainError>();
        var status = p.Status;
        if (r.Status is not null && !Enum.TryParse(r.Status, ignoreCase: true, out status))
        {
            errors.Add(new("programme.status", "Status is Operational or InDevelopment.", "status"));
        }

        var pauseExpiry = p.PauseExpiry;
        if (r.PauseExpiry is not null && !Enum.TryParse(r.PauseExpiry, ignoreCase: true, out pauseExpiry))
        {
            errors.Add(new("programme.pauseExpiry", "PauseExpiry is Resume or Lapse.", "pauseExpiry"));
        }

        var findingsPolicy = p.FindingsPolicy;
        if (r.FindingsPolicy is not null && !Enum.TryParse(r.FindingsPolicy, ignoreCase: true, out findingsPolicy))
        {
            errors.Add(new("programme.findingsPolicy", "FindingsPolicy is Block or ConditionalGrant.", "findingsPolicy"));
        }

        // The offices' working hours (08:30-17:30), which the working-hours clock of time release studies counts (ADR 0044).
        var hours = r.WorkingHours is null ? Result<WorkingHours>.Ok(p.WorkingHours) : WorkingHours.Parse(r.WorkingHours);
        errors.AddRange(hours.Errors);

        if (r.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out _))
        {
            errors.Add(
                new(
                    "programme.timeZone",
                    $"'{r.TimeZone}' is not a time zone this server knows (use an IANA name such as Asia/Taipei).",
                    "timeZone"
                )
            );
        }

        var tracks = p.Tracks;
        if (r.Tracks is not null)
        {
            tracks = Domain.Registry.Tracks.None;
            foreach (var t in r.Tracks)
            {
                if (Enum.TryParse<Tracks>(t, ignoreCase: true, out var track))
                {
                    tracks |= track;
                }
                else
                {
                    errors.Add(new("programme.tracks", $"'{t}' is not a track (Standard, Sme, Ecommerce).", "tracks"));
                }
            }
        }

        var weekend = p.WeekendDays.ToHashSet();
        if (r.WeekendDays is not null)
        {
            weekend = [];
            foreach (var d in r.WeekendDays)
            {
                if (Enum.TryParse<DayOfWeek>(d, ignoreCase: true, out var day))
                {
                    weekend.Add(day);
                }
                else
                {
                    errors.Add(new("programme.calendar", $"'{d}' is not a day of the week.", "weekendDays"));
                }
            }
        }

        var annual = p.Calendar.AnnualHolidays.ToHashSet();
        if (r.AnnualHolidays is not null)
        {
            annual = [];
            foreach (var a in r.AnnualHolidays)
            {
                if (DateOnly.TryParseExact("2000-" + a, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    annual.Add((date.Month, date.Day));
                }
                else
                {
                    errors.Add(new("programme.calendar", $"'{a}' is not an annual holiday in the form mm-dd.", "annualHolidays"));
                }
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var definition = new ProgrammeDefinition(
            p.Code,
            p.EconomyCode,
            r.Name ?? p.Name,
            r.ShortName ?? p.ShortName,
            r.LaunchYear ?? p.LaunchYear,
            status,
            r.ValidityYears is int years ? new ValidityPolicy(years == 0 ? null : years) : p.Validity,
            new SlaPolicy(
                r.SlaStandardDays ?? p.SlaStandardDays,
                r.SlaInformationRequestDays ?? p.SlaInformationRequestDays,
                r.SlaSmeExpeditedDays ?? p.SlaSmeExpeditedDays
            ),
            new SmeDefinition(
                r.SmeEmployeeCap ?? p.SmeEmployeeCap,
                r.SmeTurnoverCap ?? p.SmeTurnoverCap,
                r.SmeTurnoverCurrency ?? p.SmeTurnoverCurrency
            ),
            tracks,
            r.Tiers ?? p.Tiers,
            p.EligibleRoles,
            new BusinessCalendar(weekend, annual, (r.Holidays ?? p.Holidays).ToHashSet()),
            r.Notes ?? p.Notes,
            p.Source,
            r.TimeZone ?? p.TimeZone,
            pauseExpiry
        );
        var invalid = p.Update(definition);
        if (invalid.Count > 0)
        {
            return invalid;
        }

        var rules = p.ChangeDecisionRules(findingsPolicy, r.FourEyes ?? p.FourEyes, r.HearingDays ?? p.HearingDays);
        if (rules.Count > 0)
        {
            return rules;
        }

        var monitoring = p.ChangeMonitoringRules(
            new MonitoringPolicy(
                r.SelfReviewWindowDays ?? p.SelfReviewWindowDays,
                r.ReassessmentYears ?? p.ReassessmentYears,
                r.TriggeredReassessmentDays ?? p.TriggeredReassessmentDays
            )
        );
        var ecommerce = monitoring.Count > 0 ? monitoring : ProgrammeEcommerceSettings.Apply(p, r);
        return ecommerce.Count > 0 ? ecommerce : p.ChangeWorkingHours(hours.Value!);
    }
}
