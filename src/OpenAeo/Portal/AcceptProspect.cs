using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary><c>POST /api/v1/prospects/{id}/acceptance</c>: the invitation of <see cref="ProspectQueue"/>, shown once.</summary>
internal static class AcceptProspect
{
    public static void Map(RouteGroupBuilder prospects) => prospects.MapPost("/{id:int}/acceptance", Handle);

    [EndpointSummary("Take the request: returns the one-time invitation link to create the trader account (shown once).")]
    public static async Task<Results<Ok<InvitationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        ProspectDecisionRequest? request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => Problems.OkOr(await ProspectQueue.Invite(id, request?.Reason, reissue: false, Actor.From(user)!, db, clock, ct));
}
