using OpenAeo.Domain.Insights;

namespace OpenAeo.Domain.Tests.Insights;

internal static class SurveyBuilders
{
    public static readonly SurveySegment Customs = new("customs", "Customs administration", "Public sector");
    public static readonly SurveySegment Sme = new("sme", "Small or medium enterprise", "Private sector");

    public static readonly List<SurveyQuestion> Questions =
    [
        new("Q1", "Benefits", "The AEO programme speeds up clearance.", SurveyQuestionKind.Likert, Required: true),
        new("Q2", "Benefits", "The benefits are worth the cost.", SurveyQuestionKind.Likert),
        new("O1", null, "What would help you most?", SurveyQuestionKind.Open),
    ];

    public static Survey Survey(string timeZone = "Asia/Taipei") =>
        Domain
            .Insights.Survey.Create("users-2026", "Users 2026", null, null, Questions, [Customs, Sme], timeZone, Builders.Now, "officer")
            .Value!;

    public static SurveyResponse Response(string segment, params (string Code, int Level)[] answers) =>
        SurveyResponse.From(
            1,
            new SurveyResponseDraft(1, segment, null, [.. answers.Select(a => new SurveyAnswer(a.Code, a.Level, null))]),
            new DateOnly(2026, 3, 2),
            SurveyResponseSource.Web,
            null
        );
}

public class Likert_statistics
{
    [Fact]
    public void Counts_mean_median_and_top_two_box_share_come_from_the_levels()
    {
        var summary = SurveyStatistics.Summarise([1, 2, 4, 4, 5, 5, 5]);

        summary.N.ShouldBe(7);
        summary.Counts.ShouldBe([1, 1, 0, 2, 3]);
        summary.Mean!.Value.ShouldBe(26.0 / 7, 1e-12);
        summary.Median.ShouldBe(4);
        summary.TopTwoShare!.Value.ShouldBe(5.0 / 7, 1e-12);
        (summary.Disagree, summary.Neutral, summary.Agree).ShouldBe((2, 0, 5));
    }

    [Fact]
    public void The_median_of_an_even_count_is_halfway_between_the_middle_two()
    {
        SurveyStatistics.Summarise([2, 3, 4, 5]).Median.ShouldBe(3.5);
        SurveyStatistics.Summarise([1, 1, 5, 5]).Median.ShouldBe(3);
    }

    [Fact]
    public void Nobody_answering_gives_n_zero_and_no_figures()
    {
        var summary = SurveyStatistics.Summarise([]);

        summary.N.ShouldBe(0);
        summary.Counts.ShouldBe([0, 0, 0, 0, 0]);
        summary.Mean.ShouldBeNull();
        summary.Median.ShouldBeNull();
        summary.TopTwoShare.ShouldBeNull();
    }

    [Fact]
    public void A_level_outside_the_scale_is_a_bug_not_a_statistic()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SurveyStatistics.Summarise([3, 6]));
    }

    [Fact]
    public void Results_are_given_for_everybody_each_sector_and_each_segment_with_open_answers_listed()
    {
        var survey = SurveyBuilders.Survey();
        var open = SurveyResponse.From(
            1,
            new SurveyResponseDraft(1, "sme", "TW", [new("Q1", 2, null), new("O1", null, "Fewer forms.")]),
            new DateOnly(2026, 3, 2),
            SurveyResponseSource.Web,
            null
        );
        List<SurveyResponse> responses =
        [
            SurveyBuilders.Response("customs", ("Q1", 5), ("Q2", 4)),
            SurveyBuilders.Response("customs", ("Q1", 4)),
            SurveyBuilders.Response("sme", ("Q1", 1), ("Q2", 2)),
            open,
        ];

        var results = SurveyStatistics.Compute(survey.Current, responses);

        results.Respondents.ShouldBe(4);
        var q1 = results.Questions.Single(q => q.Question.Code == "Q1");
        q1.Groups.Select(g => (g.Kind, g.Key, g.Summary.N))
            .ShouldBe([
                (SurveyGroupKind.All, "all", 4),
                (SurveyGroupKind.Sector, "Public sector", 2),
                (SurveyGroupKind.Sector, "Private sector", 2),
                (SurveyGroupKind.Segment, "customs", 2),
                (SurveyGroupKind.Segment, "sme", 2),
            ]);
        q1.Overall!.Counts.ShouldBe([1, 1, 0, 1, 1]);
        q1.Groups.Single(g => g.Key == "customs").Summary.Mean.ShouldBe(4.5);
        q1.Groups.Single(g => g.Key == "sme").Summary.TopTwoShare.ShouldBe(0);

        var q2 = results.Questions.Single(q => q.Question.Code == "Q2");
        q2.Overall!.N.ShouldBe(2, "a skipped statement is not counted");

        var o1 = results.Questions.Single(q => q.Question.Code == "O1");
        o1.Groups.ShouldBeEmpty();
        o1.OpenAnswers.ShouldBe([new SurveyOpenAnswer("sme", "Small or medium enterprise", "Fewer forms.")]);
    }
}

