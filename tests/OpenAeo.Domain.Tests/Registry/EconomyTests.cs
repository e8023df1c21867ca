using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

public class Creating_an_economy
{
    [Fact]
    public void Code_and_name_are_normalised()
    {
        var economy = Succeeded(Economy.Create(" nz ", "  New Zealand ", EconomyKind.Economy, apecMember: true, source: "report"));

        economy.Code.ShouldBe("NZ");
        economy.Name.ShouldBe("New Zealand");
        economy.Kind.ShouldBe(EconomyKind.Economy);
        economy.ApecMember.ShouldBeTrue();
        economy.Members.ShouldBeEmpty();
        economy.Source.ShouldBe("report");
    }

    [Fact]
    public void Rows_users_add_have_no_source_and_are_not_apec_members()
    {
        var economy = Succeeded(Economy.Create("CO", "Colombia", EconomyKind.Economy));

        economy.ApecMember.ShouldBeFalse();
        economy.Source.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("N")]
    [InlineData("NZL")]
    [InlineData("1Z")]
    [InlineData("N-")]
    public void An_economy_code_must_be_two_letters(string code)
    {
        var error = SingleError(Economy.Create(code, "Somewhere", EconomyKind.Economy));

        error.Code.ShouldBe("economy.code");
        error.Field.ShouldBe("code");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_name_is_rejected(string name)
    {
        SingleError(Economy.Create("NZ", name, EconomyKind.Economy)).Code.ShouldBe("economy.name");
    }

    [Fact]
    public void Names_may_have_200_characters_but_not_201()
    {
        Economy.Create("NZ", new string('n', 200), EconomyKind.Economy).IsOk.ShouldBeTrue();
        SingleError(Economy.Create("NZ", new string('n', 201), EconomyKind.Economy)).Code.ShouldBe("economy.name");
    }

    [Fact]
    public void An_economy_has_no_members()
    {
        SingleError(Economy.Create("NZ", "New Zealand", EconomyKind.Economy, members: ["AU", "US"])).Code.ShouldBe("economy.members");
    }

    [Fact]
    public void All_errors_are_reported_together()
    {
        var result = Economy.Create("NZL", "", EconomyKind.Economy, members: ["AU", "US"]);

        result.Errors.Select(e => e.Code).ShouldBe(["economy.code", "economy.name", "economy.members"], ignoreOrder: true);
    }
}

public class Creating_a_bloc
{
    [Fact]
    public void A_bloc_keeps_its_normalised_members()
    {
        var bloc = Succeeded(Economy.Create("pacificalliance", "Pacific Alliance", EconomyKind.Bloc, members: [" cl", "CO", "mx ", "PE"]));

        bloc.Code.ShouldBe("PACIFICALLIANCE");
        bloc.Kind.ShouldBe(EconomyKind.Bloc);
        bloc.Members.ShouldBe(["CL", "CO", "MX", "PE"]);
    }

    [Fact]
    public void Duplicate_members_are_merged()
    {
        var bloc = Succeeded(Economy.Create("DUO", "Duo", EconomyKind.Bloc, members: ["CL", "cl", "MX"]));

        bloc.Members.ShouldBe(["CL", "MX"]);
    }

    [Fact]
    public void A_bloc_needs_two_different_members()
    {
        var result = Economy.Create("DUO", "Duo", EconomyKind.Bloc, members: ["CL", "cl"]);

        result.IsOk.ShouldBeFalse();
        result.Errors.ShouldContain(e => e.Code == "economy.members");
    }

    [Theory]
    [InlineData("EU")]
    [InlineData("AB")]
    [InlineData("PAC-ALL")]
    [InlineData("BLOC1")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU")]
    public void A_bloc_code_is_3_to_20_capital_letters(string code)
    {
        SingleError(Economy.Create(code, "Bloc", EconomyKind.Bloc, members: ["AR", "BR"])).Code.ShouldBe("economy.code");
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("ABCDEFGHIJKLMNOPQRST")]
    public void Bloc_codes_of_3_and_20_letters_are_accepted(string code)
    {
        Economy.Create(code, "Bloc", EconomyKind.Bloc, members: ["AR", "BR"]).IsOk.ShouldBeTrue();
    }

    [Fact]
    public void A_bloc_needs_at_least_two_members()
    {
        SingleError(Economy.Create("SOLO", "Solo", EconomyKind.Bloc, members: ["AR"])).Code.ShouldBe("economy.members");
        SingleError(Economy.Create("NONE", "None", EconomyKind.Bloc)).Code.ShouldBe("economy.members");
    }

    [Fact]
    public void Members_are_named_by_two_letter_codes()
    {
        var error = SingleError(Economy.Create("MERCOSUR", "Mercosur", EconomyKind.Bloc, members: ["ARG", "BR"]));

        error.Code.ShouldBe("economy.members");
        error.Field.ShouldBe("members");
    }
}

public class Renaming_an_economy
{
    [Fact]
    public void A_new_name_is_trimmed()
    {
        var economy = Succeeded(Economy.Create("HK", "Hong Kong", EconomyKind.Economy));

        economy.Rename("  Hong Kong, China ");

        economy.Name.ShouldBe("Hong Kong, China");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_name_keeps_the_old_one(string name)
    {
        var economy = Succeeded(Economy.Create("HK", "Hong Kong, China", EconomyKind.Economy));

        economy.Rename(name);

        economy.Name.ShouldBe("Hong Kong, China");
    }
}

public class Economy_codes
{
    [Theory]
    [InlineData("NZ", true)]
    [InlineData("nz", false)]
    [InlineData("N", false)]
    [InlineData("NZL", false)]
    [InlineData("N1", false)]
    [InlineData("", false)]
    [InlineData("ÑZ", false)]
    public void An_economy_code_is_exactly_two_ascii_capital_letters(string code, bool expected)
    {
        Economy.IsEconomyCode(code).ShouldBe(expected);
    }
}
