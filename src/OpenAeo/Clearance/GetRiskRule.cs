namespace OpenAeo.Clearance;

/// <summary>
/// <c>GET /api/v1/clearance/rules/{id}</c>: a rule's latest version, with that version as its <c>ETag</c>. Rules are
/// changed by adding a version, so the latest version number is what a change must not have missed (ADR 0039).
/// </summary>
internal static class GetRiskRule
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/clearance/rules/{id}", Handle).WithEntityTag();

    [Authorize(ClearanceModule.RuleReaders)]
    [EndpointSummary("A rule's latest version (current, scheduled or retired); its ETag is that version, for If-Match on the next change.")]
    public static async Task<Results<Ok<RuleResponse>, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Code))] string id,
        OpenAeoDb db,
        HttpContext http,
        CancellationToken ct
    )
    {
        var outcome = await Execute(id, db, ct);
        if (!outcome.IsOk)
        {
            return Problems.Problem(outcome.Errors)!;
        }

        EntityTags.Tag(http, outcome.Value!.Version);
        return TypedResults.Ok(outcome.Value);
    }

    public static async Task<Result<RuleResponse>> Execute(string id, OpenAeoDb db, CancellationToken ct) =>
        await db.RiskRules().AsNoTracking().Where(r => r.Id == id).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct) is { } latest
            ? Result<RuleResponse>.Ok(RuleResponse.From(latest))
            : new DomainError(Problems.NotFoundCode, $"There is no risk rule {id}.");

    /// <summary>The latest version of the rule (0 for a rule not yet saved), the number an If-Match names.</summary>
    public static async Task<int> LatestVersion(OpenAeoDb db, string id, CancellationToken ct) =>
        await db.RiskRules().Where(r => r.Id == id).MaxAsync(r => (int?)r.Version, ct) ?? 0;
}
