using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

/// <summary>A programme's e-commerce benefits (ADR 0043): settings, their catalogue lines, and who keeps a platform's merchants.</summary>
public class A_programmes_ecommerce_benefits
{
    private static readonly EcommerceSettings Lane = new(true, 2_000m, MerchantCondition.LinkedAndCertified, false);

    private static Programme NewProgramme() => Succeeded(Programme.Create(ValidProgramme()));

    [Fact]
    public void Are_off_by_default_and_on_with_a_threshold_in_a_currency()
    {
        var p = NewProgramme();
        p.GrantsEcommerceBenefits.ShouldBeFalse();
        p.Ecommerce.ShouldBe(EcommerceSettings.Off);

        p.ChangeEcommerce(Lane, "twd").ShouldBeEmpty();

        p.Ecommerce.ShouldBe(Lane);
        p.EcommerceCurrency.ShouldBe("TWD");
        p.GrantsEcommerceBenefits.ShouldBeTrue();
    }

    [Theory]
    [InlineData(0, "TWD", "ecommerceThreshold")]
    [InlineData(2000, null, "ecommerceCurrency")]
    [InlineData(2000, "TW$", "ecommerceCurrency")]
    public void Refuse_a_lane_without_a_threshold_above_zero_or_its_currency_and_change_nothing(
        int threshold,
        string? currency,
        string field
    )
    {
        var p = NewProgramme();

        p.ChangeEcommerce(Lane with { LowValueThreshold = threshold }, currency).ShouldHaveSingleItem().Field.ShouldBe(field);
        p.Ecommerce.ShouldBe(EcommerceSettings.Off);
    }

    [Fact]
    public void Put_a_line_in_the_benefits_catalogue_for_each_benefit_turned_on()
    {
        var p = NewProgramme();
        BenefitText[] words = [new("en", "Title", "Words")];
        EcommerceCatalogue.Entries(p, words, words).ShouldBeEmpty();

        p.ChangeEcommerce(Lane with { SimplifiedReturns = true }, "TWD").ShouldBeEmpty();
        var entries = EcommerceCatalogue.Entries(p, words, words).ToList();

        entries.Select(e => e.Key).ShouldBe([EcommerceCatalogue.LaneKey, EcommerceCatalogue.ReturnsKey]);
        entries[0].Automatic.ShouldBeTrue();
        entries[0].AppliesTo(OperatorRoles.EcommerceMerchant, null).ShouldBeTrue();
        entries[0].AppliesTo(OperatorRoles.SeaCarrier, null).ShouldBeFalse();
        entries[1].Automatic.ShouldBeFalse();
    }

    [Fact]
    public void A_platforms_merchants_are_kept_by_the_platform_or_the_programme_office()
    {
        var platform = ParseTin("TW00000077");

        MerchantLinkRules.MayChange(Role.Trader, "TW00000077", platform).ShouldBeTrue();
        MerchantLinkRules.MayChange(Role.Trader, "TW00000088", platform).ShouldBeFalse();
        MerchantLinkRules.MayChange(Role.ProgrammeOfficer, null, platform).ShouldBeTrue();
        MerchantLinkRules.MayChange(Role.BorderOfficer, null, platform).ShouldBeFalse();
    }

    [Fact]
    public void A_merchant_is_linked_once_to_a_registered_platform_and_is_registered_itself()
    {
        var platform = RegisteredOperator("TW00000077", ValidDetails with { EconomyCode = "TW", Roles = OperatorRoles.EcommercePlatform });
        var merchant = RegisteredOperator(
            "TW00000088",
            ValidDetails with
            {
                EconomyCode = "TW",
                Roles = OperatorRoles.EcommerceMerchant | OperatorRoles.Importer,
            }
        );
        var shop = RegisteredOperator("TW00000099", ValidDetails with { EconomyCode = "TW", Roles = OperatorRoles.Importer });

        MerchantLinkRules.CheckLink(platform, merchant.Tin, merchant, linked: false).ShouldBeEmpty();
        MerchantLinkRules
            .CheckLink(platform, merchant.Tin, merchant, linked: true)
            .ShouldHaveSingleItem()
            .Code.ShouldBe("merchant-link.exists");
        MerchantLinkRules.CheckLink(platform, merchant.Tin, null, linked: false).ShouldHaveSingleItem().Field.ShouldBe("merchantTin");
        MerchantLinkRules
            .CheckLink(platform, platform.Tin, platform, linked: false)
            .ShouldHaveSingleItem()
            .Code.ShouldBe("merchant-link.self");
        MerchantLinkRules
            .CheckLink(shop, merchant.Tin, merchant, linked: false)
            .ShouldHaveSingleItem()
            .Code.ShouldBe("merchant-link.status");
    }
}
