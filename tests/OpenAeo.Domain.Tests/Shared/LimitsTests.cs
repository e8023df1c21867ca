using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Tests.Shared;

public class Limits_of_fields
{
    [Fact]
    public void A_text_at_its_length_is_within_and_one_character_more_is_not()
    {
        Limits.LegalName.Problem(new string('a', 300), "A legal name").ShouldBeNull();
        Limits
            .LegalName.Problem(new string('a', 301), "A legal name")
            .ShouldBe("A legal name has at most 300 characters; this one has 301.");
        Limits.LegalName.Check(new string('a', 301), "legalName", "A legal name")!.Code.ShouldBe("limit.length");
    }

    [Fact]
    public void Length_counts_characters_not_bytes()
    {
        Limits.LegalName.Problem(new string('漢', 300), "A legal name").ShouldBeNull();
    }

    [Theory]
    [InlineData("a\0b", "the NUL character (U+0000)")]
    [InlineData("bell\u0007", "the control character U+0007")]
    [InlineData("\u202Eexe.txt", "the text direction control U+202E")]
    [InlineData("left\u2066isolate", "the text direction control U+2066")]
    [InlineData("two\nlines", "a line break")]
    [InlineData("not\uFFFFtext", "the noncharacter U+FFFF")]
    public void A_name_may_not_hold_characters_that_are_not_text_or_change_how_it_reads(string name, string described)
    {
        var error = Limits.Name.Check(name, "name", "A name")!;

        error.Code.ShouldBe("limit.characters");
        error.Message.ShouldStartWith($"A name may not contain {described}");
        error.Field.ShouldBe("name");
    }

    [Fact]
    public void A_broken_character_is_not_text()
    {
        // Built here: a test case's data would not carry an unpaired surrogate through intact.
        var broken = "broken " + (char)0xD800 + " surrogate";

        Limits.Name.Check(broken, "name", "A name")!.Message.ShouldStartWith("A name may not contain a broken character");
        Limits.Name.Check("paired \U0001F600", "name", "A name").ShouldBeNull();
    }

    [Theory]
    [InlineData("Line one\nline two\r\n\twith a tab")]
    [InlineData("Right-to-left text as written: \u05E9\u05DC\u05D5\u05DD and an emoji \U0001F600")]
    public void Prose_keeps_line_breaks_tabs_and_any_script(string text) => Limits.Reason.Problem(text, "A reason").ShouldBeNull();

    [Fact]
    public void Prose_still_refuses_NUL_and_direction_overrides()
    {
        Limits.Reason.Problem("why\0", "A reason").ShouldNotBeNull();
        Limits.Reason.Problem("\u202Ewhy", "A reason").ShouldNotBeNull();
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(10_000_000, true)]
    [InlineData(10_000_001, false)]
    public void A_whole_number_has_a_range(int employees, bool allowed) =>
        (Limits.Employees.Problem(employees, "Employees") is null).ShouldBe(allowed);

    [Fact]
    public void A_number_out_of_range_says_the_range_in_words()
    {
        Limits.Threshold.Problem(-5, "Yellow from").ShouldBe("Yellow from is a whole number from 1 to 10,000.");
        Limits.Share.Problem(1.5, "The random rate").ShouldBe("The random rate is a number from 0 to 1.");
        Limits.Share.Problem(double.NaN, "The random rate").ShouldNotBeNull();
        Limits.Money.Problem(1e300, "Turnover").ShouldNotBeNull();
        Limits.Money.Problem(0.01m, "Turnover").ShouldBeNull();
        Limits.Score.Problem(-1000, "Score").ShouldBeNull();
    }

    [Fact]
    public void A_whole_number_limit_refuses_fractions() => Limits.Employees.Problem(1.5m, "Employees").ShouldNotBeNull();

    [Theory]
    [InlineData("0001-01-01", false)]
    [InlineData("1899-12-31", false)]
    [InlineData("1900-01-01", true)]
    [InlineData("2199-12-31", true)]
    [InlineData("9999-12-31", false)]
    public void A_day_is_between_1900_and_2199(string day, bool allowed) =>
        (Limits.Day.Problem(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), "Valid from") is null).ShouldBe(
            allowed
        );

    [Fact]
    public void An_instant_is_judged_by_its_UTC_day()
    {
        // 00:30 on 1 January 2200 in Taipei is still 31 December 2199 in UTC.
        var taipei = new DateTimeOffset(2200, 1, 1, 0, 30, 0, TimeSpan.FromHours(8));

        Limits.Instant.Problem(taipei, "Arrival").ShouldBeNull();
        Limits.Instant.Problem(taipei.AddHours(8), "Arrival").ShouldBe("Arrival is a date from 1900-01-01 to 2199-12-31.");
    }

    [Fact]
    public void A_list_has_a_size_and_may_say_what_each_entry_holds()
    {
        Limits
            .RejectionReasons.Problem(Enumerable.Repeat("SECURITY", 51).ToList(), "Reasons")
            .ShouldBe("Reasons has at most 50 entries; this one has 51.");
        Limits.RejectionReasons.Describe().ShouldBe("a list of at most 50 entries, each a text of at most 40 characters on one line");
    }

    [Fact]
    public void Every_limit_is_found_by_its_name_and_an_unknown_name_is_an_error()
    {
        Limits.All.Count.ShouldBeGreaterThan(40);
        Limits.All.ShouldAllBe(l => ReferenceEquals(Limits.Named(l.Key), l.Value));
        new LimitAttribute(nameof(Limits.LegalName)).Limit.ShouldBeSameAs(Limits.LegalName);
        Should.Throw<ArgumentException>(() => Limits.Named("ShoeSize"));
    }

    [Fact]
    public void Dates_and_lists_have_limits_by_type()
    {
        Limits.ForType(typeof(DateOnly?)).ShouldBeSameAs(Limits.Day);
        Limits.ForType(typeof(DateTimeOffset)).ShouldBeSameAs(Limits.Instant);
        Limits.ForType(typeof(IReadOnlyList<string>)).ShouldBeSameAs(Limits.Entries);
        Limits.ForType(typeof(string)).ShouldBeNull();
        Limits.ForType(typeof(int)).ShouldBeNull();
    }
}
