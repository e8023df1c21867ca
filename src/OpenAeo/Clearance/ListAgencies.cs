namespace OpenAeo.Clearance;

/// <summary>
/// The public list of agencies: a trader deciding whether to become an AEO should see what each agency gives one,
/// and which goods it controls.
/// </summary>
internal static class ListAgencies
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/agencies", Paging.Handler(Sorts, async (db, ct) => await Agencies.All(db, ct)))
            .WithName(nameof(ListAgencies))
            .AllowAnonymous()
            .WithPaging(Sorts)
            .WithSummary("Agencies, the benefits they grant AEOs and the goods they control (public).");

    public static readonly Sorting<AgencyResponse> Sorts = Sorting<AgencyResponse>
        .Create("code", a => a.Code)
        .By("code", a => a.Code)
        .By("name", a => a.Name);
}
