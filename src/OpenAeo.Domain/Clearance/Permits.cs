namespace OpenAeo.Domain.Clearance;

/// <summary>An agency's decision on its permit: the new status, the milestone it records, and whether it releases the goods.</summary>
/// <param name="Note">The officer's note, trimmed; a refusal always has one (its reason).</param>
/// <param name="Releases">True when this was the last permit a Green or Blue declaration waited for.</param>
public sealed record PermitDecided(PermitStatus Status, Milestone Milestone, string? Note, bool Releases);

/// <summary>
/// The agency officer's decision on a permit that travelled with a joint declaration. A permit is decided once;
/// a refusal states its reason (the trader and customs read it); and a Green or Blue declaration, which was only
/// waiting for its permits, is released by the last grant, by the same rule that releases it at lodgement.
/// </summary>
public static class Permits
{
    /// <param name="declaration">The declaration as it stands, this permit included in <see cref="ClearanceState.Permits"/>.</param>
    /// <param name="current">This permit's status before the decision.</param>
    public static Result<PermitDecided> Decide(ClearanceState declaration, PermitStatus current, string? decision, string? note)
    {
        var status = decision?.Trim().ToLowerInvariant() switch
        {
            "grant" or "granted" => PermitStatus.Granted,
            "refuse" or "refused" => PermitStatus.Refused,
            _ => (PermitStatus?)null,
        };
        if (status is not { } decided)
        {
            return new DomainError("permit.decision", "The decision must be Grant or Refuse.", "decision");
        }

        var reason = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (decided == PermitStatus.Refused && reason is null)
        {
            return new DomainError("permit.reason", "A refusal needs a reason.", "note");
        }

        if (current != PermitStatus.Requested)
        {
            return new DomainError("permit.transition", $"The permit is {current} already.");
        }

        var after = declaration.Permits.ToList();
        after.Remove(PermitStatus.Requested);
        after.Add(decided);
        var releases = !declaration.Released && ClearanceProgress.ReleasedOnAssignment(declaration.Lane, after);
        return Result<PermitDecided>.Ok(
            new PermitDecided(
                decided,
                decided == PermitStatus.Granted ? Milestone.OgaPermitGranted : Milestone.OgaPermitRefused,
                reason,
                releases
            )
        );
    }
}
