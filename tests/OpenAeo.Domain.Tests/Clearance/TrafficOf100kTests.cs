using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;

namespace OpenAeo.Domain.Tests.Clearance;

/// <summary>One hundred thousand generated import declarations decided by selectivity (seeded), checked as a population.</summary>
public class Lanes_of_a_hundred_thousand_declarations
{
    private static readonly Lazy<
        List<(GeneratedDeclaration Declaration, LaneDecision Decision, IReadOnlyList<PartyStanding> Standings, DateOnly LodgedOn)>
    > Decided = new(() => new ClearanceWorld().Decide(100_000, seed: 2026));

    private static bool ImporterIsAeo(IReadOnlyList<PartyStanding> standings) =>
        standings.Single(s => s.Role == PartyRole.Importer).Status == RecognitionResult.LocalAeo;

    private static double RedShare(IEnumerable<LaneDecision> decisions)
    {
        var list = decisions.ToList();
        return (double)list.Count(d => d.Lane == Lane.Red) / list.Count;
    }

    [Fact]
    public void Aeo_importers_see_far_fewer_red_lanes_than_other_importers()
    {
        var aeo = Decided.Value.Where(x => ImporterIsAeo(x.Standings)).Select(x => x.Decision).ToList();
        var others = Decided.Value.Where(x => !ImporterIsAeo(x.Standings)).Select(x => x.Decision).ToList();

        aeo.Count.ShouldBeGreaterThan(10_000);
        others.Count.ShouldBeGreaterThan(10_000);
        RedShare(others).ShouldBeGreaterThan(0.08);
        RedShare(aeo).ShouldBeLessThan(RedShare(others) / 2);
    }

    [Fact]
    public void The_random_rate_is_honoured_for_aeos_and_everyone_else()
    {
        foreach (var aeoGroup in new[] { true, false })
        {
            var group = Decided.Value.Where(x => ImporterIsAeo(x.Standings) == aeoGroup).Select(x => x.Decision).ToList();
            var rate = SelectivityProfile.Default.RandomRate;
            var selected = (double)group.Count(d => d.Random.Selected) / group.Count;
            var tolerance = 4 * Math.Sqrt(rate * (1 - rate) / group.Count);

            selected.ShouldBe(rate, tolerance, $"AEO importers: {aeoGroup}");
            group
                .Where(d => d.Random.Selected)
                .ShouldAllBe(d => d.Lane >= SelectivityProfile.Default.RandomLane && d.Causes.Contains(LaneCause.Random));
        }
    }

    [Fact]
    public void A_consignor_recognised_under_the_mra_earns_the_credit_only_from_its_entry_into_force()
    {
        var world = new ClearanceWorld();
        var fromTaiwanAeos = Decided
            .Value.Where(x => x.Declaration.Details.ForeignConsignor is { } c && world.TaiwanAeos.Contains(c.Tin))
            .ToList();
        var before = fromTaiwanAeos.Where(x => x.LodgedOn < ClearanceWorld.MraInForce).ToList();
        var after = fromTaiwanAeos.Where(x => x.LodgedOn >= ClearanceWorld.MraInForce).ToList();

        before.Count.ShouldBeGreaterThan(1_000);
        after.Count.ShouldBeGreaterThan(1_000);
        before.ShouldAllBe(x => !x.Decision.Credits.Any(c => c.Kind == CreditKind.MraRecognition));
        before.ShouldAllBe(x => x.Standings.Single(s => s.Role == PartyRole.Consignor).Status == RecognitionResult.KnownForeignAeo);
        after.ShouldAllBe(x =>
            x.Decision.Credits.Any(c =>
                c.Kind == CreditKind.MraRecognition && c.Mra == "MRA-TW-JP" && c.Points == SelectivityProfile.Default.MraCredit
            )
        );
    }

    [Fact]
    public void A_status_known_only_through_data_sharing_earns_no_credit_but_is_noted()
    {
        var world = new ClearanceWorld();
        var fromVietnamAeos = Decided
            .Value.Where(x => x.Declaration.Details.ForeignConsignor is { } c && world.VietnamAeos.Contains(c.Tin))
            .ToList();

        fromVietnamAeos.Count.ShouldBeGreaterThan(1_000);
        fromVietnamAeos.ShouldAllBe(x =>
            x.Standings.Single(s => s.Role == PartyRole.Consignor).Status == RecognitionResult.KnownForeignAeo
        );
        fromVietnamAeos.ShouldAllBe(x =>
            !x.Decision.Credits.Any(c => c.Kind == CreditKind.MraRecognition || c.Role == PartyRole.Consignor)
        );
        fromVietnamAeos.ShouldAllBe(x => x.Decision.Notes.Any(n => n.Contains("risk information only", StringComparison.Ordinal)));

        // It still informs risk: the "consignor not known as an AEO" rule does not hit them.
        fromVietnamAeos.ShouldAllBe(x => !x.Decision.Rules.Any(r => r.RuleId == "CONSIGNOR"));
    }

    [Fact]
    public void Every_decision_carries_its_explanation()
    {
        foreach (var (_, d, _, _) in Decided.Value)
        {
            d.Random.Rate.ShouldBe(SelectivityProfile.Default.RandomRate);
            d.Random.Value.ShouldBeInRange(0, 1);
            d.Score.ShouldBe(d.Rules.Sum(r => r.Score) - d.Credits.Sum(c => c.Points));
            (d.Lane == Lane.Green ? d.Causes.Count == 0 : d.Causes.Count > 0).ShouldBeTrue();
            d.ForTrader().ShouldNotBeEmpty();
        }

        Decided.Value.Select(x => x.Decision.Lane).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void The_same_seed_gives_the_same_lanes_and_another_seed_other_draws()
    {
        var again = new ClearanceWorld().Decide(20_000, seed: 2026);
        var reseeded = new ClearanceWorld().Decide(20_000, seed: 2026, drawSeed: 43);

        again
            .Select(x => (x.Declaration.Details.Reference, x.Decision.Lane, x.Decision.Random.Value))
            .ShouldBe(Decided.Value.Take(20_000).Select(x => (x.Declaration.Details.Reference, x.Decision.Lane, x.Decision.Random.Value)));
        reseeded.Count(x => x.Decision.Random.Selected).ShouldBeGreaterThan(0);
        reseeded.Zip(again).Count(p => p.First.Decision.Random.Value == p.Second.Decision.Random.Value).ShouldBe(0);
    }
}
