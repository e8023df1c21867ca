using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>A rule's conditions as the API and the rule editor write them (and as they are stored).</summary>
internal sealed record RuleConditionsBody
{
    [Limit(nameof(Limits.HsRange))]
    public string[]? HsCodes { get; init; }

    [Limit(nameof(Limits.EconomyCode))]
    public string[]? Origins { get; init; }

    [Limit(nameof(Limits.EconomyCode))]
    public string[]? Destinations { get; init; }

    [Limit(nameof(Limits.Keyword))]
    public string[]? Modes { get; init; }

    [Limit(nameof(Limits.Keyword))]
    public string[]? Types { get; init; }

    [Limit(nameof(Limits.OfficeCode))]
    public string[]? Offices { get; init; }

    [Limit(nameof(Limits.Tin))]
    public string[]? PartyTins { get; init; }

    [Limit(nameof(Limits.Keyword))]
    public string? PartyRole { get; init; }

    [Limit(nameof(Limits.Keyword))]
    public string[]? ImporterStatus { get; init; }

    [Limit(nameof(Limits.Keyword))]
    public string[]? ConsignorStatus { get; init; }

    [Limit(nameof(Limits.Money))]
    public decimal? MinValue { get; init; }

    [Limit(nameof(Limits.Money))]
    public decimal? MaxValue { get; init; }

    public bool? LowValueEcommerce { get; init; }

    public Result<RuleConditions> ToDomain()
    {
        var errors = new List<DomainError>();
        List<T> Each<T>(string[]? values, string field, Func<string, Result<T>> parse)
        {
            var list = new List<T>();
            foreach (var v in values ?? [])
            {
                var r = parse(v);
                if (r.IsOk)
                {
                    list.Add(r.Value!);
                }
                else
                {
                    errors.AddRange(r.Errors.Select(e => e with { Field = field }));
                }
            }

            return list;
        }

        Result<TEnum> Named<TEnum>(string v, string what)
            where TEnum : struct, Enum =>
            Enum.TryParse<TEnum>(v, ignoreCase: true, out var e) && Enum.IsDefined(e)
                ? Result<TEnum>.Ok(e)
                : new DomainError("rule.value", $"'{v}' is not a {what}; use one of {string.Join(", ", Enum.GetNames<TEnum>())}.");

        Result<string> Code(string v) => v.Trim().Length is >= 2 and <= 10
            ? Result<string>.Ok(v.Trim().ToUpperInvariant())
            : new DomainError("rule.value", $"'{v}' is not a code.");

        var hs = Each(HsCodes, "hsCodes", HsRange.Parse);
        var origins = Each(Origins, "origins", Code);
        var destinations = Each(Destinations, "destinations", Code);
        var modes = Each(Modes, "modes", v => Named<TransportMode>(v, "transport mode"));
        var types = Each(Types, "types", v => Named<DeclarationType>(v, "declaration type"));
        var offices = Each(Offices, "offices", v => v.Trim().Length is >= 1 and <= 20 ? Result<string>.Ok(v.Trim()) : new DomainError("rule.value", $"'{v}' is not an office code."));
        var tins = Each(PartyTins, "partyTins", Tin.Parse);
        var importer = Each(ImporterStatus, "importerStatus", v => Named<RecognitionResult>(v, "recognition result"));
        var consignor = Each(ConsignorStatus, "consignorStatus", v => Named<RecognitionResult>(v, "recognition result"));
        PartyRole? role = null;
        if (!string.IsNullOrWhiteSpace(PartyRole))
        {
            var r = Named<PartyRole>(PartyRole, "party role");
            if (r.IsOk)
            {
                role = r.Value;
            }
            else
            {
                errors.AddRange(r.Errors.Select(e => e with { Field = "partyRole" }));
            }
        }

        return errors.Count == 0
            ? Result<RuleConditions>.Ok(new RuleConditions(hs, origins, destinations, modes, types, offices, tins, role, importer, consignor, MinValue, MaxValue, LowValueEcommerce))
            : Result<RuleConditions>.Fail(errors);
    }
}

internal sealed record RuleBody([Limit(nameof(Limits.Code))] string? Id, [Limit(nameof(Limits.Name))] string? Name, RuleConditionsBody? Conditions, [Limit(nameof(Limits.Score))] int Score, [Limit(nameof(Limits.Keyword))] string? ForceLane, DateOnly? EffectiveFrom, [Limit(nameof(Limits.Reason))] string? Reason);

