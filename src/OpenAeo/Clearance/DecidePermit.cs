using OpenAeo.Domain.Clearance;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record PermitDecision([Limit(nameof(Limits.Keyword))] string? Decision, [Limit(nameof(Limits.Note))] string? Note);

/// <summary>
/// The agency officer grants or refuses the permit that travelled with a joint declaration (<see cref="Permits.Decide"/>);
/// the last grant a Green or Blue declaration waited for releases it.
/// </summary>
internal static class DecidePermit
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/agency-cases/{declarationId:guid}/{agency}/permit", Execute).AnswersOk<DeclarationResponse>();

    [Authorize(ClearanceModule.AgencyOfficers)]
    [EndpointSummary("Grant or Refuse the agency's permit for the declaration.")]
    public static Task<Result<DeclarationResponse>> Execute(
        Guid declarationId,
        [Limit(nameof(Limits.AgencyCode))] string agency,
        PermitDecision body,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        AgencyCaseAccess.Change(
            body,
            db,
            declarationId,
            agency,
            x => x.PermitRequired,
            "permit of",
            actor,
            clock,
            (change, now) =>
            {
                var (row, cases, events, c) = change;
                var decided = Permits.Decide(Declarations.State(row, events, cases), c.PermitStatus!.Value, body.Decision, body.Note);
                if (!decided.IsOk)
                {
                    return decided.Errors;
                }

                var permit = decided.Value!;
                c.PermitStatus = permit.Status;
                c.DecidedBy = actor.Name;
                c.DecidedAt = now;
                c.Note = permit.Note;
                var ev = new DeclarationEvent
                {
                    DeclarationId = declarationId,
                    Milestone = permit.Milestone,
                    At = now,
                    Actor = actor.Name,
                    Agency = c.Agency,
                    Note = c.Note,
                };
                db.DeclarationEvents().Add(ev);
                events.Add(ev);
                if (permit.Releases)
                {
                    var released = new DeclarationEvent
                    {
                        DeclarationId = declarationId,
                        Milestone = Milestone.Released,
                        At = now,
                        Actor = "system",
                        Note = "released when the last permit was granted",
                    };
                    db.DeclarationEvents().Add(released);
                    events.Add(released);
                    row.ReleasedAt = now;
                }

                db.Audit(
                    now,
                    actor.Name,
                    $"permit.{permit.Status.ToString().ToLowerInvariant()}",
                    $"declaration:{row.Reference}",
                    body.Note,
                    new { declarationId, agency = c.Agency }
                );
                return [];
            },
            ct
        );
}
