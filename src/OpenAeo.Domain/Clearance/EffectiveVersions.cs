namespace OpenAeo.Domain.Clearance;

/// <summary>When one version of a risk rule or of the selectivity profile applies.</summary>
/// <param name="From">First day (office-local) on which the version applies.</param>
/// <param name="Until">First day on which it no longer applies; null while nothing ends it.</param>
/// <param name="Retired">Superseded before it took effect, so it never applies.</param>
public readonly record struct EffectivePeriod(int Version, DateOnly From, DateOnly? Until = null, bool Retired = false)
{
    public bool AppliesOn(DateOnly day) => !Retired && From <= day && (Until is null || day < Until);
}

/// <summary>
/// "Effective from" versioning, as risk rules and the selectivity profile use it: a change adds a version from a day
/// (today or later, never in the past: a backdated version would contradict decisions already explained); the version
/// in force then ends on that day, and a version scheduled for that day or later is superseded without ever applying.
/// Every past decision stays explained by the version it used.
/// </summary>
public static class EffectiveVersions
{
    /// <summary>
    /// The first day of a change: the day asked for, or today; an error when it is in the past. "Today" is the day on the
    /// programme's clocks (<paramref name="zone"/>), because the days a version applies on are local days: by the UTC day,
    /// an officer in Taipei after midnight could not start a rule today, and one in Santiago before midnight could start one yesterday.
    /// </summary>
    /// <param name="backdated">The error to give for a day in the past (each thing versioned says it in its own words).</param>
    public static Result<DateOnly> StartDay(
        DateOnly? requested,
        DateTimeOffset now,
        TimeZoneInfo zone,
        Func<DateOnly, DomainError> backdated
    )
    {
        var today = CalendarDays.DayOf(now, zone);
        var day = requested ?? today;
        return day < today ? backdated(today) : Result<DateOnly>.Ok(day);
    }

    /// <summary>The versions after an end on <paramref name="day"/>: those in force then end that day, those scheduled from it are
    /// superseded.</summary>
    public static IReadOnlyList<EffectivePeriod> EndOn(IReadOnlyList<EffectivePeriod> versions, DateOnly day) =>
        [
            .. versions.Select(v =>
                v.Retired ? v
                : v.From >= day ? v with { Retired = true }
                : v.Until is null || v.Until > day ? v with { Until = day }
                : v
            ),
        ];

    /// <summary>The versions as saved one after the other (by version number), each ending or superseding what came before.</summary>
    public static IReadOnlyList<EffectivePeriod> Chain(IEnumerable<(int Version, DateOnly From)> saved)
    {
        IReadOnlyList<EffectivePeriod> chain = [];
        foreach (var (version, from) in saved.OrderBy(s => s.Version))
        {
            chain = [.. EndOn(chain, from), new EffectivePeriod(version, from)];
        }

        return chain;
    }

    /// <summary>
    /// The version in force on a day; before the first version's day, the first one (old declarations are replayed
    /// against the earliest version there is rather than against none).
    /// </summary>
    public static EffectivePeriod InForce(IReadOnlyList<EffectivePeriod> chain, DateOnly day)
    {
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (chain[i].AppliesOn(day))
            {
                return chain[i];
            }
        }

        var earliest = chain[0];
        foreach (var v in chain)
        {
            if (!v.Retired && (earliest.Retired || v.From < earliest.From))
            {
                earliest = v;
            }
        }

        return earliest;
    }
}
