using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.Clearance;

/// <summary>The facts of a declaration's e-commerce side (ADR 0043), read from the parties' standings on the lodgement's day.</summary>
public class The_ecommerce_facts
{
    private const string Platform = "TW00000077";
    private const string Merchant = "TW00000088";

    private static DeclarationDetails Parcel(bool withPlatform = true) =>
        new(
            "E-1",
            DeclarationType.Import,
            TransportMode.Post,
            "CN",
            "TW",
            "TWPST1",
            "Asia/Taipei",
            [
                new(PartyRole.Importer, ParseTin(Merchant)),
                new(PartyRole.Consignor, ParseTin("CN00000001")),
                .. withPlatform ? [new DeclarationParty(PartyRole.EcommercePlatform, ParseTin(Platform))] : Array.Empty<DeclarationParty>(),
            ],
            [new(1, "61091000", 120m)],
            120m,
            true
        );

    /// <summary>The platform's certificate, issued by a Taipei programme and valid to the end of 10 March 2026 there.</summary>
    private static readonly StatusEntry PlatformCertificate = Granted(7, Platform) with
    {
        ValidUntil = Day("2026-03-10"),
        TimeZone = "Asia/Taipei",
    };

    private static IReadOnlyList<PartyStanding> StandingsAt(DateTimeOffset at, RecognitionResult merchant = RecognitionResult.LocalAeo)
    {
        var taipei = OpenAeo.Domain.Shared.CalendarDays.DayOf(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei"));
        var platform = Recognition.Recognise(ParseTin(Platform), at, taipei, [PlatformCertificate], [], OperatorRoles.EcommercePlatform);
        return
        [
            new(PartyRole.Importer, ParseTin(Merchant), merchant),
            new(PartyRole.EcommercePlatform, ParseTin(Platform), platform.Result),
        ];
    }

    [Theory]
    [InlineData("2026-03-10T15:30:00Z", true)] // 23:30 on 10 March in Taipei: the last local day of the certificate
    [InlineData("2026-03-10T16:30:00Z", false)] // 00:30 on 11 March in Taipei, still 10 March in UTC: expired
    public void The_platform_is_an_aeo_on_the_lodgements_day_in_its_programmes_zone_not_the_utc_day(string at, bool platformIsAeo)
    {
        var facts = EcommerceLane.Facts(Parcel(), StandingsAt(Utc(at)), merchantLinked: true)!;

        facts.PlatformIsAeo.ShouldBe(platformIsAeo);
        facts.PlatformTin.ShouldBe(Platform);
        facts.MerchantTin.ShouldBe(Merchant);
        facts.DeclaredValue.ShouldBe(120m);
    }

    [Fact]
    public void The_merchant_is_the_principal_and_an_aeo_by_its_own_standing()
    {
        var at = Utc("2026-03-02T02:00:00Z");

        EcommerceLane
            .Facts(Parcel(), StandingsAt(at, RecognitionResult.LocalAeo), merchantLinked: false)!
            .ShouldSatisfyAllConditions(f => f.MerchantIsAeo.ShouldBeTrue(), f => f.MerchantLinked.ShouldBeFalse());
        EcommerceLane.Facts(Parcel(), StandingsAt(at, RecognitionResult.NotAeo), merchantLinked: true)!.MerchantIsAeo.ShouldBeFalse();
    }

    [Fact]
    public void A_declaration_naming_no_platform_has_no_ecommerce_facts()
    {
        EcommerceLane.Facts(Parcel(withPlatform: false), StandingsAt(Utc("2026-03-02T02:00:00Z")), merchantLinked: true).ShouldBeNull();
    }

    [Fact]
    public void The_platform_earns_no_party_credit_and_does_not_break_an_all_aeo_chain()
    {
        var policy = new SelectivityPolicy(
            SelectivityProfile.Default with
            {
                RandomRate = 0.001,
            },
            [],
            new Dictionary<string, Agency>(),
            [],
            1
        );
        var standings = StandingsAt(Utc("2026-03-02T02:00:00Z"));

        var decision = Selectivity.Decide(Parcel(), Day("2026-03-02"), standings, "Chain", policy);

        decision.Credits.ShouldNotContain(c => c.Role == PartyRole.EcommercePlatform);
        decision.Credits.ShouldContain(c => c.Kind == CreditKind.AllAeoSupplyChain);
        Selectivity.OperatorRoleFor(PartyRole.EcommercePlatform, TransportMode.Post).ShouldBe(OperatorRoles.EcommercePlatform);
    }

    [Fact]
    public void Generated_traffic_names_a_merchants_platform_on_its_ecommerce_parcels_only_and_draws_the_same_otherwise()
    {
        var population = new TrafficPopulation(
            "TW",
            [new Trader(ParseTin(Merchant), 5), new Trader(ParseTin("TW10000002"), 5)],
            [],
            [],
            [],
            [],
            [ParseTin("CN00000001")],
            ["CN", "JP"],
            [new Office("TWPST1", "Asia/Taipei", [TransportMode.Post, TransportMode.Express, TransportMode.Sea])]
        );
        var from = Utc("2026-01-01T00:00:00Z");
        var plain = TrafficGenerator.Generate(population, 5, 2_000, from, from.AddDays(30)).ToList();
        var withPlatform = TrafficGenerator
            .Generate(
                population with
                {
                    PlatformOf = new Dictionary<Tin, Tin> { [ParseTin(Merchant)] = ParseTin(Platform) },
                },
                5,
                2_000,
                from,
                from.AddDays(30)
            )
            .ToList();

        var named = withPlatform.Where(g => g.Details.Party(PartyRole.EcommercePlatform) is not null).ToList();
        named.ShouldNotBeEmpty();
        named.ShouldAllBe(g =>
            g.Details.LowValueEcommerce
            && g.Details.Principal!.Tin.Value == Merchant
            && g.Details.Party(PartyRole.EcommercePlatform)!.Tin.Value == Platform
        );
        withPlatform.Where(g => g.Details.LowValueEcommerce && g.Details.Principal!.Tin.Value == Merchant).Count().ShouldBe(named.Count);
        withPlatform
            .Select(g => (g.Details.Reference, g.Details.CustomsValue, g.LodgedAt))
            .ShouldBe(plain.Select(g => (g.Details.Reference, g.Details.CustomsValue, g.LodgedAt)));
    }
}