public class Survey_answers
{
    private static readonly IReadOnlySet<string> Economies = new HashSet<string> { "TW", "CL" };

    [Fact]
    public void Levels_are_taken_as_numbers_or_words_and_blank_answers_are_skipped()
    {
        var version = SurveyBuilders.Survey().Current;

        var checkedAnswers = SurveyAnswers.Check(
            version,
            "Small or medium enterprise",
            "cl",
            new Dictionary<string, string?>
            {
                ["Q1"] = "strongly agree",
                ["Q2"] = " ",
                ["O1"] = "  More visits.  ",
            },
            Economies
        );

        checkedAnswers.IsOk.ShouldBeTrue();
        checkedAnswers.Value!.Segment.ShouldBe("sme");
        checkedAnswers.Value.Economy.ShouldBe("CL");
        checkedAnswers.Value.Answers.ShouldBe([new SurveyAnswer("Q1", 5, null), new SurveyAnswer("O1", null, "More visits.")]);
    }

    [Fact]
    public void Each_broken_rule_names_its_field()
    {
        var version = SurveyBuilders.Survey().Current;

        var refused = SurveyAnswers.Check(
            version,
            "farmer",
            "XX",
            new Dictionary<string, string?> { ["Q2"] = "6", ["Q9"] = "3" },
            Economies
        );

        refused.IsOk.ShouldBeFalse();
        refused
            .Errors.Select(e => (e.Code, e.Field))
            .ShouldBe(
                [
                    ("survey.segment", "segment"),
                    ("survey.economy", "economy"),
                    ("survey.answer.question", "Q9"),
                    ("survey.answer.required", "Q1"),
                    ("survey.answer.level", "Q2"),
                ],
                ignoreOrder: true
            );
    }

    [Fact]
    public void An_open_answer_longer_than_kept_is_refused_rather_than_cut()
    {
        var version = SurveyBuilders.Survey().Current;

        var refused = SurveyAnswers.Check(
            version,
            "sme",
            null,
            new Dictionary<string, string?> { ["Q1"] = "3", ["O1"] = new string('x', SurveyAnswers.MaxOpenAnswer + 1) },
            Economies
        );

        refused.Errors.Single().Code.ShouldBe("survey.answer.length");
    }
}

public class Survey_lifecycle
{
    [Fact]
    public void A_question_code_keeps_its_kind_across_versions_and_a_revision_adds_a_version()
    {
        var survey = SurveyBuilders.Survey();

        var refused = survey.Revise(
            [new("Q1", null, "Now an open question", SurveyQuestionKind.Open)],
            [SurveyBuilders.Sme],
            Builders.Later,
            "officer"
        );
        refused.Errors.Single().Code.ShouldBe("survey.question.kind");

        var revised = survey.Revise(
            [.. SurveyBuilders.Questions, new("Q3", null, "A new statement.", SurveyQuestionKind.Likert)],
            [SurveyBuilders.Sme],
            Builders.Later,
            "officer"
        );
        revised.IsOk.ShouldBeTrue();
        survey.Versions.Select(v => v.Number).ShouldBe([1, 2]);
        survey.Current.Questions.Count.ShouldBe(4);
        survey.Versions[0].Questions.Count.ShouldBe(3, "earlier versions stay as they were");
    }

