using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Clearance;

/// <summary>
/// How scores become lanes and what AEO status is worth, edited by border officers with the rules.
/// </summary>
/// <param name="YellowFrom">Lowest score that means a paper review.</param>
/// <param name="RedFrom">Lowest score that means a cargo examination.</param>
/// <param name="PrincipalAeoCredit">Points off for a local AEO importer (of an import) or exporter (of an export).</param>
/// <param name="PartyAeoCredit">Points off for each other local AEO party (broker, carrier, forwarder, warehouse).</param>
/// <param name="MraCredit">Points off for a foreign consignor recognised under an MRA in force on the lodgement date.</param>
/// <param name="AllAeoChainCredit">Points off when every party belongs to one all-AEO supply chain.</param>
/// <param name="OgaCredit">Points off when an AEO principal's goods are controlled by an agency that grants AEOs fewer inspections.</param>
/// <param name="RandomRate">Share of all declarations, AEOs included, selected at random (the control group).</param>
/// <param name="RandomLane">The lane a random selection sends a declaration to at least.</param>
/// <param name="ExpectedGreen">Optional expected lane shares, for monitoring and simulation.</param>
public sealed record SelectivityProfile(
    int YellowFrom,
    int RedFrom,
    int PrincipalAeoCredit,
    int PartyAeoCredit,
    int MraCredit,
    int AllAeoChainCredit,
    int OgaCredit,
    double RandomRate,
    Lane RandomLane,
    double? ExpectedGreen = null,
    double? ExpectedYellow = null,
    double? ExpectedRed = null
)
{
    /// <summary>Our defaults: a 2% random examination rate and credits that move a typical AEO one lane down.</summary>
    public static SelectivityProfile Default { get; } = new(40, 70, 40, 10, 30, 20, 10, 0.02, Lane.Red);

    public Lane LaneFor(int score) =>
        score >= RedFrom ? Lane.Red
        : score >= YellowFrom ? Lane.Yellow
        : Lane.Green;

    public static Result<SelectivityProfile> Validate(SelectivityProfile p)
    {
        var errors = new List<DomainError>();
        if (p.YellowFrom > p.RedFrom)
        {
            errors.Add(new("profile.thresholds", "The yellow threshold must not be above the red one.", "yellowFrom"));
        }

        if (
            new[] { p.PrincipalAeoCredit, p.PartyAeoCredit, p.MraCredit, p.AllAeoChainCredit, p.OgaCredit }.Any(c =>
                c is < 0 or > RiskRule.MaxScore
            )
        )
        {
            errors.Add(new("profile.credit", $"Credits are between 0 and {RiskRule.MaxScore} points.", "credits"));
        }

        // A floor, not a target: with no random selection nothing measures what AEO status is worth.
        if (p.RandomRate is < 0.001 or > 1 || double.IsNaN(p.RandomRate))
        {
            errors.Add(new("profile.random-rate", "The random selection rate must be between 0.001 (0.1%) and 1.", "randomRate"));
        }

        if (p.RandomLane == Lane.Green)
        {
            errors.Add(new("profile.random-lane", "A random selection sends a declaration to Blue, Yellow or Red.", "randomLane"));
        }

        var expected = new[] { p.ExpectedGreen, p.ExpectedYellow, p.ExpectedRed };
        if (expected.Any(e => e is < 0 or > 1) || expected.Sum(e => e ?? 0) > 1.0000001)
        {
            errors.Add(new("profile.expected", "Expected lane shares are between 0 and 1 and sum to at most 1.", "expectedGreen"));
        }

        return errors.Count == 0 ? Result<SelectivityProfile>.Ok(p) : Result<SelectivityProfile>.Fail(errors);
    }
}

/// <summary>What recognition says about one party on the lodgement date.</summary>
public sealed record PartyStanding(PartyRole Role, Tin Tin, RecognitionResult Status, string? Mra = null, string? Partner = null)
{
    public bool IsAeo => Status is RecognitionResult.LocalAeo or RecognitionResult.RecognisedUnderMra;
}

/// <summary>Everything selectivity decides with, except the declaration: one snapshot, so a batch is decided consistently.</summary>
/// <param name="Seed">Seeds the random draws: the same seed and reference give the same draw, in production, import and simulation.</param>
public sealed record SelectivityPolicy(
    SelectivityProfile Profile,
    IReadOnlyList<RiskRule> Rules,
    IReadOnlyDictionary<string, Agency> Agencies,
    IReadOnlyList<CommodityControl> Controls,
    long Seed
);

public sealed record RuleHit(string RuleId, int Version, string Name, int Score, Lane? ForceLane);

public enum CreditKind
{
    LocalAeo,
    MraRecognition,
    AllAeoSupplyChain,
    OgaBenefit,
}