internal sealed record RuleResponse(
    string Id, int Version, string Name, RuleConditionsBody Conditions, string Describe, int Score, string? ForceLane,
    DateOnly EffectiveFrom, DateOnly? EffectiveUntil, bool Retired, string CreatedBy, DateTimeOffset CreatedAt, string? Reason)
{
    public static RuleResponse From(RiskRuleVersion r) => new(r.Id, r.Version, r.Name, r.Conditions,
        r.Conditions.ToDomain() is { IsOk: true } c ? c.Value!.Describe() : "(invalid)", r.Score, r.ForceLane?.ToString(),
        r.EffectiveFrom, r.EffectiveUntil, r.Retired, r.CreatedBy, r.CreatedAt, r.Reason);
}

/// <summary>
/// Risk rules, versioned and effective from a date, edited by border officers. Saving a rule adds a version: the
/// previous one ends on the new one's first day, so every past decision stays explained by the version it used.
/// Nothing takes effect in the past (a backdated rule would contradict decisions already explained).
/// </summary>
internal static class RiskRules
{
    public static void Map(RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/clearance/rules").WithTags("Clearance");
        rules.MapGet("/", List).WithName("ListRiskRules").RequireAuthorization(ClearanceModule.RuleReaders)
            .WithPaging(Sorts).WithSummary("Every rule version: current, scheduled and past.");
        GetRiskRule.Map(rules);
        rules.MapPost("/", Save).WithName("SaveRiskRule").RequireAuthorization(ClearanceModule.RuleEditors).WithEntityTag()
            .WithSummary("Add a rule, or a new version of one, effective from a date (today or later).");
        rules.MapDelete("/{id}", Retire).WithName("RetireRiskRule").RequireAuthorization(ClearanceModule.RuleEditors).WithEntityTag()
            .WithSummary("End a rule from a date (today or later); past decisions keep their explanation.");
    }

    /// <summary>
    /// A stored version as the domain rule. Conditions were checked when saved; one that no longer reads (a renamed
    /// value) stops selectivity rather than silently matching every declaration or none.
    /// </summary>
    public static RiskRule ToDomain(RiskRuleVersion r)
    {
        var conditions = r.Conditions.ToDomain();
        return conditions.IsOk
            ? new(r.Id, r.Version, r.Name, conditions.Value!, r.Score, r.ForceLane, r.EffectiveFrom, r.EffectiveUntil, r.Retired)
            : throw new InvalidOperationException($"Risk rule {r.Id} v{r.Version} has conditions that no longer read: {conditions.Errors[0].Message}");
    }

    public static readonly Sorting<RiskRuleVersion> Sorts = Sorting<RiskRuleVersion>.Create("id", r => r.Version).By("id", r => r.Id).By("effectiveFrom", r => r.EffectiveFrom).By("score", r => r.Score);