    [Fact]
    public void A_questionnaire_needs_codes_that_can_be_file_columns()
    {
        var created = Survey.Create(
            "x",
            "",
            null,
            null,
            [
                new("segment", null, "a", SurveyQuestionKind.Likert),
                new("Q 1", null, "b", SurveyQuestionKind.Likert),
                new("Q2", null, "c", SurveyQuestionKind.Likert),
                new("q2", null, "d", SurveyQuestionKind.Likert),
            ],
            [],
            "Asia/Taipei",
            Builders.Now,
            "officer"
        );

        created
            .Errors.Select(e => e.Field)
            .ShouldBe(["slug", "title", "questions[0].code", "questions[1].code", "questions[3].code", "segments"]);
    }

    [Fact]
    public void The_period_is_counted_in_days_of_the_surveys_zone_not_UTC_days()
    {
        // 2 March 2026 16:30 UTC is already 3 March in Taipei (UTC+8).
        var now = new DateTimeOffset(2026, 3, 2, 16, 30, 0, TimeSpan.Zero);
        var survey = SurveyBuilders.Survey("Asia/Taipei");

        survey.Open(new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 10), openLink: false, now).IsOk.ShouldBeTrue();
        survey.Phase(now).ShouldBe(SurveyPhase.Open);
        survey.RefusesAnswersAt(now.AddHours(-1)).ShouldNotBeNull("15:30 UTC is still 2 March in Taipei");

        // The last day ends at midnight in Taipei: 10 March 15:59 UTC is 23:59 there, 16:00 UTC is 11 March.
        survey.RefusesAnswersAt(new DateTimeOffset(2026, 3, 10, 15, 59, 0, TimeSpan.Zero)).ShouldBeNull();
        survey.RefusesAnswersAt(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero))!.Message.ShouldContain("ended on 10 March 2026");
        survey.Phase(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero)).ShouldBe(SurveyPhase.Ended);
    }

    [Fact]
    public void A_period_that_is_over_opens_nothing_and_a_closed_survey_stays_closed()
    {
        var now = new DateTimeOffset(2026, 3, 2, 16, 30, 0, TimeSpan.Zero);
        var survey = SurveyBuilders.Survey("Asia/Taipei");

        // 2 March is over in Taipei at that instant, though not in UTC.
        survey.Open(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), openLink: true, now).Errors.Single().Field.ShouldBe("closesOn");
        survey.Close().Errors.Single().Code.ShouldBe("survey.transition");

        survey.Open(null, new DateOnly(2026, 3, 3), openLink: true, now).IsOk.ShouldBeTrue();
        survey.OpensOn.ShouldBe(new DateOnly(2026, 3, 3), "today in Taipei");
        survey.Close().IsOk.ShouldBeTrue();
        survey.RefusesAnswersAt(now)!.Code.ShouldBe("survey.closed");
        survey.Open(null, new DateOnly(2026, 3, 9), openLink: true, now).Errors.Single().Code.ShouldBe("survey.closed");
        survey.Revise(SurveyBuilders.Questions, [SurveyBuilders.Sme], now, "officer").Errors.Single().Code.ShouldBe("survey.closed");
    }
}

