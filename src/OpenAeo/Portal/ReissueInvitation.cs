using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary><c>POST /api/v1/prospects/{id}/invitation</c>: a new invitation of <see cref="ProspectQueue"/>.</summary>
internal static class ReissueInvitation
{
    public static void Map(RouteGroupBuilder prospects) => prospects.MapPost("/{id:int}/invitation", Handle);

    [EndpointSummary("A new invitation for an accepted request (the previous link stops working).")]
    public static async Task<Results<Ok<InvitationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        ProspectDecisionRequest? request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => Problems.OkOr(await ProspectQueue.Invite(id, request?.Reason, reissue: true, Actor.From(user)!, db, clock, ct));
}
