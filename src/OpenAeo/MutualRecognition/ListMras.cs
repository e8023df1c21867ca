namespace OpenAeo.MutualRecognition;

/// <summary><c>GET /api/v1/mras</c>: the MRA registry, public.</summary>
internal static class ListMras
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/mras", Paging.Handler(Sorts, db => db.Mras().AsNoTracking(), MraResponse.From))
            .WithName("ListMras")
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
}
