using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Tests.Registry;

public class Sme_classification_by_employees
{
    private static readonly SmeDefinition NewZealand = new(EmployeeCap: 20);

    [Theory]
    [InlineData(0, SmeClass.Sme)]
    [InlineData(1, SmeClass.Sme)]
    [InlineData(19, SmeClass.Sme)]
    [InlineData(20, SmeClass.Large)]
    [InlineData(21, SmeClass.Large)]
    [InlineData(5000, SmeClass.Large)]
    public void Fewer_employees_than_the_cap_is_an_sme_and_the_cap_itself_is_large(int employees, SmeClass expected)
    {
        NewZealand.Classify(employees, turnover: null).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1.0)]
    [InlineData(1e12)]
    public void Undeclared_employees_is_unknown_whatever_the_turnover(double? turnover)
    {
        var withTurnoverCap = new SmeDefinition(250, 50_000_000m, "MYR");

        withTurnoverCap.Classify(employees: null, (decimal?)turnover).ShouldBe(SmeClass.Unknown);
        NewZealand.Classify(employees: null, (decimal?)turnover).ShouldBe(SmeClass.Unknown);
    }

    [Fact]
    public void Without_a_turnover_cap_turnover_does_not_matter()
    {
        NewZealand.Classify(5, 999_999_999_999m).ShouldBe(SmeClass.Sme);
    }
}

public class Sme_classification_by_turnover
{
    private static readonly SmeDefinition Capped = new(EmployeeCap: 250, TurnoverCap: 50_000_000m, Currency: "MYR");

    [Theory]
    [InlineData("49999999", SmeClass.Sme)]
    [InlineData("50000000", SmeClass.Sme)]
    [InlineData("50000000.01", SmeClass.Large)]
    [InlineData("80000000", SmeClass.Large)]
    public void Turnover_at_or_under_the_cap_is_an_sme_and_over_it_is_large(string turnover, SmeClass expected)
    {
        Capped.Classify(10, decimal.Parse(turnover, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);
    }

    [Fact]
    public void The_turnover_cap_applies_only_when_turnover_is_declared()
    {
        Capped.Classify(10, turnover: null).ShouldBe(SmeClass.Sme);
    }

    [Fact]
    public void A_low_turnover_does_not_make_a_large_workforce_an_sme()
    {
        Capped.Classify(250, 1m).ShouldBe(SmeClass.Large);
    }
}

public class Sme_definition_text
{
    [Fact]
    public void Employee_only_definition_reads_as_a_strict_cap()
    {
        new SmeDefinition(20).ToString().ShouldBe("< 20 employees");
    }

    [Fact]
    public void Turnover_cap_is_shown_with_its_currency()
    {
        new SmeDefinition(250, 50m, "MYR").ToString().ShouldBe("< 250 employees and turnover ≤ 50 MYR");
    }
}
