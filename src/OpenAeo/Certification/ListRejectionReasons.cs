namespace OpenAeo.Certification;

/// <summary>The programme's coded rejection reasons that are not retired, for anyone.</summary>
internal static class ListRejectionReasons
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/programmes/{code}/rejection-reasons", Handle);

    [EndpointSummary("The programme's coded rejection reasons.")]
    [AllowAnonymous]
    public static async Task<List<CodedReason>> Handle(
        [Limit(nameof(Limits.ProgrammeCode))] string code,
        OpenAeoDb db,
        CancellationToken ct
    )
    {
        var programme = code.Trim().ToUpperInvariant();
        return await db.RejectionReasons()
            .Where(r => r.ProgrammeCode == programme && !r.Retired)
            .OrderBy(r => r.Code)
            .Select(r => new CodedReason(r.Code, r.Label))
            .ToListAsync(ct);
    }
}
