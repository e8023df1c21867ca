using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>
/// What selectivity reads that is the same for every declaration: the <see cref="SelectivityReference"/> (profile
/// versions, rules, agencies, controls, economies), the node's own programme (SME definition, e-commerce settings) and
/// the supply chains with their members. A lodging takes it from <see cref="SelectivityCache"/>; an import or a
/// simulation loads it once for its whole batch.
/// </summary>
internal sealed record SelectivityBase(
    SelectivityReference Reference,
    Programme? Home,
    IReadOnlyList<(string Name, HashSet<string> Members)> Chains
)
{
    /// <summary>The cached kinds: a save of any of these rows moves the stamp every node polls (ADR 0056).</summary>
    public static readonly Type[] Sources =
    [
        typeof(ProfileVersion),
        typeof(RiskRuleVersion),
        typeof(AgencyRow),
        typeof(CommodityControlRow),
        typeof(Economy),
        typeof(Programme),
        typeof(SupplyChain),
        typeof(SupplyChainMember),
    ];

    public static async Task<SelectivityBase> LoadAsync(OpenAeoDb db, string nodeEconomy, TimeProvider clock, CancellationToken ct)
    {
        var saved = await db.SelectivityProfiles().AsNoTracking().ToListAsync(ct);
        if (saved.Count == 0)
        {
            saved.Add(SelectivitySnapshot.DefaultProfile(clock.GetUtcNow()));
        }

        var rules = (await db.RiskRules().AsNoTracking().Where(r => !r.Retired).ToListAsync(ct)).Select(RiskRules.ToDomain);
        var agencies = (await db.Agencies().AsNoTracking().ToListAsync(ct)).Select(a => a.ToDomain());
        var controls = (await db.CommodityControls().AsNoTracking().ToListAsync(ct)).Select(c => c.ToDomain());
        var reference = SelectivityReference.Build(
            saved.Select(p => new ProfileVersionOf(p.Version, p.EffectiveFrom, p.ToDomain(), p.Seed)),
            rules,
            agencies,
            controls,
            await db.EconomyCodesAsync(ct)
        );

        // The node's own programme decides, the one whose certificates make local AEOs (RecognitionSources picks it the same way).
        var home = (await db.Programmes().AsNoTracking().Where(p => p.EconomyCode == nodeEconomy).ToListAsync(ct))
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .FirstOrDefault();
        var chains = (await db.SupplyChains().AsNoTracking().Include(c => c.Members).ToListAsync(ct))
            .Select(c => (c.Name, c.Members.Select(m => m.OperatorTin.Value).Append(c.MasterTin.Value).ToHashSet()))
            .ToList();
        return new SelectivityBase(reference, home, chains);
    }
}

/// <summary>What selectivity reads about one party besides recognition.</summary>
/// <param name="Operator">Its registry row when it is an operator of this node's economy (for its SME class).</param>
/// <param name="Merchants">The merchants linked to it, when it is an e-commerce platform.</param>
internal sealed record PartyFacts(Tin Tin, Operator? Operator, IReadOnlyList<string> Merchants);

/// <summary>
/// The <see cref="SelectivityBase"/> of this node, kept in memory (issue 18): built on first use and again after any
/// save of what it is made of — at once when this process saved it, within <c>Caching:VersionCheckSeconds</c> when
/// another node or process did (the shared stamp, ADR 0056). A saved rule therefore decides the next lodging here.
/// </summary>
internal sealed class SelectivityCache(
    CachedDataVersion version,
    RecognitionCache recognition,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<CachingOptions> options
)
{
    private const int MaxParties = 100_000;

    /// <summary>Kinds a party's facts are read from, besides operators (already a locally cached kind of recognition's).</summary>
    public static readonly Type[] PartyKinds = [typeof(MerchantLink)];

    private readonly KeptPerKey<(string Economy, Tin Tin), PartyFacts> parties = new(version, clock, options.Value, MaxParties);

    /// <summary>
    /// What a lodging reads about its parties besides recognition, kept per TIN like recognition's sources (ADR 0068): the
    /// registry row of a party of this node's economy (its SME class) and the merchants linked to a party that is a platform.
    /// </summary>
    public Task<List<PartyFacts>> PartiesAsync(OpenAeoDb db, string nodeEconomy, IReadOnlyCollection<Tin> tins, CancellationToken ct) =>
        parties.GetAsync(
            () => db,
            tins.Select(t => (nodeEconomy, t)),
            async missing =>
            {
                var wanted = missing.Select(k => k.Tin).ToList();
                var texts = wanted.Select(t => t.Value).ToList();
                var operators = await db.Operators()
                    .AsNoTracking()
                    .Where(o => o.EconomyCode == nodeEconomy && wanted.Contains(o.Tin))
                    .ToDictionaryAsync(o => o.Tin, ct);
                var links = (
                    await db.MerchantLinks()
                        .AsNoTracking()
                        .Where(l => texts.Contains(l.PlatformTin))
                        .Select(l => new { l.PlatformTin, l.MerchantTin })
                        .ToListAsync(ct)
                ).ToLookup(l => l.PlatformTin, l => l.MerchantTin);
                return key => new PartyFacts(key.Tin, operators.GetValueOrDefault(key.Tin), [.. links[key.Tin.Value]]);
            },
            ct
        );

    /// <summary>What recognition reads about these parties, from memory while nothing it rests on changed (ADR 0068).</summary>
    public Task<RecognitionSources> RecognitionAsync(
        OpenAeoDb db,
        string nodeEconomy,
        IReadOnlyCollection<Tin> tins,
        CancellationToken ct
    ) => recognition.SourcesAsync(db, nodeEconomy, tins, ct);

    private sealed record Held(long Generation, string Economy, SelectivityBase Base);

    private Held? held;

    public async Task<SelectivityBase> GetAsync(OpenAeoDb db, string nodeEconomy, TimeProvider clock, CancellationToken ct)
    {
        // The generation is read before loading: a change saved while we load moves it, and what we loaded is not kept.
        var generation = await version.CurrentAsync(() => db, ct);
        if (Volatile.Read(ref held) is { } known && known.Generation == generation && known.Economy == nodeEconomy)
        {
            return known.Base;
        }

        var loaded = await SelectivityBase.LoadAsync(db, nodeEconomy, clock, ct);
        if (version.Generation == generation)
        {
            Volatile.Write(ref held, new Held(generation, nodeEconomy, loaded));
        }

        return loaded;
    }
}
