using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Clearance;

public class The_ecommerce_lane
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly EcommerceSettings Lane150 = new(true, 150m, MerchantCondition.LinkedAndCertified, true);

    private static EcommerceFacts Facts(
        decimal value = 80m,
        bool platformAeo = true,
        bool linked = true,
        bool merchantAeo = true,
        bool isReturn = false
    ) => new("TW00000077", platformAeo, "TW00000088", linked, merchantAeo, value, isReturn);

    private static DeclarationDetails Parcel(decimal value, string hs = "84713000", string reference = "E-1") =>
        new(
            reference,
            DeclarationType.Import,
            TransportMode.Air,
            "CN",
            "TW",
            "TWTPE1",
            "Asia/Taipei",
            [new(PartyRole.Importer, ParseTin("TW00000088")), new(PartyRole.Consignor, ParseTin("CN00000001"))],
            [new(1, hs, value)],
            value,
            false
        );

    private static SelectivityPolicy NoRandom(IReadOnlyList<RiskRule> rules, string reference = "E-1")
    {
        var seed = Enumerable
            .Range(1, 1000)
            .First(s =>
                Draw.Uniform(s, reference, "customs") > 0.5
                && Draw.Uniform(s, reference, "agency:FDA") > 0.5
                && Draw.Uniform(s, reference, "agency:QUARANTINE") > 0.5
            );
        return new SelectivityPolicy(SelectivityProfile.Default, rules, ClearanceWorld.Agencies, ClearanceWorld.Controls, seed);
    }

    private static IReadOnlyList<PartyStanding> Unknown() =>
        [
            new(PartyRole.Importer, ParseTin("TW00000088"), RecognitionResult.Unknown),
            new(PartyRole.Consignor, ParseTin("CN00000001"), RecognitionResult.Unknown),
        ];

    [Fact]
    public void A_certified_merchant_of_an_aeo_platform_takes_the_low_value_lane_up_to_the_threshold_inclusive()
    {
        EcommerceLane.Decide(Facts(150m), Lane150)!.LowValueLane.ShouldBeTrue();
        var above = EcommerceLane.Decide(Facts(150.01m), Lane150)!;
        above.LowValueLane.ShouldBeFalse();
        above.Explanation.ShouldContain("above 150");
    }

    [Theory]
    [InlineData(false, true, true, "holds no valid AEO certificate")]
    [InlineData(true, false, true, "is not registered as a merchant")]
    [InlineData(true, true, false, "certified merchants")]
    public void No_benefit_without_an_aeo_platform_a_linked_merchant_and_by_default_a_certified_one(
        bool platformAeo,
        bool linked,
        bool merchantAeo,
        string why
    )
    {
        var benefit = EcommerceLane.Decide(Facts(platformAeo: platformAeo, linked: linked, merchantAeo: merchantAeo), Lane150)!;

        benefit.LowValueLane.ShouldBeFalse();
        benefit.SimplifiedReturn.ShouldBeFalse();
        benefit.Explanation.ShouldContain(why);
    }

    [Fact]
    public void A_programme_may_give_it_to_every_linked_merchant_of_an_aeo_platform()
    {
        EcommerceLane.Decide(Facts(merchantAeo: false), Lane150 with { Merchants = MerchantCondition.Linked })!.LowValueLane.ShouldBeTrue();
    }

    [Fact]
    public void Nothing_is_considered_without_a_platform_on_the_declaration_or_with_the_benefits_off()
    {
        EcommerceLane.Decide(Facts() with { PlatformTin = null }, Lane150).ShouldBeNull();
        EcommerceLane.Decide(Facts(), EcommerceSettings.Off).ShouldBeNull();
        EcommerceLane.Decide(null, Lane150).ShouldBeNull();
    }

    [Fact]
    public void A_return_is_simplified_when_the_programme_grants_it()
    {
        EcommerceLane.Decide(Facts(isReturn: true), Lane150)!.SimplifiedReturn.ShouldBeTrue();
        EcommerceLane.Decide(Facts(isReturn: true), Lane150 with { SimplifiedReturns = false })!.SimplifiedReturn.ShouldBeFalse();
    }

    [Fact]
    public void The_settings_need_a_positive_threshold_when_the_lane_is_on()
    {
        EcommerceSettings
            .Validate(Lane150 with { LowValueThreshold = 0 })
            .Errors.ShouldHaveSingleItem()
            .Field.ShouldBe("lowValueThreshold");
        EcommerceSettings.Validate(EcommerceSettings.Off).IsOk.ShouldBeTrue();
    }

    [Fact]
    public void Selectivity_lowers_a_score_lane_to_blue_and_says_why_to_the_trader()
    {
        var rule = new RiskRule(
            "ORIGIN-CN",
            1,
            "Origin watch",
            RuleConditions.Always with
            {
                Origins = ["CN"],
            },
            50,
            null,
            Day.AddYears(-1),
            null
        );
        var benefit = EcommerceLane.Decide(Facts(), Lane150);

        var without = Selectivity.Decide(Parcel(80m), Day, Unknown(), null, NoRandom([rule]));
        var with = Selectivity.Decide(Parcel(80m), Day, Unknown(), null, NoRandom([rule]), benefit);

        without.Lane.ShouldBe(Lane.Yellow);
        with.Lane.ShouldBe(Lane.Blue);
        with.Causes.ShouldBe([LaneCause.EcommerceLowValueLane]);
        with.ForTrader().ShouldContain(benefit!.Explanation);
    }

    [Fact]
    public void A_forced_lane_and_a_green_score_are_left_as_they_are()
    {
        var forced = new RiskRule(
            "FORCE",
            1,
            "Forced",
            RuleConditions.Always with
            {
                Origins = ["CN"],
            },
            0,
            Lane.Red,
            Day.AddYears(-1),
            null
        );
        var benefit = EcommerceLane.Decide(Facts(), Lane150);

        Selectivity.Decide(Parcel(80m), Day, Unknown(), null, NoRandom([forced]), benefit).Lane.ShouldBe(Lane.Red);
        Selectivity.Decide(Parcel(80m), Day, Unknown(), null, NoRandom([]), benefit).Lane.ShouldBe(Lane.Green);
    }
}
