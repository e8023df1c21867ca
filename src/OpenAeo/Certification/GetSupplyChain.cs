using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>One supply chain with its members and their AEO standing, for its members and officers.</summary>
internal static class GetSupplyChain
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/supply-chains/{id:int}", Handle);

    [EndpointSummary("One supply chain with its members and their status.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<ChainResponse>, ProblemHttpResult>> Handle(
        int id,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) =>
        await SupplyChains.Load(db, id, Actor.From(user)!, clock.GetUtcNow(), ct) is { } chain
            ? TypedResults.Ok(chain)
            : Problems.NotFound($"There is no supply chain {id} that you can see.");
}
