using BenchmarkDotNet.Attributes;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Benchmarks.Clearance;

/// <summary>
/// Lane decisions in-process, on one thread (so the figure is per core): 10,000 generated import declarations with
/// six risk rules, two agencies and the default profile. "Selectivity" decides from ready standings; "Recognition +
/// selectivity" first recognises every party (local register and partners' replicas, MRA dates) as an import does.
/// Decisions per second = 10,000 / Mean.
/// </summary>
[MemoryDiagnoser]
public class LaneDecisionBenchmarks
{
    private const int Count = 10_000;
    private static readonly DateTimeOffset From = new(2025, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<(
        DeclarationDetails Details,
        DateTimeOffset Lodged,
        DateOnly Day,
        IReadOnlyList<PartyStanding> Standings
    )> declarations = [];
    private readonly Dictionary<Tin, IReadOnlyList<StatusEntry>> local = [];
    private readonly Dictionary<Tin, PartnerRecord[]> partners = [];
    private SelectivityPolicy policy = default!;

    [GlobalSetup]
    public void Setup()
    {
        var mra = new MraTerms(
            "MRA-TW-JP",
            ["TW", "JP"],
            new DateOnly(2025, 9, 1),
            new DateOnly(2026, 1, 1),
            null,
            null,
            OperatorRoles.None,
            []
        );
        var importers = Enumerable.Range(1, 200).Select(i => new Trader(Tin.Parse($"JP{i:D8}").Value, i <= 20 ? 20 : 1)).ToList();
        var taiwan = Enumerable.Range(1, 40).Select(i => Tin.Parse($"TW{i:D8}").Value).ToList();
        StatusEntry Granted(Tin tin, string economy, OperatorRoles roles) =>
            new(
                0,
                tin,
                "Bench Co",
                economy,
                economy,
                null,
                roles,
                "C-1",
                StatusEvent.Granted,
                new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
                new DateOnly(2024, 1, 1),
                null,
                new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)
            );
        foreach (var importer in importers.Where((_, i) => i % 10 < 3))
        {
            local[importer.Tin] = [Granted(importer.Tin, "JP", OperatorRoles.Importer)];
        }

        foreach (var tin in taiwan)
        {
            partners[tin] = [new PartnerRecord("TW", mra, 500, [Granted(tin, "TW", OperatorRoles.Exporter)])];
        }

        var population = new TrafficPopulation(
            "JP",
            importers,
            [Tin.Parse("JP90000001").Value],
            [Tin.Parse("JP91000001").Value],
            [Tin.Parse("JP92000001").Value],
            [],
            taiwan,
            ["TW", "VN", "US", "CN", "TH"],
            [
                new Office(
                    "JPTYO1",
                    "Asia/Tokyo",
                    [TransportMode.Sea, TransportMode.Air, TransportMode.Express, TransportMode.Land, TransportMode.Post]
                ),
            ]
        );
        RiskRule Rule(string id, int score, RuleConditions when, Lane? force = null) =>
            new(id, 1, id, when, score, force, new DateOnly(2020, 1, 1), null);
        policy = new SelectivityPolicy(
            SelectivityProfile.Default,
            [
                Rule(
                    "NOT-AEO",
                    20,
                    RuleConditions.Always with
                    {
                        ImporterStatus = [RecognitionResult.Unknown, RecognitionResult.NotAeo, RecognitionResult.KnownForeignAeo],
                    }
                ),
                Rule(
                    "CONSIGNOR",
                    15,
                    RuleConditions.Always with
                    {
                        ConsignorStatus = [RecognitionResult.Unknown, RecognitionResult.NotAeo],
                    }
                ),
                Rule(
                    "ELECTRONICS",
                    30,
                    RuleConditions.Always with
                    {
                        HsCodes = [new("8471", "8473"), new("8517", "8517")],
                        MinValue = 20_000,
                    }
                ),
                Rule("COUNTERFEIT", 25, RuleConditions.Always with { HsCodes = [new("3004", "3004"), new("3304", "3304")] }),
                Rule("ORIGIN", 25, RuleConditions.Always with { Origins = ["CN", "TH"] }),
                Rule("AMMO", 0, RuleConditions.Always with { HsCodes = [new("93", "93")] }, Lane.Red),
            ],
            new Dictionary<string, Agency>
            {
                ["FDA"] = new(
                    "FDA",
                    "Food and Drug",
                    [new(AgencyBenefitFamily.RecognitionOfAeoStandards, "x"), new(AgencyBenefitFamily.FewerInspectionsPriorityFees, "y")],
                    0.25
                ),
                ["PQ"] = new("PQ", "Plant Quarantine", [], 1),
            },
            [new(1, "FDA", new HsRange("3004", "3004"), true, true, 0.2), new(2, "PQ", new HsRange("06", "08"), true, false, 0.3)],
            42
        );
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        foreach (var g in TrafficGenerator.Generate(population, 7, Count, From, From.AddDays(180)))
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(g.LodgedAt, zone).DateTime);
            declarations.Add((g.Details, g.LodgedAt, day, Recognise(g.Details, g.LodgedAt, day)));
        }
    }

    private List<PartyStanding> Recognise(DeclarationDetails d, DateTimeOffset at, DateOnly day)
    {
        var standings = new List<PartyStanding>(d.Parties.Count);
        foreach (var p in d.Parties)
        {
            var answer = Recognition.Recognise(
                p.Tin,
                at,
                day,
                local.TryGetValue(p.Tin, out var l) ? l : [],
                partners.TryGetValue(p.Tin, out var f) ? f : [],
                OpenAeo.Domain.Clearance.Selectivity.OperatorRoleFor(p.Role, d.Mode)
            );
            standings.Add(new PartyStanding(p.Role, p.Tin, answer.Result, answer.Mra, answer.Partner));
        }

        return standings;
    }

    [Benchmark(Description = "Selectivity.Decide x10,000")]
    public int DecideOnly()
    {
        var red = 0;
        foreach (var (details, _, day, standings) in declarations)
        {
            red += OpenAeo.Domain.Clearance.Selectivity.Decide(details, day, standings, null, policy).Lane == Lane.Red ? 1 : 0;
        }

        return red;
    }

    [Benchmark(Baseline = true, Description = "Recognition + Selectivity.Decide x10,000")]
    public int RecognitionAndSelectivity()
    {
        var red = 0;
        foreach (var (details, lodged, day, _) in declarations)
        {
            red +=
                OpenAeo.Domain.Clearance.Selectivity.Decide(details, day, Recognise(details, lodged, day), null, policy).Lane == Lane.Red
                    ? 1
                    : 0;
        }

        return red;
    }
}
