using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary><c>GET /api/v1/applications/{id}/agency-sign-offs</c>: where each agency stands on one application (ADR 0042).</summary>
internal static class ListApplicationAgencySignOffs
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/applications/{id:int}/agency-sign-offs", Handle);

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("The agencies whose criteria the application asks, and each one's sign-off (Waiting, Met, NotMet).")]
    public static async Task<Results<Ok<List<AgencyPartResponse>>, ProblemHttpResult>> Handle(
        int id,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var loaded = await ApplicationContext.Load(db, id, Actor.From(user)!, clock, ct, forWriting: false);
        if (!loaded.IsOk)
        {
            return Problems.NotFound(loaded.Errors[0].Message);
        }

        var c = loaded.Value!;
        return TypedResults.Ok(
            await ListAgencySignOffs.Describe(db, await ListAgencySignOffs.PartsOf(db, c.Application, c.Programme, c.Applicant, ct), ct)
        );
    }
}
