using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>Supply chains a page at a time: a trader those its operator is the master or a member of, officers all (ADR 0039).</summary>
internal static class ListSupplyChains
{
    public static readonly Sorting<ChainResponse> Sorts = Sorting<ChainResponse>
        .Create("name", c => c.Id)
        .By("name", c => c.Name)
        .By("id", c => c.Id);

    public static void Map(RouteGroupBuilder api) => api.MapGet("/supply-chains", Handle).WithPaging(Sorts);

    [EndpointSummary("Supply chains: a trader those it is master or member of, officers all.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<Page<ChainResponse>>, ValidationProblem>> Handle(
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        HttpContext http,
        CancellationToken ct
    ) => await Paging.List(http, await SupplyChains.Visible(db, Actor.From(user)!, clock.GetUtcNow(), ct), Sorts, page, pageSize, sort, ct);
}
