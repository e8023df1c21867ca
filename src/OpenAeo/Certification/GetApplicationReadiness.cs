using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>What the application still lacks before it can be submitted (answers, evidence, outcome plans).</summary>
internal static class GetApplicationReadiness
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/applications/{id:int}/readiness", Handle);

    [EndpointSummary("What the application still lacks before it can be submitted.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<IReadOnlyList<ReadinessGap>>, ProblemHttpResult>> Handle(
        int id,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var loaded = await ApplicationContext.Load(db, id, Actor.From(user)!, clock, ct, forWriting: false);
        return loaded.IsOk
            ? TypedResults.Ok(await ApplicationContext.ReadinessOf(db, loaded.Value!.Application, ct))
            : Problems.NotFound(loaded.Errors[0].Message);
    }
}
