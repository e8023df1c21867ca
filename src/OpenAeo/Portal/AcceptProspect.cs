using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary><c>POST /api/v1/prospects/{id}/acceptance</c>: the invitation of <see cref="ProspectQueue"/>, shown once.</summary>
internal static class AcceptProspect
{
    public static void Map(RouteGroupBuilder prospects) =>
        prospects.MapPost("/{id:int}/acceptance", Execute).AnswersOk<InvitationResponse>();

    [EndpointSummary("Take the request: returns the one-time invitation link to create the trader account (shown once).")]
    public static Task<Result<InvitationResponse>> Execute(
        int id,
        ProspectDecisionRequest? request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => ProspectQueue.Invite(id, request?.Reason, reissue: false, actor, db, clock, ct);
}
