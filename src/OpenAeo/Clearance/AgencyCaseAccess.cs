using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>A declaration loaded for a change to one agency's case on it, with that case.</summary>
internal sealed record AgencyCaseChange(Declaration Row, List<AgencyCase> Cases, List<DeclarationEvent> Events, AgencyCase Case);

/// <summary>The prologue of an agency officer's change (<see cref="DecidePermit"/>, <see cref="ScheduleJointInspection"/>): load the case,
/// then check the officer acts for its agency.</summary>
internal static class AgencyCaseAccess
{
    /// <param name="has">Whether the case has what the change is about (a permit, a joint inspection).</param>
    /// <param name="what">How the not-found message names it ("permit of", "joint inspection with").</param>
    public static async Task<Result<AgencyCaseChange>> Load(
        OpenAeoDb db,
        Guid declarationId,
        string agency,
        Func<AgencyCase, bool> has,
        string what,
        Actor actor,
        CancellationToken ct
    )
    {
        var loaded = await GetDeclaration.Load(db, declarationId, ct, track: true);
        var c = loaded?.Cases.FirstOrDefault(x => x.Agency.Equals(agency, StringComparison.OrdinalIgnoreCase));
        if (loaded is not { } found || c is null || !has(c))
        {
            return new DomainError(Problems.NotFoundCode, $"No {what} {agency} on declaration {declarationId}.");
        }

        return AgencyAuthority.CaseRefused(actor.Role, actor.Agency, c.Agency) is { } refused
            ? refused
            : Result<AgencyCaseChange>.Ok(new AgencyCaseChange(found.Row, found.Cases, found.Events, c));
    }
}
