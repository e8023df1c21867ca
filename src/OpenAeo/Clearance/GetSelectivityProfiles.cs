namespace OpenAeo.Clearance;

/// <summary>Every version of the selectivity profile (thresholds, credits, the random rate), the one saved last at the end.</summary>
internal static class GetSelectivityProfiles
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/clearance/profile", Handle).WithName("SelectivityProfiles").WithEntityTag();

    [Authorize(ClearanceModule.RuleReaders)]
    [EndpointSummary("Every version of the selectivity profile, the one in force last; the ETag is the latest version.")]
    public static async Task<Ok<List<ProfileVersion>>> Handle(OpenAeoDb db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var versions = await Versions(db, clock, ct);
        EntityTags.Tag(http, versions[^1].Version);
        return TypedResults.Ok(versions);
    }

    /// <summary>The saved versions by number; before any is saved, the defaults as version 1.</summary>
    public static async Task<List<ProfileVersion>> Versions(OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var versions = await db.SelectivityProfiles().AsNoTracking().OrderBy(p => p.Version).ToListAsync(ct);
        return versions.Count > 0 ? versions : [SelectivitySnapshot.DefaultProfile(clock.GetUtcNow())];
    }
}
