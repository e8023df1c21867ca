namespace OpenAeo.Clearance;

/// <summary>
/// The public list of agencies: a trader deciding whether to become an AEO should see what each agency gives one,
/// and which goods it controls.
/// </summary>
internal static class ListAgencies
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/agencies", Handle)
            .WithName(nameof(ListAgencies))
            .WithTags("Clearance")
            .AllowAnonymous()
            .WithPaging(Sorts)
            .WithSummary("Agencies, the benefits they grant AEOs and the goods they control (public).");

    public static readonly Sorting<AgencyResponse> Sorts = Sorting<AgencyResponse>
        .Create("code", a => a.Code)
        .By("code", a => a.Code)
        .By("name", a => a.Name);

    public static async Task<Results<Ok<Page<AgencyResponse>>, ValidationProblem>> Handle(
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        OpenAeoDb db,
        HttpContext http,
        CancellationToken ct
    ) => await Paging.List(http, await Agencies.All(db, ct), Sorts, page, pageSize, sort, ct);
}