    public static async Task<Ok<List<RuleResponse>>> All(OpenAeoDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.RiskRules().AsNoTracking().OrderBy(r => r.Id).ThenBy(r => r.Version).ToListAsync(ct)).Select(RuleResponse.From).ToList());

    public static async Task<Results<Ok<Page<RuleResponse>>, ValidationProblem>> List([Limit(nameof(Limits.Page))] int? page, [Limit(nameof(Limits.PageSize))] int? pageSize, [Limit(nameof(Limits.Sort))] string? sort, OpenAeoDb db, HttpContext http, CancellationToken ct) =>
        await Paging.List(http, db.RiskRules().AsNoTracking(), Sorts, page, pageSize, sort, RuleResponse.From, ct);

    public static async Task<Results<Ok<RuleResponse>, ValidationProblem, ProblemHttpResult>> Save(RuleBody body, ClaimsPrincipal user, OpenAeoDb db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        await Tagged(http, db, body.Id?.Trim() ?? "", () => Execute(body, Actor.From(user)!, db, clock, ct), ct);

    /// <summary>
    /// Refuses a change sent with an If-Match that is not the rule's latest version (412); tags the answer with the
    /// version the change made. A change saved in between takes the same next version and loses on the primary key.
    /// </summary>
    private static async Task<Results<Ok<RuleResponse>, ValidationProblem, ProblemHttpResult>> Tagged(HttpContext http, OpenAeoDb db, string id,
        Func<Task<Result<RuleResponse>>> change, CancellationToken ct)
    {
        if (EntityTags.Stale(http, await GetRiskRule.LatestVersion(db, id, ct), $"Risk rule {id}") is { } stale)
        {
            return stale;
        }

        var outcome = await change();
        if (outcome.IsOk)
        {
            EntityTags.Tag(http, await GetRiskRule.LatestVersion(db, id, ct));
        }

        return Problems.OkOr(outcome);
    }

    /// <summary>Parses and checks a rule body into a domain rule (version and dates are the caller's).</summary>
    public static Result<RiskRule> Parse(RuleBody body, int version, DateOnly effectiveFrom)
    {
        var conditions = (body.Conditions ?? new RuleConditionsBody()).ToDomain();
        Lane? force = null;
        var errors = new List<DomainError>(conditions.Errors);
        if (!string.IsNullOrWhiteSpace(body.ForceLane))
        {
            if (Enum.TryParse<Lane>(body.ForceLane, true, out var lane) && Enum.IsDefined(lane))
            {
                force = lane;
            }
            else
            {
                errors.Add(new("rule.lane", $"'{body.ForceLane}' is not a lane; use Green, Blue, Yellow or Red.", "forceLane"));
            }
        }

        if (errors.Count > 0)
        {
            return Result<RiskRule>.Fail(errors);
        }

        return RiskRule.Create(body.Id ?? "", version, body.Name ?? "", conditions.Value!, body.Score, force, effectiveFrom);
    }

    public static async Task<Result<RuleResponse>> Execute(RuleBody body, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (RequestLimits.Errors(body) is { Count: > 0 } outOfLimits)
        {
            return Result<RuleResponse>.Fail(outOfLimits);
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var from = body.EffectiveFrom ?? today;
        if (from < today)
        {
            return new DomainError("rule.backdated", $"A rule takes effect today ({today:yyyy-MM-dd}) or later, never in the past.", "effectiveFrom");
        }

        var id = body.Id?.Trim() ?? "";
        var versions = await db.RiskRules().Where(r => r.Id == id).OrderBy(r => r.Version).ToListAsync(ct);
        var parsed = Parse(body, versions.Count + 1, from);
        if (!parsed.IsOk)
        {
            return Result<RuleResponse>.Fail(parsed.Errors);
        }

        foreach (var earlier in versions.Where(v => !v.Retired))
        {
            if (earlier.EffectiveFrom >= from)
            {
                // A scheduled version that never took effect is superseded, not shortened to nothing.
                earlier.Retired = true;
            }
            else if (earlier.EffectiveUntil is null || earlier.EffectiveUntil > from)
            {
                earlier.EffectiveUntil = from;
            }
        }

        var rule = parsed.Value!;
        var row = new RiskRuleVersion
        {
            Id = rule.Id, Version = rule.Version, Name = rule.Name, Conditions = body.Conditions ?? new RuleConditionsBody(), Score = rule.Score,
            ForceLane = rule.ForceLane, EffectiveFrom = from, CreatedBy = actor.Name, CreatedAt = now, Reason = body.Reason?.Trim(),
        };
        db.RiskRules().Add(row);
        db.Audit(now, actor.Name, "risk-rule.saved", $"risk-rule:{rule.Id}", body.Reason, new { rule.Id, rule.Version, from, rule.Score, forceLane = rule.ForceLane?.ToString() });
        await db.SaveChangesAsync(ct);
        return Result<RuleResponse>.Ok(RuleResponse.From(row));
    }

    public static async Task<Results<Ok<RuleResponse>, ValidationProblem, ProblemHttpResult>> Retire([Limit(nameof(Limits.Code))] string id, DateOnly? from, [Limit(nameof(Limits.Reason))] string? reason, ClaimsPrincipal user, OpenAeoDb db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        await Tagged(http, db, id, () => ExecuteRetire(id, from, reason, Actor.From(user)!, db, clock, ct), ct);

    public static async Task<Result<RuleResponse>> ExecuteRetire(string id, DateOnly? from, string? reason, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var end = from ?? today;
        if (end < today)
        {
            return new DomainError("rule.backdated", $"A rule ends today ({today:yyyy-MM-dd}) or later, never in the past.", "from");
        }

        var versions = await db.RiskRules().Where(r => r.Id == id && !r.Retired).OrderBy(r => r.Version).ToListAsync(ct);
        var current = versions.LastOrDefault(v => v.EffectiveUntil is null || v.EffectiveUntil > end);
        if (current is null)
        {
            return new DomainError(Problems.NotFoundCode, $"No rule {id} in force on or after {end:yyyy-MM-dd}.");
        }

        foreach (var v in versions)
        {
            if (v.EffectiveFrom >= end)
            {
                v.Retired = true;
            }
            else if (v.EffectiveUntil is null || v.EffectiveUntil > end)
            {
                v.EffectiveUntil = end;
            }
        }

        db.Audit(now, actor.Name, "risk-rule.ended", $"risk-rule:{id}", reason, new { id, end });
        await db.SaveChangesAsync(ct);
        return Result<RuleResponse>.Ok(RuleResponse.From(current));
    }
}
