using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>The merchants a platform linked, each with its AEO status today; a trader sees only its own platform's.</summary>
internal static class ListMerchants
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/operators/{tin}/merchants", Handle);

    [EndpointSummary("The merchants an e-commerce platform sells for, each with its AEO status today.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<MerchantsResponse>, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Tin))] string tin,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var (platform, problem) = await GetOperator.LoadVisible(db, tin, Actor.From(user)!, ct);
        return platform is null ? problem! : TypedResults.Ok(await PlatformMerchants.Response(db, platform, clock, ct));
    }
}
