using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary><c>POST /api/v1/prospects/{id}/invitation</c>: a new invitation of <see cref="ProspectQueue"/>.</summary>
internal static class ReissueInvitation
{
    public static void Map(RouteGroupBuilder prospects) =>
        prospects.MapPost("/{id:int}/invitation", Execute).AnswersOk<InvitationResponse>();

    [EndpointSummary("A new invitation for an accepted request (the previous link stops working).")]
    public static Task<Result<InvitationResponse>> Execute(
        int id,
        ProspectDecisionRequest? request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => ProspectQueue.Invite(id, request?.Reason, reissue: true, actor, db, clock, ct);
}
