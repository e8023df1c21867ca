namespace OpenAeo.Certification;

/// <summary>The criteria packs applications answer, every version, for anyone (the public reads what AEO asks).</summary>
internal static class ListCriteriaPacks
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/criteria-packs", Handle);

    [EndpointSummary("The criteria packs applications answer, per programme and track.")]
    [AllowAnonymous]
    public static async Task<List<CriteriaPackResponse>> Handle(OpenAeoDb db, CancellationToken ct) =>
        [
            .. (await db.CriteriaPacks().AsNoTracking().OrderBy(p => p.Key).ThenBy(p => p.Version).ToListAsync(ct)).Select(
                CriteriaPackResponse.From
            ),
        ];
}
