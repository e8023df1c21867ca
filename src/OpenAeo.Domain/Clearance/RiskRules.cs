using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Clearance;

/// <summary>
/// When a risk rule hits. Every condition given must hold (and); within one list any value may match (or); an
/// empty list or null value is no condition. A rule without conditions hits every declaration (a base score).
/// </summary>
/// <param name="HsCodes">Any item's HS code in any of the ranges.</param>
/// <param name="PartyTins">Any party (or the party in <paramref name="PartyRole"/>) is one of these TINs: a watch list.</param>
/// <param name="ImporterStatus">The principal party's recognition result is one of these (e.g. Unknown, NotAeo).</param>
/// <param name="ConsignorStatus">The foreign consignor's recognition result is one of these; a status known through a data-sharing
/// arrangement (KnownForeignAeo) informs risk this way.</param>
public sealed record RuleConditions(
    IReadOnlyList<HsRange> HsCodes,
    IReadOnlyList<string> Origins,
    IReadOnlyList<string> Destinations,
    IReadOnlyList<TransportMode> Modes,
    IReadOnlyList<DeclarationType> Types,
    IReadOnlyList<string> Offices,
    IReadOnlyList<Tin> PartyTins,
    PartyRole? PartyRole,
    IReadOnlyList<RecognitionResult> ImporterStatus,
    IReadOnlyList<RecognitionResult> ConsignorStatus,
    decimal? MinValue,
    decimal? MaxValue,
    bool? LowValueEcommerce
)
{
    public static RuleConditions Always { get; } = new([], [], [], [], [], [], [], null, [], [], null, null, null);

    public bool Match(DeclarationDetails d, RecognitionResult principal, RecognitionResult consignor)
    {
        if (Types.Count > 0 && !Types.Contains(d.Type))
        {
            return false;
        }

        if (Modes.Count > 0 && !Modes.Contains(d.Mode))
        {
            return false;
        }

        if (Origins.Count > 0 && !Origins.Contains(d.OriginEconomy, StringComparer.Ordinal))
        {
            return false;
        }

        if (Destinations.Count > 0 && !Destinations.Contains(d.DestinationEconomy, StringComparer.Ordinal))
        {
            return false;
        }

        if (Offices.Count > 0 && !Offices.Contains(d.Office, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (MinValue is { } min && d.CustomsValue < min)
        {
            return false;
        }

        if (MaxValue is { } max && d.CustomsValue > max)
        {
            return false;
        }

        if (LowValueEcommerce is { } lv && d.LowValueEcommerce != lv)
        {
            return false;
        }

        if (ImporterStatus.Count > 0 && !ImporterStatus.Contains(principal))
        {
            return false;
        }

        if (ConsignorStatus.Count > 0 && (d.ForeignConsignor is null || !ConsignorStatus.Contains(consignor)))
        {
            return false;
        }

        if (PartyTins.Count > 0 && !d.Parties.Any(p => (PartyRole is null || p.Role == PartyRole) && PartyTins.Contains(p.Tin)))
        {
            return false;
        }

        return HsCodes.Count == 0 || d.Items.Any(i => HsCodes.Any(r => r.Contains(i.HsCode)));
    }

    /// <summary>The conditions in words, for officers (never shown to traders).</summary>
    /// <param name="word">How a value of an enum is written (a page passes its words); the API keeps the names.</param>
    public string Describe(Func<Enum, string>? word = null)
    {
        var parts = new List<string>();
        void Add<T>(string label, IReadOnlyList<T> values)
        {
            if (values.Count > 0)
            {
                parts.Add($"{label} {string.Join(" or ", values.Select(v => v is Enum e && word is not null ? word(e) : v?.ToString()))}");
            }
        }

        Add("type", Types);
        Add("mode", Modes);
        Add("origin", Origins);
        Add("destination", Destinations);
        Add("office", Offices);
        Add("HS", HsCodes);
        Add(PartyRole is { } role ? $"{(word is null ? role.ToString() : word(role))} TIN" : "a party's TIN", PartyTins);
        Add("importer status", ImporterStatus);
        Add("consignor status", ConsignorStatus);
        if (MinValue is { } min)
        {
            parts.Add($"value ≥ {min}");
        }

        if (MaxValue is { } max)
        {
            parts.Add($"value ≤ {max}");
        }

        if (LowValueEcommerce is { } lv)
        {
            parts.Add(lv ? "low-value e-commerce" : "not low-value e-commerce");
        }

        return parts.Count == 0 ? "every declaration" : string.Join(" and ", parts);
    }
}

/// <summary>
/// One version of a risk rule, edited by border officers. A hit adds <see cref="Score"/> and, with
/// <see cref="ForceLane"/>, sets a lane no credit can lower (an embargo, a known fraud pattern). Versions of a rule
/// follow each other: a new version takes effect on its date and the previous one ends there, so a past
/// declaration is always explained by the version in force when it was lodged.
/// </summary>
/// <param name="EffectiveFrom">First day (office-local) on which the version applies.</param>
/// <param name="EffectiveUntil">First day on which it no longer applies; null while it is the current version.</param>
public sealed record RiskRule(
    string Id,
    int Version,
    string Name,
    RuleConditions When,
    int Score,
    Lane? ForceLane,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveUntil,
    bool Retired = false
)
{
    public const int MaxScore = 1000;

    public bool AppliesOn(DateOnly day) => new EffectivePeriod(Version, EffectiveFrom, EffectiveUntil, Retired).AppliesOn(day);

    public static Result<RiskRule> Create(
        string id,
        int version,
        string name,
        RuleConditions when,
        int score,
        Lane? forceLane,
        DateOnly effectiveFrom
    )
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(id) || id.Length > 40 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add(new("rule.id", "A rule id is 1 to 40 letters, digits, dots, hyphens or underscores.", "id"));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            errors.Add(new("rule.name", "A rule has a name of 1 to 200 characters.", "name"));
        }

        if (score is < -MaxScore or > MaxScore)
        {
            errors.Add(new("rule.score", $"A rule's score is between -{MaxScore} and {MaxScore}.", "score"));
        }

        if (score == 0 && forceLane is null)
        {
            errors.Add(new("rule.no-effect", "A rule must add a score or force a lane.", "score"));
        }

        if (when.MinValue is { } min && when.MaxValue is { } max && min > max)
        {
            errors.Add(new("rule.values", "The minimum value is above the maximum.", "minValue"));
        }

        return errors.Count == 0
            ? Result<RiskRule>.Ok(new RiskRule(id.Trim(), version, name.Trim(), when, score, forceLane, effectiveFrom, null))
            : Result<RiskRule>.Fail(errors);
    }
}
