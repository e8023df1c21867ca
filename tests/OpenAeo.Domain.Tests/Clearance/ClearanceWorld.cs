using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.Clearance;

/// <summary>
/// Japan's customs deciding lanes for imports: 200 Japanese importers of which 60 are AEOs, Taiwanese consignors that
/// are AEOs under the TW–JP MRA in force from 1 January 2026, Vietnamese AEO consignors known only through a
/// data-sharing arrangement, and unknown consignors from elsewhere. Standings come from the real recognition function.
/// </summary>
internal sealed class ClearanceWorld
{
    public static readonly DateOnly MraInForce = new(2026, 1, 1);

    public static readonly MraTerms TwJp = new(
        "MRA-TW-JP",
        ["TW", "JP"],
        new DateOnly(2025, 9, 1),
        MraInForce,
        null,
        null,
        OperatorRoles.None,
        []
    );

    public ClearanceWorld()
    {
        Importers = [.. Enumerable.Range(1, 200).Select(i => new Trader(ParseTin($"JP{i:D8}"), i <= 20 ? 20 : 1))];
        AeoImporters = Importers.Where((_, i) => i % 10 < 3).Select(t => t.Tin).ToHashSet();
        TaiwanAeos = [.. Enumerable.Range(1, 40).Select(i => ParseTin($"TW{i:D8}"))];
        VietnamAeos = [.. Enumerable.Range(1, 40).Select(i => ParseTin($"VN{i:D8}"))];
        var grantedLongAgo = Granted() with { EffectiveAt = Utc("2024-01-01T00:00:00Z"), ValidFrom = new DateOnly(2024, 1, 1) };
        Taiwan = TaiwanAeos.ToDictionary(t => t, t => new PartnerRecord("TW", TwJp, 500, [grantedLongAgo with { Tin = t }]));
        Vietnam = VietnamAeos.ToDictionary(
            t => t,
            t => new PartnerRecord("VN", null, 500, [grantedLongAgo with { Tin = t, Economy = "VN", Programme = "VN" }])
        );
        Local = AeoImporters.ToDictionary(
            t => t,
            t =>
                (IReadOnlyList<StatusEntry>)
                    [grantedLongAgo with { Tin = t, Economy = "JP", Programme = "JP", Roles = OperatorRoles.Importer }]
        );
        Population = new TrafficPopulation(
            "JP",
            Importers,
            [ParseTin("JP90000001"), ParseTin("JP90000002")],
            [ParseTin("JP91000001")],
            [ParseTin("JP92000001")],
            [],
            [.. TaiwanAeos, .. VietnamAeos],
            ["TW", "VN", "US", "CN", "TH"],
            [
                new Office("JPTYO1", "Asia/Tokyo", [TransportMode.Sea, TransportMode.Air, TransportMode.Express]),
                new Office("JPOSA1", "Asia/Tokyo", [TransportMode.Land, TransportMode.Post, TransportMode.Sea]),
            ]
        );
    }

    public List<Trader> Importers { get; }

    public HashSet<Tin> AeoImporters { get; }

    public List<Tin> TaiwanAeos { get; }

    public List<Tin> VietnamAeos { get; }

    public Dictionary<Tin, PartnerRecord> Taiwan { get; }

    public Dictionary<Tin, PartnerRecord> Vietnam { get; }

    public Dictionary<Tin, IReadOnlyList<StatusEntry>> Local { get; }

    public TrafficPopulation Population { get; }

    public static SelectivityPolicy Policy(long seed = 42) => new(SelectivityProfile.Default, Rules, Agencies, Controls, seed);

    public static readonly IReadOnlyList<RiskRule> Rules =
    [
        Rule(
            "NOT-AEO",
            20,
            RuleConditions.Always with
            {
                ImporterStatus = [RecognitionResult.Unknown, RecognitionResult.NotAeo, RecognitionResult.KnownForeignAeo],
            }
        ),
        Rule("CONSIGNOR", 15, RuleConditions.Always with { ConsignorStatus = [RecognitionResult.Unknown, RecognitionResult.NotAeo] }),
        Rule("ELECTRONICS", 30, RuleConditions.Always with { HsCodes = [new("8471", "8473"), new("8517", "8517")], MinValue = 20_000 }),
        Rule("COUNTERFEIT", 25, RuleConditions.Always with { HsCodes = [new("3004", "3004"), new("3304", "3304"), new("6403", "6403")] }),
        Rule("ORIGIN", 25, RuleConditions.Always with { Origins = ["CN", "TH"] }),
        Rule("AMMO", 0, RuleConditions.Always with { HsCodes = [new("93", "93")] }, Lane.Red),
    ];

    public static readonly IReadOnlyDictionary<string, Agency> Agencies = new Dictionary<string, Agency>
    {
        ["FDA"] = new(
            "FDA",
            "Food and Drug Administration",
            [
                new(AgencyBenefitFamily.RecognitionOfAeoStandards, "no duplicate checks"),
                new(AgencyBenefitFamily.FewerInspectionsPriorityFees, "a quarter of the sampling"),
            ],
            0.25
        ),
        ["PQ"] = new("PQ", "Plant Quarantine", [new(AgencyBenefitFamily.OtherSupport, "help desk")], 1),
    };

    public static readonly IReadOnlyList<CommodityControl> Controls =
    [
        new(1, "FDA", new HsRange("3004", "3004"), true, true, 0.2),
        new(2, "PQ", new HsRange("06", "08"), true, false, 0.3),
    ];

    public static RiskRule Rule(string id, int score, RuleConditions when, Lane? force = null) =>
        new(id, 1, $"rule {id}", when, score, force, new DateOnly(2020, 1, 1), null);

    /// <summary>Recognition of every party at the lodgement time, as the app does it.</summary>
    public IReadOnlyList<PartyStanding> Standings(DeclarationDetails d, DateTimeOffset lodged, DateOnly lodgedOn) =>
        [
            .. d.Parties.Select(p =>
            {
                var partners = new List<PartnerRecord>();
                if (Taiwan.TryGetValue(p.Tin, out var tw))
                {
                    partners.Add(tw);
                }

                if (Vietnam.TryGetValue(p.Tin, out var vn))
                {
                    partners.Add(vn);
                }

                var answer = Recognition.Recognise(
                    p.Tin,
                    lodged,
                    lodgedOn,
                    Local.TryGetValue(p.Tin, out var l) ? l : [],
                    partners,
                    Selectivity.OperatorRoleFor(p.Role, d.Mode)
                );
                return new PartyStanding(p.Role, p.Tin, answer.Result, answer.Mra, answer.Partner);
            }),
        ];

    public static DateOnly LocalDay(DateTimeOffset at, string zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);

    /// <summary>Generates and decides traffic lodged from October 2025 to March 2026 (across the MRA's entry into force).</summary>
    public List<(
        GeneratedDeclaration Declaration,
        LaneDecision Decision,
        IReadOnlyList<PartyStanding> Standings,
        DateOnly LodgedOn
    )> Decide(int count, long seed, long drawSeed = 42)
    {
        var policy = Policy(drawSeed);
        return
        [
            .. TrafficGenerator
                .Generate(Population, seed, count, Utc("2025-10-01T00:00:00Z"), Utc("2026-04-01T00:00:00Z"))
                .Select(g =>
                {
                    var day = LocalDay(g.LodgedAt, g.Details.OfficeTimeZone);
                    var standings = Standings(g.Details, g.LodgedAt, day);
                    return (g, Selectivity.Decide(g.Details, day, standings, null, policy), standings, day);
                }),
        ];
    }
}
