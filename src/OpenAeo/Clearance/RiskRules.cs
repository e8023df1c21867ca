using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>A rule's conditions as the API and the rule editor write them (and as they are stored).</summary>
internal sealed record WrittenRuleConditions
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

        Result<string> Code(string v) =>
            v.Trim().Length is >= 2 and <= 10
                ? Result<string>.Ok(v.Trim().ToUpperInvariant())
                : new DomainError("rule.value", $"'{v}' is not a code.");

        var hs = Each(HsCodes, "hsCodes", HsRange.Parse);
        var origins = Each(Origins, "origins", Code);
        var destinations = Each(Destinations, "destinations", Code);
        var modes = Each(Modes, "modes", v => Named<TransportMode>(v, "transport mode"));
        var types = Each(Types, "types", v => Named<DeclarationType>(v, "declaration type"));
        var offices = Each(Offices, "offices", v =>
            v.Trim().Length is >= 1 and <= 20 ? Result<string>.Ok(v.Trim()) : new DomainError("rule.value", $"'{v}' is not an office code.")
        );
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
            ? Result<RuleConditions>.Ok(
                new RuleConditions(
                    hs,
                    origins,
                    destinations,
                    modes,
                    types,
                    offices,
                    tins,
                    role,
                    importer,
                    consignor,
                    MinValue,
                    MaxValue,
                    LowValueEcommerce
                )
            )
            : Result<RuleConditions>.Fail(errors);
    }
}

internal sealed record RuleResponse(
    string Id,
    int Version,
    string Name,
    WrittenRuleConditions Conditions,
    string Describe,
    int Score,
    string? ForceLane,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveUntil,
    bool Retired,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? Reason
)
{
    public static RuleResponse From(RiskRuleVersion r) =>
        new(
            r.Id,
            r.Version,
            r.Name,
            r.Conditions,
            r.Conditions.ToDomain() is { IsOk: true } c ? c.Value!.Describe() : "(invalid)",
            r.Score,
            r.ForceLane?.ToString(),
            r.EffectiveFrom,
            r.EffectiveUntil,
            r.Retired,
            r.CreatedBy,
            r.CreatedAt,
            r.Reason
        );
}

/// <summary>
/// Risk rules, versioned and effective from a date (<see cref="EffectiveVersions"/>), edited by border officers: what the
/// use cases share (<see cref="ListRiskRules"/>, <see cref="GetRiskRule"/>, <see cref="SaveRiskRule"/>,
/// <see cref="RetireRiskRule"/>, <see cref="SimulateRules"/>).
/// </summary>
internal static class RiskRules
{
    /// <summary>
    /// The frame of a change that takes effect on a day (a rule's end, a new profile version): the day asked for in the node's
    /// home zone, today when none, refused when it is in the past; then the work from that day.
    /// </summary>
    public static async Task<Result<T>> FromDay<T>(
        DateOnly? requested,
        OpenAeoDb db,
        string nodeEconomy,
        TimeProvider clock,
        Func<DateOnly, DomainError> backdated,
        Func<DateOnly, DateTimeOffset, Task<Result<T>>> work,
        CancellationToken ct
    )
    {
        var now = clock.GetUtcNow();
        var start = EffectiveVersions.StartDay(requested, now, await db.HomeZoneAsync(nodeEconomy, ct), backdated);
        return start.IsOk ? await work(start.Value, now) : Result<T>.Fail(start.Errors);
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
            : throw new InvalidOperationException(
                $"Risk rule {r.Id} v{r.Version} has conditions that no longer read: {conditions.Errors[0].Message}"
            );
    }

    /// <summary>
    /// Refuses a change sent with an If-Match that is not the rule's latest version (412); tags the answer with the
    /// version the change made. A change saved in between takes the same next version and loses on the primary key.
    /// </summary>
    public static async Task<Results<Ok<RuleResponse>, ValidationProblem, ProblemHttpResult>> Tagged(
        HttpContext http,
        OpenAeoDb db,
        string id,
        Func<Task<Result<RuleResponse>>> change,
        CancellationToken ct
    )
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
    public static Result<RiskRule> Parse(ProposedRule body, int version, DateOnly effectiveFrom)
    {
        var conditions = (body.Conditions ?? new WrittenRuleConditions()).ToDomain();
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

    /// <summary>Ends or supersedes the stored versions of a rule from a day, as <see cref="EffectiveVersions.EndOn"/> decides.</summary>
    public static void EndOn(IReadOnlyList<RiskRuleVersion> versions, DateOnly day)
    {
        foreach (
            var (row, period) in versions.Zip(
                EffectiveVersions.EndOn(
                    [.. versions.Select(v => new EffectivePeriod(v.Version, v.EffectiveFrom, v.EffectiveUntil, v.Retired))],
                    day
                )
            )
        )
        {
            row.EffectiveUntil = period.Until;
            row.Retired = period.Retired;
        }
    }
}
