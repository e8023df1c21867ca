using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
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
    private readonly SelectivityReference reference;
    private readonly RecognitionSources recognition;
    private readonly IReadOnlySet<string> smes;
    private readonly IReadOnlyList<(string Name, HashSet<string> Members)> allAeoChains;
    private readonly EcommerceSnapshot ecommerce;

    private SelectivitySnapshot(
        SelectivityReference reference,
        RecognitionSources recognition,
        IReadOnlySet<string> smes,
        IReadOnlyList<(string, HashSet<string>)> allAeoChains,
        EcommerceSnapshot ecommerce
    )
    {
        this.reference = reference;
        this.ecommerce = ecommerce;
        this.recognition = recognition;
        this.smes = smes;
        this.allAeoChains = allAeoChains;
    }

    public IReadOnlySet<string> Economies => reference.Economies;

    public IReadOnlyList<RiskRule> Rules => reference.Rules;

    /// <summary>The same snapshot with another rule set: what a simulation replays.</summary>
    public SelectivitySnapshot WithRules(IReadOnlyList<RiskRule> proposed) =>
        new(reference.WithRules(proposed), recognition, smes, allAeoChains, ecommerce);

    public DecidedDeclaration Decide(DeclarationDetails d, DateTimeOffset lodgedAt)
    {
        var zone = TimeZones.Find(d.OfficeTimeZone) ?? TimeZoneInfo.Utc;
        var lodgedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(lodgedAt, zone).DateTime);
        var (policy, profileVersion) = reference.PolicyOn(lodgedOn);
        var standings = new List<PartyStanding>(d.Parties.Count);
        foreach (var party in d.Parties)
        {
            var answer = recognition.Recognise(party.Tin, lodgedAt, Selectivity.OperatorRoleFor(party.Role, d.Mode), lodgedOn);
            standings.Add(new PartyStanding(party.Role, party.Tin, answer.Result, answer.Mra, answer.Partner));
        }

        var decision = Selectivity.Decide(d, lodgedOn, standings, AllAeoChain(d), policy, ecommerce.Benefit(d, standings));
        return new DecidedDeclaration(
            d,
            lodgedAt,
            lodgedOn,
            decision,
            standings,
            d.Principal is { } p && smes.Contains(p.Tin.Value),
            profileVersion
        );
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
    /// <param name="based">What is the same for every declaration, from <see cref="SelectivityCache"/>; loaded now when null.</param>
    /// <param name="cache">Recognition of the parties from memory (a lodging); loaded now when null.</param>
    public static async Task<SelectivitySnapshot> LoadAsync(
        OpenAeoDb db,
        string nodeEconomy,
        IReadOnlyCollection<string>? tins,
        TimeProvider clock,
        CancellationToken ct,
        SelectivityBase? based = null,
        SelectivityCache? cache = null
    )
    {
        based ??= await SelectivityBase.LoadAsync(db, nodeEconomy, clock, ct);
        List<Tin>? typed = tins?.Select(t => Tin.Parse(t)).Where(t => t.IsOk).Select(t => t.Value).ToList();
        var recognition =
            cache is not null && typed is { Count: > 0 }
                ? await cache.RecognitionAsync(db, nodeEconomy, typed, ct)
                : await RecognitionSources.LoadAsync(db, nodeEconomy, typed, ct);

        var definition = based.Home?.SmeDefinition;
        IEnumerable<Operator> parties;
        EcommerceSnapshot ecommerce;
        if (cache is not null && typed is { Count: > 0 })
        {
            var facts = await cache.PartiesAsync(db, nodeEconomy, typed, ct);
            parties = facts.Where(p => p.Operator is not null).Select(p => p.Operator!);
            ecommerce = EcommerceSnapshot.Of(based.Home, facts.SelectMany(p => p.Merchants.Select(m => (p.Tin.Value, m))));
        }
        else
        {
            var operators = db.Operators().AsNoTracking().Where(o => o.EconomyCode == nodeEconomy);
            if (typed is not null)
            {
                operators = operators.Where(o => typed.Contains(o.Tin));
            }

            parties = await operators.ToListAsync(ct);
            ecommerce = await EcommerceSnapshot.LoadAsync(db, based.Home, tins, ct);
        }

        var smes = parties.Where(o => o.SmeClass(definition) == SmeClass.Sme).Select(o => o.Tin.Value).ToHashSet();

        // A chain is all-AEO when every member is an AEO now, by the same recognition the lanes use.
        var now = clock.GetUtcNow();
        var chains = new List<(string, HashSet<string>)>();
        foreach (var (name, members) in based.Chains)
        {
            if (tins is not null && !tins.All(members.Contains))
            {
                continue;
            }

            var sources =
                tins is null ? recognition
                : cache is not null ? await cache.RecognitionAsync(db, nodeEconomy, [.. members.Select(Tin.FromTrusted)], ct)
                : await RecognitionSources.LoadAsync(db, nodeEconomy, [.. members.Select(Tin.FromTrusted)], ct);
            if (
                members.All(m =>
                    sources.Recognise(Tin.Parse(m).Value, now).Result is RecognitionResult.LocalAeo or RecognitionResult.RecognisedUnderMra
                )
            )
            {
                chains.Add((name, members));
            }
        }

        return new SelectivitySnapshot(based.Reference, recognition, smes, chains, ecommerce);
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
