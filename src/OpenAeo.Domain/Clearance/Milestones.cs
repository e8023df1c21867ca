namespace OpenAeo.Domain.Clearance;

/// <summary>The events of a declaration's life the Time Release Study measures, in their usual order.</summary>
public enum Milestone
{
    Arrival,
    Lodged,
    Registered,
    LaneAssigned,
    OgaPermitRequested,
    OgaPermitGranted,
    OgaPermitRefused,
    DocumentaryCheckStarted,
    DocumentaryCheckEnded,
    ExaminationStarted,
    ExaminationEnded,
    Released,
    Delivered,
}

public enum PermitStatus
{
    Requested,
    Granted,
    Refused,
}

/// <summary>What a border officer (or, for delivery, the trader) does next with a declaration.</summary>
public enum ClearanceAction
{
    StartDocumentaryCheck,
    EndDocumentaryCheck,
    StartExamination,
    EndExamination,
    Release,
    Deliver,
}

/// <summary>Where a declaration stands: its lane, the milestones reached and each agency permit's status.</summary>
public sealed record ClearanceState(Lane Lane, IReadOnlySet<Milestone> Reached, IReadOnlyList<PermitStatus> Permits)
{
    public bool Released => Reached.Contains(Milestone.Released);
}

/// <summary>
/// The order of work after the lane: a paper review for Yellow and Red, a cargo examination for Red, every agency
/// permit granted, then release and delivery. Green and Blue are released when the lane is assigned unless a
/// permit is still awaited.
/// </summary>
public static class ClearanceProgress
{
    public static Result<Milestone> Next(ClearanceState s, ClearanceAction action)
    {
        bool Has(Milestone m) => s.Reached.Contains(m);
        if (Has(Milestone.Delivered))
        {
            return Refuse("The goods are delivered; the declaration is closed.");
        }

        switch (action)
        {
            case ClearanceAction.Deliver:
                return Has(Milestone.Released)
                    ? Result<Milestone>.Ok(Milestone.Delivered)
                    : Refuse("Goods are delivered only after release.");
            case var _ when Has(Milestone.Released):
                return Refuse("The declaration is released.");
            case ClearanceAction.StartDocumentaryCheck:
                return s.Lane < Lane.Yellow ? Refuse($"A {s.Lane} declaration has no documentary check.")
                    : Has(Milestone.DocumentaryCheckStarted) ? Refuse("The documentary check has started already.")
                    : Result<Milestone>.Ok(Milestone.DocumentaryCheckStarted);
            case ClearanceAction.EndDocumentaryCheck:
                return !Has(Milestone.DocumentaryCheckStarted) ? Refuse("The documentary check has not started.")
                    : Has(Milestone.DocumentaryCheckEnded) ? Refuse("The documentary check has ended already.")
                    : Result<Milestone>.Ok(Milestone.DocumentaryCheckEnded);
            case ClearanceAction.StartExamination:
                return s.Lane != Lane.Red ? Refuse($"A {s.Lane} declaration has no cargo examination.")
                    : Has(Milestone.ExaminationStarted) ? Refuse("The examination has started already.")
                    : Result<Milestone>.Ok(Milestone.ExaminationStarted);
            case ClearanceAction.EndExamination:
                return !Has(Milestone.ExaminationStarted) ? Refuse("The examination has not started.")
                    : Has(Milestone.ExaminationEnded) ? Refuse("The examination has ended already.")
                    : Result<Milestone>.Ok(Milestone.ExaminationEnded);
            default:
                if (s.Permits.Contains(PermitStatus.Refused))
                {
                    return Refuse("An agency refused its permit: the goods cannot be released.");
                }

                if (s.Permits.Contains(PermitStatus.Requested))
                {
                    return Refuse("An agency permit is still awaited.");
                }

                if (s.Lane >= Lane.Yellow && !Has(Milestone.DocumentaryCheckEnded))
                {
                    return Refuse("The documentary check must end before release.");
                }

                return s.Lane == Lane.Red && !Has(Milestone.ExaminationEnded)
                    ? Refuse("The cargo examination must end before release.")
                    : Result<Milestone>.Ok(Milestone.Released);
        }
    }

    /// <summary>Whether the declaration is released as soon as its lane is known (no check, no permit awaited).</summary>
    public static bool ReleasedOnAssignment(Lane lane, IReadOnlyList<PermitStatus> permits) =>
        lane is Lane.Green or Lane.Blue && permits.All(p => p == PermitStatus.Granted);

    private static Result<Milestone> Refuse(string message) => new DomainError("declaration.transition", message);
}
