using OpenAeo.Domain.Clearance;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record ProposedRule(
    [Limit(nameof(Limits.Code))] string? Id,
    [Limit(nameof(Limits.Name))] string? Name,
    WrittenRuleConditions? Conditions,
    [Limit(nameof(Limits.Score))] int Score,
    [Limit(nameof(Limits.Keyword))] string? ForceLane,
    DateOnly? EffectiveFrom,
    [Limit(nameof(Limits.Reason))] string? Reason
);

/// <summary>
/// A border officer adds a risk rule, or a new version of one, effective from today or later: the version in force
/// ends on the new one's first day (<see cref="EffectiveVersions"/>).
/// </summary>
internal static class SaveRiskRule
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/clearance/rules", Handle).WithEntityTag();

    [Authorize(ClearanceModule.RuleEditors)]
    [EndpointSummary("Add a rule, or a new version of one, effective from a date (today or later).")]
    public static async Task<Results<Ok<RuleResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        ProposedRule body,
        ClaimsPrincipal user,
        OpenAeoDb db,
        TimeProvider clock,
        NodeEconomy node,
        HttpContext http,
        CancellationToken ct
    ) => await RiskRules.Tagged(http, db, body.Id?.Trim() ?? "", () => Execute(body, Actor.From(user)!, db, node.Code, clock, ct), ct);

    public static async Task<Result<RuleResponse>> Execute(
        ProposedRule body,
        Actor actor,
        OpenAeoDb db,
        string nodeEconomy,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(body) is { Count: > 0 } outOfLimits)
        {
            return Result<RuleResponse>.Fail(outOfLimits);
        }

        var now = clock.GetUtcNow();
        var start = EffectiveVersions.StartDay(body.EffectiveFrom, now, await db.HomeZoneAsync(nodeEconomy, ct), today => new DomainError(
            "rule.backdated",
            $"A rule takes effect today ({today:yyyy-MM-dd}) or later, never in the past.",
            "effectiveFrom"
        ));
        if (!start.IsOk)
        {
            return Result<RuleResponse>.Fail(start.Errors);
        }

        var from = start.Value;
        var id = body.Id?.Trim() ?? "";
        var versions = await db.RiskRules().Where(r => r.Id == id).OrderBy(r => r.Version).ToListAsync(ct);
        var parsed = RiskRules.Parse(body, versions.Count + 1, from);
        if (!parsed.IsOk)
        {
            return Result<RuleResponse>.Fail(parsed.Errors);
        }

        RiskRules.EndOn(versions, from);
        var rule = parsed.Value!;
        var row = new RiskRuleVersion
        {
            Id = rule.Id,
            Version = rule.Version,
            Name = rule.Name,
            Conditions = body.Conditions ?? new WrittenRuleConditions(),
            Score = rule.Score,
            ForceLane = rule.ForceLane,
            EffectiveFrom = from,
            CreatedBy = actor.Name,
            CreatedAt = now,
            Reason = body.Reason?.Trim(),
        };
        db.RiskRules().Add(row);
        db.Audit(
            now,
            actor.Name,
            "risk-rule.saved",
            $"risk-rule:{rule.Id}",
            body.Reason,
            new
            {
                rule.Id,
                rule.Version,
                from,
                rule.Score,
                forceLane = rule.ForceLane?.ToString(),
            }
        );
        await db.SaveChangesAsync(ct);
        return Result<RuleResponse>.Ok(RuleResponse.From(row));
    }
}
