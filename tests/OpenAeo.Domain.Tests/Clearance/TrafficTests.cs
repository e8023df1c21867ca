using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.Clearance;

/// <summary>The synthetic traffic the demo and <c>declarations generate</c> are made of.</summary>
public class Generated_traffic
{
    private static readonly TrafficPopulation Taipei = new(
        "TW",
        [new Trader(ParseTin("TW10000001"), 10), new Trader(ParseTin("TW10000002"), 1)],
        [ParseTin("TW20000001")],
        [ParseTin("TW30000001")],
        [],
        [],
        [ParseTin("JP1000000001"), ParseTin("JP1000000002"), ParseTin("KR1234567890")],
        ["CN", "JP", "KR", "PE", "US"],
        [
            new Office(
                "TWKEL1",
                "Asia/Taipei",
                [TransportMode.Sea, TransportMode.Air, TransportMode.Express, TransportMode.Land, TransportMode.Post]
            ),
        ]
    );

    private static readonly DateTimeOffset From = Utc("2026-01-01T00:00:00Z");

    private static List<GeneratedDeclaration> Traffic(int count = 20_000, string? prefix = null) =>
        [
            .. prefix is null
                ? TrafficGenerator.Generate(Taipei, 5, count, From, From.AddDays(70))
                : TrafficGenerator.Generate(Taipei, 5, count, From, From.AddDays(70), prefix),
        ];

    [Fact]
    public void References_carry_their_prefix_so_traffic_generated_for_different_purposes_never_shares_an_id()
    {
        Traffic(3).Select(g => g.Details.Reference).ShouldBe(["G5-00000001", "G5-00000002", "G5-00000003"]);
        Traffic(3, "DEMO-").Select(g => g.Details.Reference).ShouldBe(["DEMO-00000001", "DEMO-00000002", "DEMO-00000003"]);
        Traffic(3, "DEMO-")
            .Select(g => g.LodgedAt)
            .ShouldBe(Traffic(3).Select(g => g.LodgedAt), "the prefix changes the ids, not the traffic");
    }

    [Fact]
    public void Most_declarations_are_lodged_in_office_hours_on_working_days_in_the_offices_time_zone()
    {
        var taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
        var local = Traffic().Select(g => TimeZoneInfo.ConvertTime(g.LodgedAt, taipei)).ToList();

        var officeHours =
            local.Count(t => t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && t.Hour is >= 8 and < 18) / (double)local.Count;
        var weekend = local.Count(t => t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) / (double)local.Count;
        officeHours.ShouldBeGreaterThan(0.6);
        weekend.ShouldBeInRange(0.02, 0.15);
        local.Count(t => t.Hour < 6).ShouldBeGreaterThan(0, "some brokers lodge at night");
        local.ShouldAllBe(t => t >= From && t < From.AddDays(70));
        local.ShouldAllBe(t => t.UtcTicks % TimeSpan.TicksPerSecond == 0);
    }

    [Fact]
    public void Origins_follow_their_weight_in_trade_and_known_consignors_are_drawn_from_their_own_economy()
    {
        var traffic = Traffic();
        var byOrigin = traffic.GroupBy(g => g.Details.OriginEconomy).ToDictionary(g => g.Key, g => g.Count() / (double)traffic.Count);
        var total = new[] { "CN", "JP", "KR", "PE", "US" }.Sum(o => TrafficGenerator.OriginWeights[o]);

        foreach (var (origin, share) in byOrigin)
        {
            share.ShouldBe(TrafficGenerator.OriginWeights[origin] / total, 0.02, origin);
        }

        traffic.ShouldAllBe(g => g.Details.ForeignConsignor!.Tin.Economy == g.Details.OriginEconomy);
        var fromJapan = traffic.Where(g => g.Details.OriginEconomy == "JP").ToList();
        var known =
            fromJapan.Count(g => g.Details.ForeignConsignor!.Tin.Value is "JP1000000001" or "JP1000000002") / (double)fromJapan.Count;
        known.ShouldBe(TrafficGenerator.KnownConsignorShare, 0.03);
        traffic
            .Where(g => g.Details.OriginEconomy == "CN")
            .ShouldAllBe(
                g => g.Details.ForeignConsignor!.Tin.Value.StartsWith("CNX", StringComparison.Ordinal),
                "no firm of that origin is known, so every consignor from there is unknown"
            );
    }
}
