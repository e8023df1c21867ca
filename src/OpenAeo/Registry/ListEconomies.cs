using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

public sealed record EconomyResponse(string Code, string Name, string Kind, bool ApecMember, IReadOnlyList<string> Members, string? Source)
{
    internal static EconomyResponse From(Economy e) => new(e.Code, e.Name, e.Kind.ToString(), e.ApecMember, e.Members, e.Source);
}

internal static class ListEconomies
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/economies", Handle);

    [AllowAnonymous]
    [EndpointSummary("The economies and blocs in the registry (APEC members first).")]
    public static async Task<List<EconomyResponse>> Handle(OpenAeoDb db, CancellationToken ct) =>
        [.. (await Load(db, ct)).Select(EconomyResponse.From)];

    public static async Task<List<Economy>> Load(OpenAeoDb db, CancellationToken ct) =>
        [
            .. (await db.Economies().AsNoTracking().ToListAsync(ct))
                .OrderBy(e => e.Kind)
                .ThenByDescending(e => e.ApecMember)
                .ThenBy(e => e.Name, StringComparer.Ordinal),
        ];
}
