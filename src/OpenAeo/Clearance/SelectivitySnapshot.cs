using Microsoft.EntityFrameworkCore;
using OpenAeo.Certification;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Persistence;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>A decision with what it rested on, ready to be stored.</summary>
internal sealed record DecidedDeclaration(
    DeclarationDetails Details,
    DateTimeOffset LodgedAt,
    DateOnly LodgedOn,
    LaneDecision Decision,
    IReadOnlyList<PartyStanding> Standings,
    bool PrincipalSme,
    int ProfileVersion
);

/// <summary>
/// Everything selectivity reads from the database, loaded once: profile and rule versions, agencies and their
/// controls, recognition sources, SME classes and all-AEO supply chains. One declaration loads it for its own
/// parties; an import or a simulation loads it for everyone and decides a million declarations against it.
/// </summary>
internal sealed class SelectivitySnapshot
{
    private readonly List<ProfileVersion> profiles;
    private readonly IReadOnlyList<EffectivePeriod> profilePeriods;
    private readonly IReadOnlyList<RiskRule> rules;
    private readonly IReadOnlyDictionary<string, Agency> agencies;
    private readonly IReadOnlyList<CommodityControl> controls;
    private readonly RecognitionSources recognition;
    private readonly IReadOnlySet<string> smes;
    private readonly IReadOnlyList<(string Name, HashSet<string> Members)> allAeoChains;
    private readonly EcommerceSnapshot ecommerce;

    private SelectivitySnapshot(
        List<ProfileVersion> profiles,
        IReadOnlyList<RiskRule> rules,
        IReadOnlyDictionary<string, Agency> agencies,
        IReadOnlyList<CommodityControl> controls,
        RecognitionSources recognition,
        IReadOnlySet<string> smes,
        IReadOnlyList<(string, HashSet<string>)> allAeoChains,
        IReadOnlySet<string> economies,
        EcommerceSnapshot ecommerce
    )
    {
        this.ecommerce = ecommerce;
        this.profiles = profiles;
        profilePeriods = EffectiveVersions.Chain(profiles.Select(p => (p.Version, p.EffectiveFrom)));
        this.rules = rules;
        this.agencies = agencies;
        this.controls = controls;
        this.recognition = recognition;
        this.smes = smes;
        this.allAeoChains = allAeoChains;
        Economies = economies;
    }

    public IReadOnlySet<string> Economies { get; }

    public IReadOnlyList<RiskRule> Rules => rules;

    /// <summary>The same snapshot with another rule set: what a simulation replays.</summary>
    public SelectivitySnapshot WithRules(IReadOnlyList<RiskRule> proposed) =>
        new(profiles, proposed, agencies, controls, recognition, smes, allAeoChains, Economies, ecommerce);

    public DecidedDeclaration Decide(DeclarationDetails d, DateTimeOffset lodgedAt)
    {
        var zone = TimeZones.Find(d.OfficeTimeZone) ?? TimeZoneInfo.Utc;
        var lodgedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(lodgedAt, zone).DateTime);
        var profile = ProfileOn(lodgedOn);
        var standings = new List<PartyStanding>(d.Parties.Count);
        foreach (var party in d.Parties)
        {
            var answer = recognition.Recognise(party.Tin, lodgedAt, Selectivity.OperatorRoleFor(party.Role, d.Mode), lodgedOn);
            standings.Add(new PartyStanding(party.Role, party.Tin, answer.Result, answer.Mra, answer.Partner));
        }

