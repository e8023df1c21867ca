using OpenAeo.Domain.MutualRecognition;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

/// <summary>
/// Examples from RFC 8785 §3.2.2 and §3.2.3, and from the test data of the RFC author's reference implementation
/// (github.com/cyberphone/json-canonicalization, testdata/input and testdata/output).
/// </summary>
public class Canonical_json_follows_rfc_8785
{
    private static string Canonical(string json)
    {
        var result = CanonicalJson.Canonicalize(Utf8(json));
        result.Errors.ShouldBeEmpty();
        return Text(result.Value!);
    }

    [Fact]
    public void The_rfc_sorting_example_orders_members_by_utf16_code_units()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        // U+1F600 is the surrogate pair D83D DE00, so it sorts before U+FB33 although its code point is larger.
        Canonical(input)
            .ShouldBe(
                "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                    + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                    + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}"
            );
    }

    [Fact]
    public void The_rfc_serialisation_example_escapes_strings_as_ecmascript_does()
    {
        // RFC 8785 §3.2.2 without its floating-point numbers, which the exchange does not carry.
        const string input = """
            {
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;

        var canonical = CanonicalJson.Canonicalize(Utf8(input)).Value!;

        Text(canonical).ShouldBe("{\"literals\":[null,true,false],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
        // The string's UTF-8 bytes as RFC 8785 §3.2.4 prints them.
        ToHex(canonical).ShouldContain("22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f22");
    }

    [Fact]
    public void The_reference_weird_names_sort_and_serialise_as_the_reference_output()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "1": "One",
              "\u0080": "Control\u007f",
              "\ud83d\ude02": "Smiley",
              "\u00f6": "Latin Small Letter O With Diaeresis",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "</script>": "Browser Challenge"
            }
            """;

        Canonical(input)
            .ShouldBe(
                "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u0080\":\"Control\u007f\","
                    + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😂\":\"Smiley\","
                    + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}"
            );
    }

    [Fact]
    public void The_reference_structures_sort_recursively_and_keep_array_order()
    {
        const string input = """
            {
              "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0},
              "10": { },
              "": "empty",
              "a": { },
              "111": [ { } ],
              "A": { }
            }
            """;

        Canonical(input)
            .ShouldBe("{\"\":\"empty\",\"1\":{\"\\n\":56,\"f\":{\"F\":5,\"f\":\"hi\"}},\"10\":{},\"111\":[{}],\"A\":{},\"a\":{}}");
    }

    [Fact]
    public void Sorting_ignores_the_locale()
    {
        const string input = """{ "peach": 1, "péché": 2, "pêche": 3, "sin": 4 }""";

        Canonical(input).ShouldBe("{\"peach\":1,\"péché\":2,\"pêche\":3,\"sin\":4}");
    }

    [Fact]
    public void Unicode_is_not_normalised()
    {
        Canonical("""{ "Unnormalized Unicode": "\u1e0d\u0307" }""").ShouldBe("{\"Unnormalized Unicode\":\"\u1e0d\u0307\"}");
    }

    [Theory]
    [InlineData("\"\\u0000\\u0001\\u001f\"", "\"\\u0000\\u0001\\u001f\"")]
    [InlineData("\"\\b\\f\\n\\r\\t\"", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\"\\u0008\\u000C\"", "\"\\b\\f\"")]
    [InlineData("\"\\u007f\\u2028\\/\"", "\"\u007f\u2028/\"")]
    [InlineData("\"\\u00e9\\u4e2d\"", "\"é中\"")]
    public void Only_quote_backslash_and_controls_are_escaped_and_controls_in_lower_case_hex(string json, string expected)
    {
        Canonical(json).ShouldBe(expected);
    }

    [Fact]
    public void Output_is_utf8_without_whitespace()
    {
        var canonical = CanonicalJson.Canonicalize(Utf8("[ \"€\" ,\n true ]")).Value!;

        ToHex(canonical).ShouldBe("5b22e282ac222c747275655d");
    }

    [Theory]
    [InlineData("-0", "0")]
    [InlineData("1e2", "100")]
    [InlineData("56.0", "56")]
    [InlineData("9007199254740991", "9007199254740991")]
    [InlineData("-9007199254740991", "-9007199254740991")]
    public void Integral_numbers_take_their_ecmascript_form(string json, string expected)
    {
        Canonical($"[{json}]").ShouldBe($"[{expected}]");
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("4.50")]
    [InlineData("2e-3")]
    [InlineData("1E30")]
    [InlineData("9007199254740992")]
    [InlineData("-9007199254740993")]
    public void Fractional_and_unsafe_numbers_are_rejected(string json)
    {
        var result = CanonicalJson.Canonicalize(Utf8($$"""{"a":[{{json}}]}"""));

        result.IsOk.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().Code.ShouldBe("json.number");
        result.Errors[0].Field.ShouldBe("$.a[0]");
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"x":{"b":true,"b":true}}""")]
    public void Duplicate_member_names_are_rejected(string json)
    {
        CanonicalJson.Canonicalize(Utf8(json)).Errors.ShouldHaveSingleItem().Code.ShouldBe("json.duplicate");
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("{\"\\udc00\":1}")]
    [InlineData("[\"a\\ud83dz\"]")]
    public void Lone_surrogates_are_rejected(string json)
    {
        CanonicalJson.Canonicalize(Utf8(json)).Errors.ShouldHaveSingleItem().Code.ShouldBe("json.unicode");
    }

    [Fact]
    public void Invalid_utf8_is_rejected()
    {
        CanonicalJson.Canonicalize(new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' }).IsOk.ShouldBeFalse();
    }

    [Theory]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":1} // comment")]
    [InlineData("{'a':1}")]
    [InlineData("")]
    public void Text_that_is_not_strict_json_is_rejected(string json)
    {
        CanonicalJson.Canonicalize(Utf8(json)).Errors.ShouldHaveSingleItem().Code.ShouldBe("json.syntax");
    }

    [Fact]
    public void Null_members_are_kept_because_omitting_absent_values_is_the_serializers_job()
    {
        Canonical("""{"b":null,"a":[null]}""").ShouldBe("{\"a\":[null],\"b\":null}");
    }

    [Fact]
    public void Canonicalising_canonical_json_changes_nothing()
    {
        var once = CanonicalJson.Canonicalize(Utf8("""{ "z": [3, {"y": "\u00e9", "x": false}], "a": "\t" }""")).Value!;

        CanonicalJson.Canonicalize(once).Value.ShouldBe(once);
    }
}
