namespace OpenAeo.Domain.MutualRecognition;

/// <summary>Where a Mutual Recognition Arrangement stands (APEC report, section II.2).</summary>
public enum MraStatus
{
    UnderNegotiation,
    ActionPlan,

    // The lifecycle word of the MRA texts and the issue, not the integer type qualifier.
#pragma warning disable CA1720
    Signed,
#pragma warning restore CA1720
    InForce,
    Suspended,
    Terminated,
}

/// <summary>The date each lifecycle step was reached; a step not reached (or not known) is null.</summary>
public sealed record MraDates(
    DateOnly? NegotiationStartedOn = null,
    DateOnly? ActionPlanOn = null,
    DateOnly? SignedOn = null,
    DateOnly? InForceFrom = null,
    DateOnly? SuspendedOn = null,
    DateOnly? TerminatedOn = null
);

/// <summary>
/// The lifecycle rules of an MRA: UnderNegotiation → ActionPlan → Signed → InForce → Suspended | Terminated.
/// A suspended MRA may come back into force; a terminated one is final. Steps may be skipped (many MRAs have no
/// published action plan), but never taken backwards, and the dates of the steps reached must not go backwards.
/// </summary>
public static class MraLifecycle
{
    /// <summary>Whether an MRA may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(MraStatus from, MraStatus to) =>
        (from, to) switch
        {
            _ when from == to => true,
            (MraStatus.Terminated, _) => false,
            (MraStatus.Suspended, MraStatus.InForce) => true,
            (_, MraStatus.Terminated) => true,
            (MraStatus.Suspended, _) => false,
            _ => to > from,
        };

    /// <summary>
    /// Checks parties, status and dates together: two or more distinct parties (a bloc code counts as one) or a single bloc; a signed
    /// MRA has its signature date, one in force its entry-into-force date, a suspended or terminated one that date too;
    /// and the dates follow the order of the steps.
    /// </summary>
    /// <summary>
    /// Joint validations belong to the action plan (WCO's MRA guide: the administrations validate operators together
    /// before they sign): an MRA still under negotiation records none, and they start no earlier than the action plan.
    /// </summary>
    public static IReadOnlyList<DomainError> CheckJointValidation(MraStatus status, MraDates dates, DateOnly? jointValidationFrom)
    {
        if (jointValidationFrom is not { } from)
        {
            return [];
        }

        if (status == MraStatus.UnderNegotiation)
        {
            return
            [
                new(
                    "mra.jointValidation",
                    "Joint validations come with the action plan: an MRA still under negotiation records none.",
                    "jointValidationFrom"
                ),
            ];
        }

        return dates.ActionPlanOn is { } plan && from < plan
            ?
            [
                new(
                    "mra.jointValidation",
                    $"Joint validations start no earlier than the action plan ({plan:yyyy-MM-dd}).",
                    "jointValidationFrom"
                ),
            ]
            : [];
    }

    public static IReadOnlyList<DomainError> Check(IReadOnlyList<string> parties, MraStatus status, MraDates dates)
    {
        var errors = new List<DomainError>();
        // One party is allowed only for a bloc (codes longer than two letters): a plurilateral MRA among its members.
        if (
            (parties.Count < 2 && !(parties.Count == 1 && parties[0].Length > 2))
            || parties.Distinct(StringComparer.Ordinal).Count() != parties.Count
        )
        {
            errors.Add(
                new("mra.parties", "An MRA has two or more distinct parties, or one bloc whose members recognise each other.", "parties")
            );
        }

        if (parties.Any(p => p.Length is < 2 or > 20 || !p.All(char.IsAsciiLetterUpper)))
        {
            errors.Add(new("mra.parties", "Parties are economy codes (TW) or bloc codes (PACIFICALLIANCE) in capital letters.", "parties"));
        }

        if (status >= MraStatus.Signed && status != MraStatus.Terminated && dates.SignedOn is null && dates.InForceFrom is null)
        {
            errors.Add(new("mra.signed", "A signed MRA needs its signature date (or its entry-into-force date).", "signedOn"));
        }

        if (status is MraStatus.InForce or MraStatus.Suspended && dates.InForceFrom is null)
        {
            errors.Add(new("mra.inForce", "An MRA in force (or suspended) needs the date it entered into force.", "inForceFrom"));
        }

        if (status == MraStatus.Suspended && dates.SuspendedOn is null)
        {
            errors.Add(new("mra.suspended", "A suspended MRA needs the date of its suspension.", "suspendedOn"));
        }

        if (status == MraStatus.Terminated && dates.TerminatedOn is null)
        {
            errors.Add(new("mra.terminated", "A terminated MRA needs the date of its termination.", "terminatedOn"));
        }

        if (status < MraStatus.InForce && dates.InForceFrom is not null)
        {
            errors.Add(new("mra.inForce", $"An MRA that is {status} has no entry-into-force date yet.", "inForceFrom"));
        }

        DateOnly? previous = null;
        foreach (
            var (date, field) in new[]
            {
                (dates.NegotiationStartedOn, "negotiationStartedOn"),
                (dates.ActionPlanOn, "actionPlanOn"),
                (dates.SignedOn, "signedOn"),
                (dates.InForceFrom, "inForceFrom"),
                (dates.SuspendedOn ?? dates.TerminatedOn, dates.SuspendedOn is null ? "terminatedOn" : "suspendedOn"),
            }
        )
        {
            if (date is { } d)
            {
                if (previous > d)
                {
                    errors.Add(new("mra.dates", $"{field} ({d:yyyy-MM-dd}) is before an earlier step ({previous:yyyy-MM-dd}).", field));
                }

                previous = d;
            }
        }

        return errors;
    }
}
