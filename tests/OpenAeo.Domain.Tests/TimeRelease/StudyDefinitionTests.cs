using OpenAeo.Domain.Shared;
using OpenAeo.Domain.TimeRelease;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.TimeRelease;

public class Defining_a_study
{
    private static MraParty Party(string code, params string[] members) => new(code, members.Length == 0 ? [code] : members);

    /// <summary>A registry as the app loads it: bilateral MRAs, a plurilateral of one bloc, one without entry into force.</summary>
    private static readonly IReadOnlyList<MraOption> Registry =
    [
        new("MRA-1", "New Zealand–United States", [Party("NZ"), Party("US")], "InForce", Day("2007-01-01")),
        new("MRA-2", "Pacific Alliance plurilateral", [Party("PACIFICALLIANCE", "CL", "CO", "MX", "PE")], "InForce", Day("2018-01-01")),
        new("MRA-3", "Chinese Taipei–Japan", [Party("TW"), Party("JP")], "InForce", Day("2019-05-22")),
        new("MRA-4", "Chinese Taipei–Korea", [Party("TW"), Party("KR")], "InForce", Day("2016-10-01")),
        new(
            "MRA-7",
            "Pacific Alliance–Mercosur",
            [Party("PACIFICALLIANCE", "CL", "CO", "MX", "PE"), Party("MERCOSUR", "AR", "BR", "PY", "UY")],
            "ActionPlan",
            null
        ),
    ];

    private static Result<StudyDefinition> Create(
        string? stage = "apec1",
        string[]? by = null,
        string? split = "2019-05-22",
        string? mra = null,
        string? from = null,
        string? to = null,
        string? periodBy = null,
        string? target = null,
        string? cap = null,
        bool isSigned = false,
        string? zone = null,
        IReadOnlyList<MraOption>? registry = null
    ) =>
        StudyDefinition.Create(
            stage,
            by ?? ["mode"],
            split,
            mra,
            from,
            to,
            periodBy,
            target,
            cap,
            isSigned,
            zone,
            name => TimeZones.Find(name) is not null,
            registry ?? Registry
        );

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
    [InlineData("MRA-3", "2019-05-22")]
    [InlineData("mra-3", "2019-05-22")]
    [InlineData("3", "2019-05-22")]
    [InlineData("TW-JP", "2019-05-22")]
    [InlineData("jp-tw", "2019-05-22")]
    [InlineData("KR-TW", "2016-10-01")]
    [InlineData("PE-CL", "2018-01-01")]
    [InlineData("NZ-US", "2007-01-01")]
    public void An_MRA_of_the_registry_by_id_or_by_its_two_parties_gives_its_entry_into_force_as_the_split(string mra, string split)
    {
        var study = Succeeded(Create(split: null, mra: mra));

        study.Split.ShouldBe(Day(split));
        study.Mra.ShouldBe(Registry.Single(m => m.EntryIntoForce == Day(split)).Id);
        study.MraName.ShouldBe(Registry.Single(m => m.EntryIntoForce == Day(split)).Name);
    }

    [Fact]
    public void Two_parties_without_an_MRA_in_the_registry_are_refused_with_the_MRAs_there_are()
    {
        var error = SingleError(Create(split: null, mra: "TW-NZ"));

        error.Field.ShouldBe("mra");
        error.Message.ShouldContain("no MRA between TW and NZ");
        error.Message.ShouldContain("MRA-3 Chinese Taipei–Japan (in force 2019-05-22)");
        error.Message.ShouldNotContain("MRA-7", Case.Sensitive, "an MRA without entry into force is no choice for a split");
    }

    [Fact]
    public void Two_parties_that_name_more_than_one_MRA_are_ambiguous_and_the_error_names_the_ids()
    {
        IReadOnlyList<MraOption> registry =
        [
            .. Registry,
            new("MRA-9", "Chinese Taipei–Japan (revised)", [Party("JP"), Party("TW")], "Signed", null),
        ];

        var error = SingleError(Create(split: null, mra: "TW-JP", registry: registry));

        error.Field.ShouldBe("mra");
        error.Message.ShouldContain("more than one MRA");
        error.Message.ShouldContain("MRA-3");
        error.Message.ShouldContain("MRA-9");
    }

    [Fact]
    public void An_MRA_without_entry_into_force_cannot_split_a_study()
    {
        var byParties = SingleError(Create(split: null, mra: "MERCOSUR-PACIFICALLIANCE"));
        var byId = SingleError(Create(split: null, mra: "MRA-7"));

        foreach (var error in new[] { byParties, byId })
        {
            error.Field.ShouldBe("mra");
            error.Message.ShouldContain("MRA-7 Pacific Alliance–Mercosur (action plan, no entry into force)");
            error.Message.ShouldContain("cannot split a study");
        }
    }

    [Theory]
    [InlineData("MRA-42", "There is no MRA-42 in the MRA registry")]
    [InlineData("Taiwan and Japan", "is neither an MRA id (MRA-3) nor two parties (TW-JP)")]
    [InlineData("TW-JP-KR", "is neither an MRA id")]
    public void An_MRA_that_is_not_in_the_registry_is_refused(string mra, string message)
    {
        SingleError(Create(split: null, mra: mra)).Message.ShouldContain(message);
    }

    [Fact]
    public void An_empty_registry_says_so()
    {
        SingleError(Create(split: null, mra: "TW-JP", registry: [])).Message.ShouldContain("The MRA registry has no MRA between TW and JP");
    }

    [Fact]
    public void Every_problem_is_reported_by_field()
    {
        var result = Create(
            stage: "stage9",
            by: ["mode", "mode", "bad column"],
            split: "22/05/2019",
            from: "x",
            periodBy: "lodged at",
            target: "soon",
            zone: "Mars/Base"
        );

        result
            .Errors.Select(e => e.Field)
            .Distinct()
            .ShouldBe(["stage", "groupBy", "split", "beforeFrom", "periodBy", "target", "defaultTimeZone"], ignoreOrder: true);
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

    [Fact]
    public void A_study_is_named_by_its_stage_groups_and_file_unless_it_was_given_a_name_and_never_beyond_200_characters()
    {
        var definition = Create(by: ["mode", "aeo"]).Value!;

        definition.NameOn(null, "events.csv").ShouldBe("apec1 by mode, aeo on events.csv");
        definition.NameOn("  Sea freight before and after  ", "events.csv").ShouldBe("Sea freight before and after");
        (Create(by: []).Value!).NameOn(" ", "events.csv").ShouldBe("apec1 by all on events.csv");
        definition.NameOn(new string('x', 250), "events.csv").Length.ShouldBe(200);
    }
}
