using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>A declaration loaded for a change to one agency's case on it, with that case.</summary>
internal sealed record AgencyCaseChange(Declaration Row, List<AgencyCase> Cases, List<DeclarationEvent> Events, AgencyCase Case);

/// <summary>The frame of an agency officer's change (<see cref="DecidePermit"/>, <see cref="ScheduleJointInspection"/>): load the case,
/// check the officer acts for its agency, let the step decide and change it, save.</summary>
internal static class AgencyCaseAccess
{
    /// <summary>The body within its limits, <see cref="Load"/>, the step, saved; the declaration as the answer.</summary>
    /// <param name="step">Decides at <c>now</c> and changes the case (with its audit entry); returns the errors of a refusal, none
    /// when it changed the case.</param>
    public static Task<Result<DeclarationResponse>> Change<TBody>(
        TBody body,
        OpenAeoDb db,
        Guid declarationId,
        string agency,
        Func<AgencyCase, bool> has,
        string what,
        Actor actor,
        TimeProvider clock,
        Func<AgencyCaseChange, DateTimeOffset, IReadOnlyList<DomainError>> step,
        CancellationToken ct
    ) => RequestLimits.Within(body, async () =>
        {
            var loaded = await Load(db, declarationId, agency, has, what, actor, ct);
            if (!loaded.IsOk)
            {
                return Result<DeclarationResponse>.Fail(loaded.Errors);
            }

            var change = loaded.Value!;
            if (step(change, clock.GetUtcNow()) is { Count: > 0 } refused)
            {
                return Result<DeclarationResponse>.Fail(refused);
            }

            await db.SaveChangesAsync(ct);
            return Result<DeclarationResponse>.Ok(Declarations.Response(change.Row, change.Cases, change.Events, actor));
        });

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
