using OpenAeo.Domain.Shared;
using OpenAeo.Domain.TimeRelease;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.TimeRelease;

public class Defining_a_study
{
    private static Result<StudyDefinition> Create(
        string? stage = "apec1", string[]? by = null, string? split = "2019-05-22", string? mra = null, string? from = null, string? to = null,
        string? periodBy = null, string? target = null, string? cap = null, bool isSigned = false, string? zone = null) =>
        StudyDefinition.Create(stage, by ?? ["mode"], split, mra, from, to, periodBy, target, cap, isSigned, zone, name => TimeZones.Find(name) is not null);

    [Theory]
    [InlineData("apec1", "lodged_at", "released_at")]
    [InlineData("APEC2", "arrival_at", "delivered_at")]
    [InlineData("wco-release", "arrival_at", "released_at")]
    [InlineData("lodged_at:delivered_at", "lodged_at", "delivered_at")]
    public void A_stage_is_a_preset_or_two_columns(string stage, string start, string end)
    {
        var study = Succeeded(Create(stage));

        study.Stage.Start.ShouldBe(start);
        study.Stage.End.ShouldBe(end);
    }

    [Fact]
    public void The_presets_flag_extremes_at_their_default_cap_unless_one_is_given()
    {
        Succeeded(Create("apec1")).Stage.ExtremeCapSeconds.ShouldBe(7 * 86_400);
        Succeeded(Create("apec1", cap: "2d")).Stage.ExtremeCapSeconds.ShouldBe(2 * 86_400);
        Succeeded(Create("lodged_at:released_at")).Stage.ExtremeCapSeconds.ShouldBeNull();
    }

    [Theory]
    [InlineData("TW-JP", "2019-05-22")]
    [InlineData("jp-tw", "2019-05-22")]
    [InlineData("TW-KR", "2016-10-01")]
    [InlineData("AU-TW", "2019-06-01")]
    public void A_built_in_MRA_gives_its_entry_into_force_as_the_split(string mra, string split)
    {
        var study = Succeeded(Create(split: null, mra: mra));

        study.Split.ShouldBe(Day(split));
        study.Mra.ShouldNotBeNull();
    }

    [Fact]
    public void An_unknown_MRA_says_the_registry_is_not_available_and_asks_for_a_date()
    {
        var error = SingleError(Create(split: null, mra: "NZ-US"));

        error.Field.ShouldBe("mra");
        error.Message.ShouldContain("the MRA registry is not available");
        error.Message.ShouldContain("give the split date");
    }

    [Fact]
    public void Every_problem_is_reported_by_field()
    {
        var result = Create(stage: "stage9", by: ["mode", "mode", "bad column"], split: "22/05/2019", from: "x", periodBy: "lodged at", target: "soon", zone: "Mars/Base");

        result.Errors.Select(e => e.Field).Distinct().ShouldBe(["stage", "groupBy", "split", "beforeFrom", "periodBy", "target", "defaultTimeZone"], ignoreOrder: true);
    }

    [Fact]
    public void The_windows_must_surround_the_split()
    {
        Create(from: "2019-05-22").Errors.ShouldHaveSingleItem().Field.ShouldBe("beforeFrom");
        Create(to: "2019-05-21").Errors.ShouldHaveSingleItem().Field.ShouldBe("afterTo");
        Create(from: "2018-10-12", to: "2019-05-22").IsOk.ShouldBeTrue();
    }

    [Fact]
    public void Groups_may_be_given_comma_separated_and_are_lower_case()
    {
        Succeeded(Create(by: ["Mode, channel", "origin"])).GroupBy.ShouldBe(["mode", "channel", "origin"]);
    }

    [Fact]
    public void Split_and_MRA_together_are_ambiguous()
    {
        SingleError(Create(split: "2019-05-22", mra: "TW-JP")).Field.ShouldBe("split");
    }
}
