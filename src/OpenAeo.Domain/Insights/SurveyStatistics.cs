namespace OpenAeo.Domain.Insights;

/// <summary>
/// The answers to one Likert statement from one group of respondents: how many answered (<paramref name="N"/>), how many chose
/// each level (<paramref name="Counts"/>, level 1 first), the mean and median level, and the top-two-box share (agree or
/// strongly agree, 0 to 1). Mean, median and share are null when nobody answered.
/// </summary>
public sealed record SurveyLikertSummary(int N, IReadOnlyList<int> Counts, double? Mean, double? Median, double? TopTwoShare)
{
    /// <summary>Those who disagreed (levels 1 and 2), for the left side of a diverging bar.</summary>
    public int Disagree => Counts[0] + Counts[1];

    public int Neutral => Counts[2];

    public int Agree => Counts[3] + Counts[4];
}

/// <summary>A group results are given for: everybody, a sector or a segment.</summary>
public enum SurveyGroupKind
{
    All,
    Sector,
    Segment,
}

public sealed record SurveyGroupResult(SurveyGroupKind Kind, string Key, string Label, SurveyLikertSummary Summary);

/// <summary>An open answer with the kind of respondent who gave it.</summary>
public sealed record SurveyOpenAnswer(string Segment, string SegmentLabel, string Text);

/// <summary>The results of one question: for a Likert statement, its groups (everybody first, then each sector and each segment); for an
/// open question, its answers.</summary>
public sealed record SurveyQuestionResult(
    SurveyQuestion Question,
    IReadOnlyList<SurveyGroupResult> Groups,
    IReadOnlyList<SurveyOpenAnswer> OpenAnswers
)
{
    public SurveyLikertSummary? Overall => Groups.Count > 0 ? Groups[0].Summary : null;
}

public sealed record SurveyResults(
    int Respondents,
    IReadOnlyList<SurveyGroupResult> RespondentsByGroup,
    IReadOnlyList<SurveyQuestionResult> Questions
);

/// <summary>The survey's results as pure functions of its questionnaire and responses.</summary>
public static class SurveyStatistics
{
    /// <summary>n, the count at each level, mean, median and top-two-box share of <paramref name="levels"/> (each 1 to 5).</summary>
    public static SurveyLikertSummary Summarise(IEnumerable<int> levels)
    {
        var counts = new int[SurveyLikert.Levels];
        foreach (var level in levels)
        {
            if (level is < 1 or > SurveyLikert.Levels)
            {
                throw new ArgumentOutOfRangeException(nameof(levels), level, "A level of agreement is 1 to 5.");
            }

            counts[level - 1]++;
        }

        var n = counts.Sum();
        if (n == 0)
        {
            return new SurveyLikertSummary(0, counts, null, null, null);
        }

        var mean = (double)counts.Select((c, i) => (long)c * (i + 1)).Sum() / n;
        var median = n % 2 == 1 ? Nth(counts, n / 2) : (Nth(counts, n / 2 - 1) + Nth(counts, n / 2)) / 2.0;
        return new SurveyLikertSummary(n, counts, mean, median, (double)(counts[3] + counts[4]) / n);
    }

    /// <summary>The level of the <paramref name="index"/>-th answer (0-based) in ascending order, read from the counts.</summary>
    private static int Nth(int[] counts, int index)
    {
        var seen = 0;
        for (var level = 0; level < counts.Length; level++)
        {
            seen += counts[level];
            if (index < seen)
            {
                return level + 1;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(index));
    }

    /// <summary>
    /// Results for the questions of <paramref name="current"/> (the latest version), counting every response that answered
    /// a question of that code in any version. A segment a response names that the current version no longer lists is
    /// still counted, under its code.
    /// </summary>
    public static SurveyResults Compute(SurveyVersion current, IReadOnlyList<SurveyResponse> responses)
    {
        var segments = current.Segments.ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
        var orderedSegments = current
            .Segments.Select(s => s.Code)
            .Concat(
                responses
                    .Select(r => r.Segment)
                    .Where(s => !segments.ContainsKey(s))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .Order(StringComparer.Ordinal)
            )
            .ToList();
        string LabelOf(string segment) => segments.TryGetValue(segment, out var s) ? s.Label : segment;
        string SectorOf(string segment) => segments.TryGetValue(segment, out var s) ? s.Sector : "Other";
        var sectors = orderedSegments.Select(SectorOf).Distinct(StringComparer.Ordinal).ToList();

        List<SurveyGroupResult> Groups(Func<SurveyResponse, int?> level)
        {
            var groups = new List<SurveyGroupResult>
            {
                new(SurveyGroupKind.All, "all", "All respondents", Summarise(responses.Select(level).OfType<int>())),
            };
            if (sectors.Count > 1)
            {
                groups.AddRange(
                    sectors.Select(sector => new SurveyGroupResult(
                        SurveyGroupKind.Sector,
                        sector,
                        sector,
                        Summarise(responses.Where(r => SectorOf(r.Segment) == sector).Select(level).OfType<int>())
                    ))
                );
            }

            groups.AddRange(
                orderedSegments.Select(segment => new SurveyGroupResult(
                    SurveyGroupKind.Segment,
                    segment,
                    LabelOf(segment),
                    Summarise(
                        responses
                            .Where(r => string.Equals(r.Segment, segment, StringComparison.OrdinalIgnoreCase))
                            .Select(level)
                            .OfType<int>()
                    )
                ))
            );
            return groups;
        }

        var questions = new List<SurveyQuestionResult>();
        foreach (var question in current.Questions)
        {
            SurveyAnswer? AnswerOf(SurveyResponse r) =>
                r.Answers.FirstOrDefault(a => string.Equals(a.Code, question.Code, StringComparison.OrdinalIgnoreCase));
            questions.Add(
                question.Kind == SurveyQuestionKind.Likert
                    ? new SurveyQuestionResult(question, Groups(r => AnswerOf(r)?.Level), [])
                    : new SurveyQuestionResult(
                        question,
                        [],
                        [
                            .. responses
                                .Select(r => (r, AnswerOf(r)?.Text))
                                .Where(x => x.Text is not null)
                                .Select(x => new SurveyOpenAnswer(x.r.Segment, LabelOf(x.r.Segment), x.Text!)),
                        ]
                    )
            );
        }

        // Respondents per group: the same groups as the statements, where n is the figure that matters.
        return new SurveyResults(responses.Count, Groups(_ => 1), questions);
    }
}
