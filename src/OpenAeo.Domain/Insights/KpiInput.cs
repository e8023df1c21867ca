using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Insights;

/// <summary>
/// An operator's size class: the programme's SME definition decides SME or large; an SME is then micro (fewer than
/// 10 employees), small (fewer than 50) or medium (the rest up to the programme's cap), the thresholds the report and
/// the OECD use. A programme whose cap is 50 or lower has no medium class.
/// </summary>
public enum SizeClass
{
    Unknown,
    Micro,
    Small,
    Medium,
    Large,
}

public static class SizeClasses
{
    public const int MicroBelow = 10;

    public const int SmallBelow = 50;

    public static SizeClass Classify(SmeDefinition definition, int? employees, decimal? turnover) =>
        definition.Classify(employees, turnover) switch
        {
            SmeClass.Large => SizeClass.Large,
            SmeClass.Sme when employees < MicroBelow => SizeClass.Micro,
            SmeClass.Sme when employees < SmallBelow => SizeClass.Small,
            SmeClass.Sme => SizeClass.Medium,
            _ => SizeClass.Unknown,
        };

    public static bool IsSme(SizeClass size) => size is SizeClass.Micro or SizeClass.Small or SizeClass.Medium;
}

/// <summary>What the KPIs need of a programme: its zone (months are its calendar months), calendar, SME definition and SLA.</summary>
/// <param name="ProgrammeOfficers">How many programme officers work the programme (for workload per officer).</param>
public sealed record KpiProgramme(
    string Code,
    TimeZoneInfo Zone,
    BusinessCalendar Calendar,
    SmeDefinition Sme,
    SlaPolicy Sla,
    int ProgrammeOfficers
);

/// <summary>An operator as the KPIs see it; <paramref name="RegisteredOn"/> is the programme-local day it was registered.</summary>
public sealed record KpiOperator(string Tin, DateOnly RegisteredOn, int? Employees, decimal? Turnover, string? Sector, OperatorRoles Roles);

/// <summary>A certificate with its lifecycle events (effective days are programme-local days).</summary>
/// <param name="Renewal">Issued on a renewal (reassessment) of an earlier certificate.</param>
/// <param name="AccountManager">The account manager of the application that led to it, when there was one.</param>
public sealed record KpiCertificate(
    int Id,
    string Tin,
    DateOnly ValidFrom,
    DateOnly? ValidUntil,
    bool Renewal,
    string? AccountManager,
    IReadOnlyList<CertificateEvent> Events
)
{
    /// <summary>
    /// In force on <paramref name="day"/>: within its validity, and its last suspension, revocation or expiry effective
    /// on or before that day (if any) was not followed by a reinstatement. Replays the events, so it answers for any day
    /// in the past, not only today.
    /// </summary>
    public bool InForceOn(DateOnly day)
    {
        if (day < ValidFrom || (ValidUntil is DateOnly until && day > until))
        {
            return false;
        }

        var last = Events
            .Where(e => e.EffectiveOn <= day && e.Kind is not (CertificateEventKind.Granted or CertificateEventKind.Amended))
            .OrderBy(e => e.EffectiveOn)
            .ThenBy(e => e.RecordedAt)
            .LastOrDefault();
        return last is null || last.Kind == CertificateEventKind.Reinstated;
    }
}

/// <summary>An application with its history (the same events the SLA clock reads).</summary>
/// <param name="StartedOn">The programme-local day it was started.</param>
public sealed record KpiApplication(
    int Id,
    string Tin,
    Track Track,
    DateOnly StartedOn,
    bool Renewal,
    string? AccountManager,
    IReadOnlyList<ApplicationEvent> Events,
    IReadOnlyList<string> RejectionCodes
);

/// <summary>Everything the KPIs are computed from. Months are calendar months in the programme's zone.</summary>
public sealed record KpiInput(
    KpiProgramme Programme,
    IReadOnlyList<KpiOperator> Operators,
    IReadOnlyList<KpiCertificate> Certificates,
    IReadOnlyList<KpiApplication> Applications
);

/// <summary>A month in the programme's calendar.</summary>
public readonly record struct Month(int Year, int Number) : IComparable<Month>
{
    public DateOnly FirstDay => new(Year, Number, 1);

    public Month Next => Number == 12 ? new Month(Year + 1, 1) : new Month(Year, Number + 1);

    public static Month Of(DateOnly day) => new(day.Year, day.Month);

    public static Month? Parse(string? text) =>
        text is { Length: 7 }
        && text[4] == '-'
        && int.TryParse(
            text.AsSpan(0, 4),
            System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture,
            out var y
        )
        && int.TryParse(
            text.AsSpan(5, 2),
            System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture,
            out var m
        )
        && y is >= 1990 and <= 2100
        && m is >= 1 and <= 12
            ? new Month(y, m)
            : null;

    public int CompareTo(Month other) => (Year * 12 + Number).CompareTo(other.Year * 12 + other.Number);

    public override string ToString() => $"{Year:0000}-{Number:00}";

    public static bool operator <(Month a, Month b) => a.CompareTo(b) < 0;

    public static bool operator >(Month a, Month b) => a.CompareTo(b) > 0;

    public static bool operator <=(Month a, Month b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Month a, Month b) => a.CompareTo(b) >= 0;
}

/// <summary>
/// The months a report covers, <paramref name="From"/> to <paramref name="To"/> inclusive, in the programme's zone.
/// </summary>
public sealed record KpiPeriod(Month From, Month To)
{
    /// <summary>At most ten years, so a report stays a report.</summary>
    public const int MaxMonths = 120;

    public static Result<KpiPeriod> Create(string? from, string? to)
    {
        var errors = new List<DomainError>();
        var f = Month.Parse(from?.Trim());
        var t = Month.Parse(to?.Trim());
        if (f is null)
        {
            errors.Add(new("insights.from", "The first month is a month written yyyy-mm (2026-01).", "from"));
        }

        if (t is null)
        {
            errors.Add(new("insights.to", "The last month is a month written yyyy-mm (2026-06).", "to"));
        }

        if (f is Month a && t is Month b)
        {
            if (b < a)
            {
                errors.Add(new("insights.to", $"The last month ({b}) is before the first ({a}).", "to"));
            }
            else if ((b.Year * 12 + b.Number) - (a.Year * 12 + a.Number) + 1 > MaxMonths)
            {
                errors.Add(new("insights.to", $"A report covers at most {MaxMonths} months.", "to"));
            }
        }

        return errors.Count > 0 ? Result<KpiPeriod>.Fail(errors) : Result<KpiPeriod>.Ok(new KpiPeriod(f!.Value, t!.Value));
    }

    public IEnumerable<Month> Months()
    {
        for (var m = From; m <= To; m = m.Next)
        {
            yield return m;
        }
    }

    /// <summary>The first day after the period (a programme-local day).</summary>
    public DateOnly EndExclusive => To.Next.FirstDay;

    /// <summary>The instants the period starts and ends (exclusive) in <paramref name="zone"/>.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Instants(TimeZoneInfo zone) =>
        (CalendarDays.StartOf(From.FirstDay, zone), CalendarDays.StartOf(EndExclusive, zone));
}