public sealed record CreditApplied(
    CreditKind Kind,
    int Points,
    PartyRole? Role = null,
    string? Tin = null,
    string? Mra = null,
    string? Partner = null,
    string? Detail = null
);

/// <param name="Value">The draw in [0, 1); selected when below <paramref name="Rate"/>.</param>
public sealed record RandomDraw(double Value, double Rate, bool Selected, Lane Lane);

/// <summary>What one agency requires of the declaration.</summary>
public sealed record AgencyRequirement(
    string Agency,
    string AgencyName,
    bool PermitRequired,
    bool DocumentaryCheck,
    bool DocumentaryCheckWaived,
    bool JointInspection,
    double InspectionRate,
    double InspectionDraw
);

/// <summary>What set the lane, strongest first.</summary>
public enum LaneCause
{
    Score,
    ForcedByRule,
    Random,
    AgencyDocumentaryCheck,
    AgencyInspection,

    /// <summary>The e-commerce low-value lane took the place of the score's Yellow or Red (ADR 0043).</summary>
    EcommerceLowValueLane,
}

/// <summary>A selectivity decision with its whole explanation: rules hit, credits applied, random draw, agencies.</summary>
/// <param name="ScoreBeforeCredits">The sum of the scores of the rules hit.</param>
/// <param name="Causes">The steps whose outcome equals the final lane (empty for Green).</param>
/// <param name="Notes">Facts that informed the decision without changing the score (e.g. a status known only through data sharing).</param>
public sealed record LaneDecision(
    Lane Lane,
    int Score,
    int ScoreBeforeCredits,
    int YellowFrom,
    int RedFrom,
    IReadOnlyList<RuleHit> Rules,
    IReadOnlyList<CreditApplied> Credits,
    RandomDraw Random,
    IReadOnlyList<AgencyRequirement> Agencies,
    IReadOnlyList<LaneCause> Causes,
    IReadOnlyList<string> Notes
)
{
    /// <summary>The e-commerce benefit considered for the declaration (or why none applied); null when it names no platform or the
    /// programme grants none.</summary>
    public EcommerceBenefit? Ecommerce { get; init; }

    /// <summary>
    /// What the trader may read: the lane, random selection, what agencies require and the benefits applied, but no
    /// rule, score or threshold (they would teach how to avoid selection).
    /// </summary>
    public IReadOnlyList<string> ForTrader()
    {
        var lines = new List<string>
        {
            Lane switch
            {
                Lane.Green => "Green: free from paper and cargo examination.",
                Lane.Blue => "Blue: released; the declaration may be audited after clearance.",
                Lane.Yellow => "Yellow: documentary (paper) review before release.",
                _ => "Red: cargo examination before release.",
            },
        };
        if (Causes.Contains(LaneCause.Score) || Causes.Contains(LaneCause.ForcedByRule))
        {
            lines.Add("Selected by risk assessment.");
        }

        if (Random.Selected)
        {
            lines.Add("Selected at random: every declaration, AEOs included, has the same small chance.");
        }

        foreach (var a in Agencies)
        {
            if (a.PermitRequired)
            {
                lines.Add($"A permit from {a.AgencyName} travels with this declaration (joint declaration).");
            }

            if (a.DocumentaryCheckWaived)
            {
                lines.Add($"{a.AgencyName} recognises AEO status: no separate documentary check.");
            }
            else if (a.DocumentaryCheck)
            {
                lines.Add($"Documentary check required by {a.AgencyName}.");
            }

            if (a.JointInspection)
            {
                lines.Add($"Joint inspection with {a.AgencyName}: one examination, one appointment.");
            }
        }

        if (Ecommerce is { } e)
        {
            lines.Add(e.Explanation);
        }

        foreach (var c in Credits)
        {
            lines.Add(
                c.Kind switch
                {
                    CreditKind.LocalAeo => "AEO benefit applied: the "
                        + $"{Words.FromPascalCase(c.Role?.ToString() ?? "party").ToLowerInvariant()} {c.Tin} is an "
                        + "AEO.",
                    CreditKind.MraRecognition => $"MRA benefit applied: the consignor {c.Tin} is an AEO recognised under {c.Mra}.",
                    CreditKind.AllAeoSupplyChain => $"Supply-chain benefit applied: every party belongs to the all-AEO chain {c.Detail}.",
                    _ => $"Agency benefit applied: {c.Detail}.",
                }
            );
        }

        return lines;
    }
}