        var policy = new SelectivityPolicy(profile.ToDomain(), rules, agencies, controls, profile.Seed);
        var decision = Selectivity.Decide(d, lodgedOn, standings, AllAeoChain(d), policy, ecommerce.Benefit(d, standings));
        return new DecidedDeclaration(
            d,
            lodgedAt,
            lodgedOn,
            decision,
            standings,
            d.Principal is { } p && smes.Contains(p.Tin.Value),
            profile.Version
        );
    }

    /// <summary>The profile in force on a day, versioned like risk rules (a version saved later supersedes one scheduled after its
    /// day).</summary>
    private ProfileVersion ProfileOn(DateOnly day)
    {
        var version = EffectiveVersions.InForce(profilePeriods, day).Version;
        return profiles.Find(p => p.Version == version)!;
    }

    private string? AllAeoChain(DeclarationDetails d)
    {
        foreach (var (name, members) in allAeoChains)
        {
            if (d.Parties.Where(p => p.Role != PartyRole.EcommercePlatform).All(p => members.Contains(p.Tin.Value)))
            {
                return name;
            }
        }

        return null;
    }

    /// <param name="tins">The parties to load recognition for; null for everyone.</param>
    public static async Task<SelectivitySnapshot> LoadAsync(
        OpenAeoDb db,
        string nodeEconomy,
        IReadOnlyCollection<string>? tins,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var profiles = await db.SelectivityProfiles().AsNoTracking().OrderBy(p => p.EffectiveFrom).ThenBy(p => p.Version).ToListAsync(ct);
        if (profiles.Count == 0)
        {
            profiles.Add(DefaultProfile(clock.GetUtcNow()));
        }

        var rules = (await db.RiskRules().AsNoTracking().Where(r => !r.Retired).ToListAsync(ct)).Select(RiskRules.ToDomain).ToList();
        var agencies = (await db.Agencies().AsNoTracking().ToListAsync(ct)).ToDictionary(
            a => a.Code,
            a => a.ToDomain(),
            StringComparer.Ordinal
        );
        var controls = (await db.CommodityControls().AsNoTracking().ToListAsync(ct)).Select(c => c.ToDomain()).ToList();
        List<Tin>? typed = tins?.Select(t => Tin.Parse(t)).Where(t => t.IsOk).Select(t => t.Value).ToList();
        var recognition = await RecognitionSources.LoadAsync(db, nodeEconomy, typed, ct);
        var economies = await db.EconomyCodesAsync(ct);

        var definition = await GetOperator.SmeDefinitionFor(db, nodeEconomy, ct);
        var operators = db.Operators().AsNoTracking().Where(o => o.EconomyCode == nodeEconomy);
        if (typed is not null)
        {
            operators = operators.Where(o => typed.Contains(o.Tin));
        }

        var smes = (await operators.ToListAsync(ct))
            .Where(o => o.SmeClass(definition) == SmeClass.Sme)
            .Select(o => o.Tin.Value)
            .ToHashSet();

        // A chain is all-AEO when every member is an AEO now, by the same recognition the lanes use.
        var now = clock.GetUtcNow();
        var chains = new List<(string, HashSet<string>)>();
        foreach (var chain in await db.SupplyChains().AsNoTracking().Include(c => c.Members).ToListAsync(ct))
        {
            var members = chain.Members.Select(m => m.OperatorTin.Value).Append(chain.MasterTin.Value).ToHashSet();
            if (tins is not null && !tins.All(members.Contains))
            {
                continue;
            }

            var sources = tins is null
                ? recognition
                : await RecognitionSources.LoadAsync(db, nodeEconomy, [.. members.Select(Tin.FromTrusted)], ct);
            if (
                members.All(m =>
                    sources.Recognise(Tin.Parse(m).Value, now).Result is RecognitionResult.LocalAeo or RecognitionResult.RecognisedUnderMra
                )
            )
            {
                chains.Add((chain.Name, members));
            }
        }

        var ecommerce = await EcommerceSnapshot.LoadAsync(db, nodeEconomy, tins, ct);
        return new SelectivitySnapshot(profiles, rules, agencies, controls, recognition, smes, chains, economies, ecommerce);
    }

    /// <summary>The profile in force before officers save one: the domain's defaults, seeded with a fixed seed.</summary>
    public static ProfileVersion DefaultProfile(DateTimeOffset now)
    {
        var d = SelectivityProfile.Default;
        return new ProfileVersion
        {
            Version = 1,
            EffectiveFrom = new DateOnly(2000, 1, 1),
            YellowFrom = d.YellowFrom,
            RedFrom = d.RedFrom,
            PrincipalAeoCredit = d.PrincipalAeoCredit,
            PartyAeoCredit = d.PartyAeoCredit,
            MraCredit = d.MraCredit,
            AllAeoChainCredit = d.AllAeoChainCredit,
            OgaCredit = d.OgaCredit,
            RandomRate = d.RandomRate,
            RandomLane = d.RandomLane,
            Seed = 20260101,
            CreatedBy = "system",
            CreatedAt = now,
        };
    }
}