public class Survey_invitations
{
    [Fact]
    public void A_token_is_kept_only_as_its_hash_and_answers_once()
    {
        var token = SurveyTokens.Format(Enumerable.Range(1, SurveyTokens.Bytes).Select(i => (byte)(i * 13)).ToArray());
        var invitation = SurveyInvitation.Issue(7, token, Builders.Now);

        SurveyTokens.IsWellFormed(token).ShouldBeTrue();
        token.Length.ShouldBe(SurveyTokens.Length);
        invitation.TokenHash.ShouldNotContain(token);
        invitation.TokenHash.ShouldBe(SurveyTokens.Hash(token));
        invitation.Use().IsOk.ShouldBeTrue();
        invitation.Use().Errors.Single().Code.ShouldBe("survey.invitation.answered");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA/+")]
    public void Text_that_cannot_be_a_token_is_refused_before_any_lookup(string? token) => SurveyTokens.IsWellFormed(token).ShouldBeFalse();
}

public class Survey_templates
{
    [Fact]
    public void Every_template_is_a_valid_questionnaire_with_the_reports_45_statements_and_open_questions()
    {
        SurveyTemplates
            .All.Select(t => t.Key)
            .ShouldBe([SurveyTemplates.Workshop, SurveyTemplates.PublicSector, SurveyTemplates.PrivateSector]);
        foreach (var template in SurveyTemplates.All)
        {
            SurveyQuestionnaire.Validate(template.Questions, template.Segments).ShouldBeEmpty(template.Key);
            template.Questions.Count(q => q.Kind == SurveyQuestionKind.Likert).ShouldBe(45);
            template.Questions.Count(q => q.Kind == SurveyQuestionKind.Open).ShouldBeGreaterThan(0);
        }

        SurveyTemplates.Find(SurveyTemplates.PublicSector)!.Segments.ShouldAllBe(s => s.Sector == SurveyTemplates.PublicSectorName);
        SurveyTemplates.Find(SurveyTemplates.PrivateSector)!.Segments.ShouldAllBe(s => s.Sector == SurveyTemplates.PrivateSectorName);
    }

    [Fact]
    public void The_four_point_scale_keeps_its_words_on_the_five_point_scale()
    {
        Enumerable.Range(1, 4).Select(SurveyTemplates.FromFourPoint).ShouldBe([1, 2, 4, 5]);
        Enumerable.Range(1, 5).Select(SurveyTemplates.ToFourPoint).ShouldBe([1, 2, null, 3, 4]);
    }

    [Theory]
    [InlineData(3.6, 40)]
    [InlineData(2.0, 40)]
    [InlineData(2.3, 31)]
    [InlineData(3.8, 31)]
    [InlineData(1.0, 7)]
    [InlineData(4.0, 7)]
    public void Generated_answers_reproduce_a_published_mean_to_one_decimal_with_some_spread(double mean, int n)
    {
        var answers = SurveyTemplates.FourPointAnswers(mean, n);

        answers.Length.ShouldBe(n);
        answers.ShouldAllBe(a => a >= 1 && a <= 4);
        Math.Round(answers.Average(), 1, MidpointRounding.AwayFromZero).ShouldBe(mean);
        if (mean is > 1.5 and < 3.5)
        {
            answers.Distinct().Count().ShouldBeGreaterThanOrEqualTo(3, "people do not all answer alike");
        }
    }

    [Fact]
    public void Every_published_mean_of_both_sectors_is_reproduced_and_the_general_one_within_a_tenth_where_the_report_allows()
    {
        var irreconcilable = new List<string>();
        foreach (var published in SurveyTemplates.PublishedMeans)
        {
            var publicAnswers = SurveyTemplates.FourPointAnswers(published.Public, 40);
            var privateAnswers = SurveyTemplates.FourPointAnswers(published.Private, 31);
            Math.Round(publicAnswers.Average(), 1, MidpointRounding.AwayFromZero).ShouldBe(published.Public, published.Code);
            Math.Round(privateAnswers.Average(), 1, MidpointRounding.AwayFromZero).ShouldBe(published.Private, published.Code);

            // A general mean below both sectors' (rounding aside) cannot come from any answers; the report has one such row.
            if (
                published.General < Math.Min(published.Public, published.Private) - 0.05
                || published.General > Math.Max(published.Public, published.Private) + 0.05
            )
            {
                irreconcilable.Add(published.Code);
                continue;
            }

            publicAnswers.Concat(privateAnswers).Average().ShouldBe(published.General, 0.1 + 1e-9, published.Code);
        }

        irreconcilable.ShouldBe(["P3-02"]);
    }
}
