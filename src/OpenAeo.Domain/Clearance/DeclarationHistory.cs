namespace OpenAeo.Domain.Clearance;

/// <summary>Where a declaration stands, in words a queue can filter on.</summary>
public enum DeclarationStatus
{
    AwaitingDocumentaryCheck,
    UnderDocumentaryCheck,
    AwaitingExamination,
    UnderExamination,
    AwaitingPermit,
    PermitRefused,
    ReadyForRelease,
    Released,
    Delivered,
}

/// <summary>One milestone of a declaration's life; <paramref name="Agency"/> names the agency a permit milestone belongs to.</summary>
public sealed record MilestoneEvent(Milestone Milestone, DateTimeOffset At, string? Agency = null);

/// <summary>Where one agency's permit stands; <paramref name="DecidedAt"/> is null while requested, or when only the release proves it was
/// granted.</summary>
public sealed record PermitRecord(string Agency, PermitStatus Status, DateTimeOffset? DecidedAt = null);

/// <summary>A declaration's milestones and permits, with the times the declaration keeps for queues and the Time Release Study.</summary>
/// <param name="Permits">One per agency that requires a permit, in the order the agencies were given.</param>
public sealed record DeclarationLife(
    IReadOnlyList<MilestoneEvent> Events,
    IReadOnlyList<PermitRecord> Permits,
    DateTimeOffset? ArrivalAt,
    DateTimeOffset? ReleasedAt,
    DateTimeOffset? DeliveredAt
);

/// <summary>
/// The milestone history of a declaration as it begins: live, when it is lodged now (registration and lane now, a
/// permit requested of each agency, and a Green or Blue lane released at once unless a permit is awaited); or
/// replayed, when a past declaration is imported with the milestones it already reached.
/// </summary>
public static class DeclarationHistory
{
    /// <param name="permitAgencies">The agencies whose permit travels with the declaration.</param>
    /// <param name="now">When customs registers it and assigns the lane.</param>
    public static DeclarationLife Lodged(
        Lane lane,
        IReadOnlyList<string> permitAgencies,
        DateTimeOffset? arrival,
        DateTimeOffset lodgedAt,
        DateTimeOffset now
    )
    {
        var events = new List<MilestoneEvent>();
        if (arrival is { } a)
        {
            events.Add(new(Milestone.Arrival, a));
        }

        events.Add(new(Milestone.Lodged, lodgedAt));
        events.Add(new(Milestone.Registered, now));
        events.Add(new(Milestone.LaneAssigned, now));
        events.AddRange(permitAgencies.Select(agency => new MilestoneEvent(Milestone.OgaPermitRequested, now, agency)));
        var permits = permitAgencies.Select(agency => new PermitRecord(agency, PermitStatus.Requested)).ToList();
        DateTimeOffset? released = null;
        if (ClearanceProgress.ReleasedOnAssignment(lane, [.. permits.Select(p => p.Status)]))
        {
            events.Add(new(Milestone.Released, now));
            released = now;
        }

        return new DeclarationLife(events, permits, arrival, released, null);
    }

    /// <summary>
    /// A past declaration's milestones, in time order. Permit milestones name no agency in an import: they are given
    /// to the declaration's permit agencies in turn. A release without a recorded permit decision proves the permit
    /// was granted.
    /// </summary>
    public static DeclarationLife Replayed(
        IReadOnlyList<string> permitAgencies,
        DateTimeOffset? arrival,
        IReadOnlyList<(Milestone Milestone, DateTimeOffset At)> history
    )
    {
        var requested = new Queue<string>(permitAgencies);
        var undecided = new Queue<int>(Enumerable.Range(0, permitAgencies.Count));
        var permits = permitAgencies.Select(agency => new PermitRecord(agency, PermitStatus.Requested)).ToArray();
        var events = new List<MilestoneEvent>(history.Count);
        DateTimeOffset? arrivalAt = arrival,
            released = null,
            delivered = null;
        foreach (var (m, at) in history.OrderBy(h => h.At))
        {
            string? agency = null;
            if (m == Milestone.OgaPermitRequested && requested.TryDequeue(out var code))
            {
                agency = code;
            }
            else if (m is Milestone.OgaPermitGranted or Milestone.OgaPermitRefused && undecided.TryDequeue(out var i))
            {
                permits[i] = permits[i] with
                {
                    Status = m == Milestone.OgaPermitGranted ? PermitStatus.Granted : PermitStatus.Refused,
                    DecidedAt = at,
                };
                agency = permits[i].Agency;
            }

            events.Add(new(m, at, agency));
            switch (m)
            {
                case Milestone.Arrival:
                    arrivalAt ??= at;
                    break;
                case Milestone.Released:
                    released = at;
                    break;
                case Milestone.Delivered:
                    delivered = at;
                    break;
                default:
                    break;
            }
        }

        if (released is not null)
        {
            for (var i = 0; i < permits.Length; i++)
            {
                permits[i] = permits[i].Status == PermitStatus.Requested ? permits[i] with { Status = PermitStatus.Granted } : permits[i];
            }
        }

        return new DeclarationLife(events, permits, arrivalAt, released, delivered);
    }

    /// <summary>
    /// Where the declaration stands: delivered or released by its recorded times; otherwise a refused permit stops
    /// it, then the examination (Red), the documentary check (Yellow and Red) and the permits it waits for, in that order.
    /// </summary>
    public static DeclarationStatus Status(ClearanceState s, bool released, bool delivered)
    {
        bool Has(Milestone m) => s.Reached.Contains(m);
        return delivered ? DeclarationStatus.Delivered
            : released ? DeclarationStatus.Released
            : s.Permits.Contains(PermitStatus.Refused) ? DeclarationStatus.PermitRefused
            : s.Lane == Lane.Red && !Has(Milestone.ExaminationEnded)
                ? (Has(Milestone.ExaminationStarted) ? DeclarationStatus.UnderExamination : DeclarationStatus.AwaitingExamination)
            : s.Lane >= Lane.Yellow && !Has(Milestone.DocumentaryCheckEnded)
                ? (
                    Has(Milestone.DocumentaryCheckStarted)
                        ? DeclarationStatus.UnderDocumentaryCheck
                        : DeclarationStatus.AwaitingDocumentaryCheck
                )
            : s.Permits.Contains(PermitStatus.Requested) ? DeclarationStatus.AwaitingPermit
            : DeclarationStatus.ReadyForRelease;
    }
}
