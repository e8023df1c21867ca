using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

public class Tin_parsing_normalises_input
{
    [Theory]
    [InlineData(" tw-1234 5678 ", "TW12345678")]
    [InlineData("nz123abc", "NZ123ABC")]
    [InlineData("Us-9a8B", "US9A8B")]
    [InlineData("AU.12/34.56", "AU123456")]
    [InlineData("AU\t99\t01", "AU9901")]
    [InlineData("TW12345678", "TW12345678")]
    public void Separators_are_removed_and_letters_upper_cased(string input, string expected)
    {
        var result = Tin.Parse(input);

        result.IsOk.ShouldBeTrue();
        result.Value.Value.ShouldBe(expected);
    }

    [Fact]
    public void Fifteen_national_characters_are_accepted()
    {
        var result = Tin.Parse("TW" + new string('9', Tin.MaxNationalLength));

        result.IsOk.ShouldBeTrue();
        result.Value.Value.Length.ShouldBe(17);
    }

    [Fact]
    public void Separators_do_not_count_towards_the_length()
    {
        var result = Tin.Parse("TW-12345 12345 12345");

        result.IsOk.ShouldBeTrue();
        result.Value.Value.ShouldBe("TW123451234512345");
    }

    [Fact]
    public void One_national_character_is_the_minimum()
    {
        Tin.Parse("TW1").Value.Value.ShouldBe("TW1");
    }

    [Theory]
    [InlineData("tw-1234 5678", "TW")]
    [InlineData("nz 42", "NZ")]
    [InlineData("us1", "US")]
    public void Economy_is_the_upper_case_two_letter_prefix(string input, string economy)
    {
        Tin.Parse(input).Value.Economy.ShouldBe(economy);
    }

    [Fact]
    public void ToString_is_the_normalised_value()
    {
        Tin.Parse(" nz-12 34 ").Value.ToString().ShouldBe("NZ1234");
    }

    [Fact]
    public void Differently_written_inputs_for_the_same_number_are_equal()
    {
        Tin.Parse("nz-12.34").Value.ShouldBe(Tin.Parse("NZ 1234").Value);
    }

    [Fact]
    public void Trusted_values_are_kept_as_stored()
    {
        var tin = Tin.FromTrusted("TW12345678");

        tin.Value.ShouldBe("TW12345678");
        tin.Economy.ShouldBe("TW");
    }
}

public class Tin_parsing_rejects_malformed_input
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void Empty_input_is_rejected_as_empty(string? input)
    {
        var error = SingleError(Tin.Parse(input));

        error.Code.ShouldBe("tin.empty");
        error.Field.ShouldBe("tin");
    }

    [Fact]
    public void Very_long_input_is_rejected_before_it_is_read()
    {
        var error = SingleError(Tin.Parse("TW" + new string('1', 10_000_000)));

        error.Code.ShouldBe("tin.length");
    }

    [Fact]
    public void Sixteen_national_characters_are_too_long()
    {
        var error = SingleError(Tin.Parse("TW" + new string('9', Tin.MaxNationalLength + 1)));

        error.Code.ShouldBe("tin.length");
        error.Message.ShouldContain("16");
    }

    [Theory]
    [InlineData("TW")]
    [InlineData("tw")]
    [InlineData("T")]
    [InlineData("T-W")]
    [InlineData(" - / . ")]
    public void Fewer_than_three_characters_after_normalising_is_too_short(string input)
    {
        SingleError(Tin.Parse(input)).Code.ShouldBe("tin.length");
    }

    [Theory]
    [InlineData("1W123", "1W")]
    [InlineData("T1234", "T1")]
    [InlineData("12345", "12")]
    public void A_prefix_that_is_not_two_letters_is_rejected(string input, string prefix)
    {
        var error = SingleError(Tin.Parse(input));

        error.Code.ShouldBe("tin.prefix");
        error.Message.ShouldContain($"'{prefix}'");
    }

    [Theory]
    [InlineData("TW12#4", '#')]
    [InlineData("TW12_4", '_')]
    [InlineData("NZ12,4", ',')]
    [InlineData("NZ12\n4", '\n')]
    [InlineData("NZ12é4", 'é')]
    [InlineData("ÑZ124", 'Ñ')]
    public void A_character_other_than_ascii_letters_digits_and_separators_is_rejected_and_named(string input, char offending)
    {
        var error = SingleError(Tin.Parse(input));

        error.Code.ShouldBe("tin.character");
        error.Message.ShouldContain($"'{offending}'");
    }
}