/// <summary>
/// Selectivity in the order of the domain notes: risk rules score and may force a lane; AEO credits lower the score;
/// a seeded random draw selects a minimum share of everyone; thresholds map the score to a lane; agencies add
/// their documentary checks and joint inspections. Pure and total: the same declaration, standings and policy
/// always give the same decision.
/// </summary>
public static class Selectivity
{
    /// <param name="lodgedOn">The lodgement date in the office's time zone: it picks the rule versions in force.</param>
    /// <param name="standings">Recognition of each party on the lodgement date; a party without one counts as Unknown.</param>
    /// <param name="allAeoChain">The all-AEO supply chain every party belongs to, if any.</param>
    /// <param name="ecommerce">The e-commerce benefit of <see cref="EcommerceLane.Decide"/>: its low-value lane lowers the score's Yellow
    /// or Red to Blue, nothing else.</param>
    public static LaneDecision Decide(
        DeclarationDetails d,
        DateOnly lodgedOn,
        IReadOnlyList<PartyStanding> standings,
        string? allAeoChain,
        SelectivityPolicy policy,
        EcommerceBenefit? ecommerce = null
    )
    {
        var profile = policy.Profile;
        var principal = d.Principal is { } pp ? StandingOf(pp, standings) : null;
        var consignor = d.ForeignConsignor is { } fc ? StandingOf(fc, standings) : null;
        var principalStatus = principal?.Status ?? RecognitionResult.Unknown;
        var consignorStatus = consignor?.Status ?? RecognitionResult.Unknown;

        var hits = new List<RuleHit>();
        var raw = 0;
        Lane? forced = null;
        foreach (var rule in policy.Rules)
        {
            if (rule.AppliesOn(lodgedOn) && rule.When.Match(d, principalStatus, consignorStatus))
            {
                hits.Add(new RuleHit(rule.Id, rule.Version, rule.Name, rule.Score, rule.ForceLane));
                raw += rule.Score;
                if (rule.ForceLane is { } f && (forced is null || f > forced))
                {
                    forced = f;
                }
            }
        }

        var credits = new List<CreditApplied>();
        var notes = new List<string>();
        foreach (var party in d.Parties.Where(p => p.Role != PartyRole.EcommercePlatform))
        {
            var s = StandingOf(party, standings);
            var isPrincipal = ReferenceEquals(party, d.Principal);
            var isConsignor = ReferenceEquals(party, d.ForeignConsignor);
            switch (s.Status)
            {
                case RecognitionResult.LocalAeo:
                    credits.Add(
                        new(
                            CreditKind.LocalAeo,
                            isPrincipal ? profile.PrincipalAeoCredit : profile.PartyAeoCredit,
                            party.Role,
                            party.Tin.Value
                        )
                    );
                    break;
                case RecognitionResult.RecognisedUnderMra when isPrincipal || isConsignor:
                    credits.Add(
                        new(
                            CreditKind.MraRecognition,
                            isPrincipal ? profile.PrincipalAeoCredit : profile.MraCredit,
                            party.Role,
                            party.Tin.Value,
                            s.Mra,
                            s.Partner
                        )
                    );
                    break;
                case RecognitionResult.RecognisedUnderMra:
                    credits.Add(new(CreditKind.MraRecognition, profile.PartyAeoCredit, party.Role, party.Tin.Value, s.Mra, s.Partner));
                    break;
                case RecognitionResult.KnownForeignAeo:
                    notes.Add(
                        $"The {Words.FromPascalCase(party.Role.ToString()).ToLowerInvariant()} {party.Tin} is a "
                            + $"foreign AEO known to us{(s.Partner is null ? "" : $" through {s.Partner}")} without an "
                            + "MRA benefit on this date: risk information only, no credit."
                    );
                    break;
                default:
                    break;
            }
        }

        if (allAeoChain is not null && d.Parties.Count(p => p.Role != PartyRole.EcommercePlatform) >= 2)
        {
            credits.Add(new(CreditKind.AllAeoSupplyChain, profile.AllAeoChainCredit, Detail: allAeoChain));
        }

        var agencies = Agencies(d, principal?.IsAeo == true, policy);
        if (principal?.IsAeo == true)
        {
            var granting = agencies
                .Select(a => policy.Agencies[a.Agency])
                .FirstOrDefault(a => a.Grants(AgencyBenefitFamily.FewerInspectionsPriorityFees));
            if (granting is not null)
            {
                credits.Add(new(CreditKind.OgaBenefit, profile.OgaCredit, Detail: $"{granting.Name} grants AEOs fewer inspections"));
            }
        }

        var score = raw - credits.Sum(c => c.Points);
        var scoreLane = profile.LaneFor(score);
        var draw = Draw.Uniform(policy.Seed, d.Reference, "customs");
        var random = new RandomDraw(draw, profile.RandomRate, draw < profile.RandomRate, profile.RandomLane);

        // The consolidated low-value lane stands in for the score only: forced rules, the random draw and agencies still apply.
        var outcomes = new List<(LaneCause Cause, Lane Lane)>
        {
            ecommerce is { LowValueLane: true } && scoreLane > Lane.Blue
                ? (LaneCause.EcommerceLowValueLane, Lane.Blue)
                : (LaneCause.Score, scoreLane),
        };
        if (forced is { } fl)
        {
            outcomes.Add((LaneCause.ForcedByRule, fl));
        }

        if (random.Selected)
        {
            outcomes.Add((LaneCause.Random, random.Lane));
        }

        if (agencies.Any(a => a.DocumentaryCheck && !a.DocumentaryCheckWaived))
        {
            outcomes.Add((LaneCause.AgencyDocumentaryCheck, Lane.Yellow));
        }

        if (agencies.Any(a => a.JointInspection))
        {
            outcomes.Add((LaneCause.AgencyInspection, Lane.Red));
        }

        var lane = outcomes.Max(o => o.Lane);
        var causes = lane == Lane.Green ? [] : outcomes.Where(o => o.Lane == lane).Select(o => o.Cause).ToList();
        return new LaneDecision(lane, score, raw, profile.YellowFrom, profile.RedFrom, hits, credits, random, agencies, causes, notes)
        {
            Ecommerce = ecommerce,
        };
    }

