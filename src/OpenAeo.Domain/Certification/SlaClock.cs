using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

/// <summary>The clock of one application: what it may use, what it used, what is left and when it is due.</summary>
/// <param name="DueDate">The business day by which customs must decide, while the clock runs; null while it is stopped or not
/// started.</param>
public sealed record SlaStatus(int LimitDays, int UsedDays, int DaysLeft, DateOnly? DueDate, bool Running, bool Started)
{
    /// <summary>The limit is used up and no decision was taken.</summary>
    public bool Overdue => Started && DaysLeft <= 0;
}

/// <summary>A moment the clock changed: from <paramref name="Date"/> on it runs or not.</summary>
public sealed record ClockChange(DateOnly Date, bool Runs);

/// <summary>
/// The authorisation time limit in business days, counted on the programme's calendar while the clock runs.
/// </summary>
/// <remarks>
/// A business day counts once the clock ran at its start: a run from day A to day B uses the business days in
/// <c>[A, B)</c>, so an application submitted today has used nothing today and a pause agreed today stops today.
/// The limit is the programme's standard limit (90), or its expedited SME limit (60) for the SME track, plus the
/// information-request extension (30) once customs has asked for more information.
/// </remarks>
public static class SlaClock
{
    public static int Limit(SlaPolicy policy, Track track, bool informationRequested) =>
        (track == Track.Sme ? policy.SmeExpeditedDays : policy.StandardDays) + (informationRequested ? policy.InformationRequestDays : 0);

    public static SlaStatus Compute(IReadOnlyList<ClockChange> changes, BusinessCalendar calendar, int limit, DateOnly today)
    {
        var used = 0;
        DateOnly? runningSince = null;
        var started = false;
        foreach (var change in changes.OrderBy(c => c.Date))
        {
            if (change.Runs && runningSince is null)
            {
                runningSince = change.Date;
                started = true;
            }
            else if (!change.Runs && runningSince is DateOnly since)
            {
                used += calendar.CountBusinessDays(since, change.Date);
                runningSince = null;
            }
        }

        if (runningSince is DateOnly open)
        {
            used += calendar.CountBusinessDays(open, today);
        }

        var left = limit - used;
        DateOnly? due = runningSince is not null && left > 0 ? calendar.AddBusinessDays(today.AddDays(-1), left) : null;
        if (runningSince is not null && left <= 0)
        {
            due = LastUsedDay(changes, calendar, limit);
        }

        return new SlaStatus(limit, used, left, due, runningSince is not null, started);
    }

    /// <summary>For an overdue application, the business day on which the limit was reached.</summary>
    private static DateOnly? LastUsedDay(IReadOnlyList<ClockChange> changes, BusinessCalendar calendar, int limit)
    {
        var remaining = limit;
        DateOnly? since = null;
        foreach (var change in changes.OrderBy(c => c.Date))
        {
            if (change.Runs && since is null)
            {
                since = change.Date;
            }
            else if (!change.Runs && since is DateOnly s)
            {
                remaining -= calendar.CountBusinessDays(s, change.Date);
                since = null;
            }
        }

        return since is DateOnly start && remaining > 0 ? calendar.AddBusinessDays(start.AddDays(-1), remaining) : null;
    }
}
