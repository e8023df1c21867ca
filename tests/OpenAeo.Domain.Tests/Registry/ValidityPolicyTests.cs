using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

public class Fixed_validity_ends_the_day_before_the_anniversary
{
    [Theory]
    [InlineData(2, "2026-03-01", "2028-02-29")]
    [InlineData(2, "2026-03-02", "2028-03-01")]
    [InlineData(3, "2026-01-01", "2028-12-31")]
    [InlineData(1, "2025-06-15", "2026-06-14")]
    [InlineData(1, "2023-03-01", "2024-02-29")]
    public void Valid_until_is_n_years_later_less_one_day(int years, string validFrom, string expected)
    {
        new ValidityPolicy(years).ValidUntil(Day(validFrom)).ShouldBe(Day(expected));
    }

    [Fact]
    public void From_a_leap_day_the_anniversary_is_1_March_so_the_certificate_runs_to_28_February()
    {
        new ValidityPolicy(2).ValidUntil(Day("2024-02-29")).ShouldBe(Day("2026-02-28"));
        new ValidityPolicy(4).ValidUntil(Day("2024-02-29")).ShouldBe(Day("2028-02-28"));
    }

    [Fact]
    public void From_a_leap_day_to_another_leap_year_the_anniversary_is_29_February()
    {
        new ValidityPolicy(4).ValidUntil(Day("2024-02-29")).ShouldBe(Day("2028-02-28"));
    }
}

public class Indefinite_validity
{
    [Fact]
    public void Indefinite_has_no_end_date()
    {
        ValidityPolicy.Indefinite.IsIndefinite.ShouldBeTrue();
        ValidityPolicy.Indefinite.ValidUntil(Day("2026-03-01")).ShouldBeNull();
    }

    [Fact]
    public void A_policy_without_years_equals_indefinite()
    {
        new ValidityPolicy(null).ShouldBe(ValidityPolicy.Indefinite);
    }

    [Fact]
    public void A_policy_with_years_is_not_indefinite()
    {
        new ValidityPolicy(3).IsIndefinite.ShouldBeFalse();
    }
}

public class Validity_text
{
    [Theory]
    [InlineData(1, "1 year")]
    [InlineData(2, "2 years")]
    [InlineData(null, "Indefinite")]
    public void ToString_names_the_years_or_indefinite(int? years, string expected)
    {
        new ValidityPolicy(years).ToString().ShouldBe(expected);
    }
}

public class Sla_policy
{
    [Fact]
    public void Default_is_90_plus_30_business_days_and_60_for_smes()
    {
        SlaPolicy.Default.ShouldBe(new SlaPolicy(90, 30, 60));
    }

    [Fact]
    public void ToString_shows_all_three_limits()
    {
        new SlaPolicy(120, 20, 45).ToString().ShouldBe("120 + 20 business days (SME 45)");
    }
}
