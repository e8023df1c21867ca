namespace OpenAeo.Clearance;

/// <summary>Every risk rule version, current, scheduled and past, for the officers who read and edit them.</summary>
internal static class ListRiskRules
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/clearance/rules", Paging.Handler(Sorts, db => db.RiskRules().AsNoTracking(), RuleResponse.From))
            .WithName(nameof(ListRiskRules))
            .RequireAuthorization(ClearanceModule.RuleReaders)
            .WithPaging(Sorts)
            .WithSummary("Every rule version: current, scheduled and past.");

    public static readonly Sorting<RiskRuleVersion> Sorts = Sorting<RiskRuleVersion>
        .Create("id", r => r.Version)
        .By("id", r => r.Id)
        .By("effectiveFrom", r => r.EffectiveFrom)
        .By("score", r => r.Score);

    /// <summary>Every version, by rule and version: what the rules page shows.</summary>
    public static async Task<List<RuleResponse>> All(OpenAeoDb db, CancellationToken ct) =>
        (await db.RiskRules().AsNoTracking().OrderBy(r => r.Id).ThenBy(r => r.Version).ToListAsync(ct)).Select(RuleResponse.From).ToList();
}
