namespace OpenAeo.MutualRecognition;

/// <summary><c>GET /api/v1/mras</c>: the MRA registry, public.</summary>
internal static class ListMras
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/mras", Handle)
            .WithName("ListMras")
            .WithTags("MutualRecognition")
            .AllowAnonymous()
            .WithPaging(Sorts)
            .WithSummary("Every MRA and arrangement in the registry, with its lifecycle dates (public).");

    public static readonly Sorting<Mra> Sorts = Sorting<Mra>
        .Create("id", m => m.Id)
        .By("id", m => m.Id)
        .By("name", m => m.Name)
        .By("status", m => m.Status)
        .By("signedOn", m => m.SignedOn)
        .By("inForceFrom", m => m.InForceFrom);

    public static async Task<Results<Ok<Page<MraResponse>>, ValidationProblem>> Handle(
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        OpenAeoDb db,
        HttpContext http,
        CancellationToken ct
    ) => await Paging.List(http, db.Mras().AsNoTracking(), Sorts, page, pageSize, sort, MraResponse.From, ct);
}