    private static PartyStanding StandingOf(DeclarationParty party, IReadOnlyList<PartyStanding> standings)
    {
        foreach (var s in standings)
        {
            if (s.Role == party.Role && s.Tin == party.Tin)
            {
                return s;
            }
        }

        return new PartyStanding(party.Role, party.Tin, RecognitionResult.Unknown);
    }

    private static List<AgencyRequirement> Agencies(DeclarationDetails d, bool principalIsAeo, SelectivityPolicy policy)
    {
        var result = new List<AgencyRequirement>();
        foreach (
            var byAgency in policy
                .Controls.Where(c => d.Items.Any(i => c.HsCodes.Contains(i.HsCode)))
                .GroupBy(c => c.Agency)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
        )
        {
            if (!policy.Agencies.TryGetValue(byAgency.Key, out var agency))
            {
                continue;
            }

            var permit = byAgency.Any(c => c.PermitRequired);
            var documentary = byAgency.Any(c => c.DocumentaryCheck);
            var waived = documentary && principalIsAeo && agency.Grants(AgencyBenefitFamily.RecognitionOfAeoStandards);
            var rate = byAgency.Max(c => c.InspectionRate);
            if (principalIsAeo && agency.Grants(AgencyBenefitFamily.FewerInspectionsPriorityFees))
            {
                rate *= agency.AeoInspectionFactor;
            }

            var draw = Draw.Uniform(policy.Seed, d.Reference, "agency:" + agency.Code);
            result.Add(new AgencyRequirement(agency.Code, agency.Name, permit, documentary, waived, draw < rate, rate, draw));
        }

        return result;
    }

    /// <summary>The operator role a party must hold (and an MRA must cover) to be recognised in a declaration role.</summary>
    public static OperatorRoles OperatorRoleFor(PartyRole role, TransportMode mode) =>
        role switch
        {
            PartyRole.Importer => OperatorRoles.Importer,
            PartyRole.Exporter or PartyRole.Consignor => OperatorRoles.Exporter,
            PartyRole.CustomsBroker => OperatorRoles.CustomsBroker,
            PartyRole.FreightForwarder => OperatorRoles.FreightForwarder,
            PartyRole.Warehouse => OperatorRoles.WarehouseOperator,
            PartyRole.EcommercePlatform => OperatorRoles.EcommercePlatform,
            _ => mode switch
            {
                TransportMode.Sea => OperatorRoles.SeaCarrier,
                TransportMode.Air => OperatorRoles.AirCarrier,
                TransportMode.Land => OperatorRoles.RoadCarrier,
                _ => OperatorRoles.Courier,
            },
        };
}

/// <summary>
/// Reproducible uniform draws: a hash of the seed, the declaration's reference and a stream name, so the customs
/// draw and each agency's draw are independent, and a re-run (import, simulation) draws exactly the same.
/// </summary>
public static class Draw
{
    public static double Uniform(long seed, string key, string stream)
    {
        // FNV-1a over the key and stream, then SplitMix64's finaliser with the seed: fast, stable across runtimes
        // (string.GetHashCode is randomised per process) and well mixed even for sequential references.
        unchecked
        {
            var h = 14695981039346656037UL;
            foreach (var c in key)
            {
                h = (h ^ c) * 1099511628211UL;
            }

            h = (h ^ '|') * 1099511628211UL;
            foreach (var c in stream)
            {
                h = (h ^ c) * 1099511628211UL;
            }

            var z = h + ((ulong)seed * 0x9E3779B97F4A7C15UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
