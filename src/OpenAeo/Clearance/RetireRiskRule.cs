using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>A border officer ends a risk rule from today or later; past decisions keep the explanation of the version they used.</summary>
internal static class RetireRiskRule
{
    public static void Map(RouteGroupBuilder api) => api.MapDelete("/clearance/rules/{id}", Handle).WithEntityTag();

    [Authorize(ClearanceModule.RuleEditors)]
    [EndpointSummary("End a rule from a date (today or later); past decisions keep their explanation.")]
    public static async Task<Results<Ok<RuleResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Code))] string id,
        DateOnly? from,
        [Limit(nameof(Limits.Reason))] string? reason,
        ClaimsPrincipal user,
        OpenAeoDb db,
        TimeProvider clock,
        NodeEconomy node,
        HttpContext http,
        CancellationToken ct
    ) => await RiskRules.Tagged(http, db, id, () => Execute(id, from, reason, Actor.From(user)!, db, node.Code, clock, ct), ct);

    public static Task<Result<RuleResponse>> Execute(
        string id,
        DateOnly? from,
        string? reason,
        Actor actor,
        OpenAeoDb db,
        string nodeEconomy,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        RiskRules.FromDay(
            from,
            db,
            nodeEconomy,
            clock,
            today => new DomainError("rule.backdated", $"A rule ends today ({today:yyyy-MM-dd}) or later, never in the past.", "from"),
            async (end, now) =>
            {
                var versions = await db.RiskRules().Where(r => r.Id == id && !r.Retired).OrderBy(r => r.Version).ToListAsync(ct);
                var current = versions.LastOrDefault(v => v.EffectiveUntil is null || v.EffectiveUntil > end);
                if (current is null)
                {
                    return new DomainError(Problems.NotFoundCode, $"No rule {id} in force on or after {end:yyyy-MM-dd}.");
                }

                RiskRules.EndOn(versions, end);
                db.Audit(now, actor.Name, "risk-rule.ended", $"risk-rule:{id}", reason, new { id, end });
                await db.SaveChangesAsync(ct);
                return Result<RuleResponse>.Ok(RuleResponse.From(current));
            },
            ct
        );
}
