using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Clearance;

/// <summary>One saved version of the selectivity profile, with the day it takes effect and the seed of its random draws.</summary>
public sealed record ProfileVersionOf(int Version, DateOnly EffectiveFrom, SelectivityProfile Profile, long Seed);

/// <summary>
/// What every lane decision reads that is the same for every declaration: the profile versions, the rules, the
/// agencies and their commodity controls, the economies. Built once from what is saved (and again when something
/// of it is saved), so a lodging decides against memory rather than reading five tables (issue 18, ADR 0056).
/// </summary>
public sealed class SelectivityReference
{
    private readonly IReadOnlyList<EffectivePeriod> periods;
    private readonly Dictionary<int, SelectivityPolicy> policies;

    private SelectivityReference(
        IReadOnlyList<ProfileVersionOf> profiles,
        IReadOnlyList<RiskRule> rules,
        IReadOnlyDictionary<string, Agency> agencies,
        IReadOnlyList<CommodityControl> controls,
        IReadOnlySet<string> economies
    )
    {
        Profiles = profiles;
        Rules = rules;
        Agencies = agencies;
        Controls = controls;
        Economies = economies;
        periods = EffectiveVersions.Chain(profiles.Select(p => (p.Version, p.EffectiveFrom)));
        policies = profiles.ToDictionary(p => p.Version, p => new SelectivityPolicy(p.Profile, rules, agencies, controls, p.Seed));
    }

    public IReadOnlyList<ProfileVersionOf> Profiles { get; }

    public IReadOnlyList<RiskRule> Rules { get; }

    public IReadOnlyDictionary<string, Agency> Agencies { get; }

    public IReadOnlyList<CommodityControl> Controls { get; }

    /// <summary>The codes of the economies (not blocs) declarations may name.</summary>
    public IReadOnlySet<string> Economies { get; }

    /// <param name="profiles">Every saved profile version; at least one (the caller supplies the default when none is saved).</param>
    public static SelectivityReference Build(
        IEnumerable<ProfileVersionOf> profiles,
        IEnumerable<RiskRule> rules,
        IEnumerable<Agency> agencies,
        IEnumerable<CommodityControl> controls,
        IEnumerable<string> economies
    )
    {
        var ordered = profiles.OrderBy(p => p.Version).ToList();
        if (ordered.Count == 0)
        {
            throw new ArgumentException("Selectivity needs at least one profile version.", nameof(profiles));
        }

        return new SelectivityReference(
            ordered,
            [.. rules],
            agencies.ToDictionary(a => a.Code, StringComparer.Ordinal),
            [.. controls],
            economies.ToHashSet(StringComparer.Ordinal)
        );
    }

    /// <summary>The same reference with another rule set: what a simulation replays.</summary>
    public SelectivityReference WithRules(IReadOnlyList<RiskRule> proposed) => new(Profiles, proposed, Agencies, Controls, Economies);

    /// <summary>The policy of the profile version in force on a (office-local) day, and that version's number.</summary>
    public (SelectivityPolicy Policy, int ProfileVersion) PolicyOn(DateOnly day)
    {
        var version = EffectiveVersions.InForce(periods, day).Version;
        return (policies[version], version);
    }
}
