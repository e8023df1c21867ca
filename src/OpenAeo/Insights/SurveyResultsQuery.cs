using System.Globalization;
using OpenAeo.Domain.Insights;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

internal sealed record SurveyGroupView(
    string Kind,
    string Key,
    string Label,
    int N,
    IReadOnlyList<int> Counts,
    double? Mean,
    double? Median,
    double? TopTwoShare
)
{
    public static SurveyGroupView From(SurveyGroupResult g) =>
        new(g.Kind.ToString(), g.Key, g.Label, g.Summary.N, g.Summary.Counts, g.Summary.Mean, g.Summary.Median, g.Summary.TopTwoShare);
}

internal sealed record SurveyQuestionResultView(
    string Code,
    string? Section,
    string Text,
    string Kind,
    IReadOnlyList<SurveyGroupView> Groups,
    IReadOnlyList<SurveyOpenAnswer> OpenAnswers
);

internal sealed record SurveyResultsView(
    int Survey,
    string Title,
    int Version,
    int Respondents,
    IReadOnlyList<SurveyGroupView> RespondentsByGroup,
    IReadOnlyList<string> Scale,
    IReadOnlyList<SurveyQuestionResultView> Questions
);

/// <summary>
/// A survey's results: for each statement of the current version n, the count at each level, mean, median and top-two-box share,
/// for everybody, each sector and each segment; open answers listed. As JSON, or as CSV (one row per statement and group).
/// </summary>
internal static class SurveyResultsQuery
{
    public static readonly string[] CsvColumns =
    [
        "question",
        "section",
        "statement",
        "group_kind",
        "group",
        "n",
        "strongly_disagree",
        "disagree",
        "neutral",
        "agree",
        "strongly_agree",
        "mean",
        "median",
        "top_two_share",
    ];

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/surveys/{id:int}/results", Handle)
            .WithName("SurveyResults")
            .Produces<SurveyResultsView>()
            .Produces<string>(StatusCodes.Status200OK, "text/csv");

    [Authorize(Policies.Officers)]
    [EndpointSummary("Results per statement and group (format=json, or csv: one row per statement and group); open answers in the JSON.")]
    public static async Task<IResult> Handle(
        [Limit(nameof(Limits.Id))] int id,
        [Limit(nameof(Limits.Keyword))] string? format,
        OpenAeoDb db,
        CancellationToken ct
    )
    {
        if (format is not (null or "" or "json" or "csv"))
        {
            return Problems.Invalid([new DomainError("format", "Use format=json or format=csv.", "format")]);
        }

        if (await Load(db, id, ct) is not { } loaded)
        {
            return Problems.NotFound($"There is no survey {id}.");
        }

        return format == "csv"
            ? TypedResults.Text(Csv(loaded.Results), "text/csv; charset=utf-8")
            : TypedResults.Ok(View(loaded.Survey, loaded.Results));
    }

    public static async Task<(Survey Survey, SurveyResults Results)?> Load(OpenAeoDb db, int id, CancellationToken ct)
    {
        if (await db.Surveys().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is not { } survey)
        {
            return null;
        }

        var responses = await db.SurveyResponses().AsNoTracking().Where(r => r.SurveyId == id).OrderBy(r => r.Id).ToListAsync(ct);
        return (survey, SurveyStatistics.Compute(survey.Current, responses));
    }

    public static SurveyResultsView View(Survey survey, SurveyResults results) =>
        new(
            survey.Id,
            survey.Title,
            survey.Current.Number,
            results.Respondents,
            [.. results.RespondentsByGroup.Select(SurveyGroupView.From)],
            SurveyLikert.Labels,
            [
                .. results.Questions.Select(q => new SurveyQuestionResultView(
                    q.Question.Code,
                    q.Question.Section,
                    q.Question.Text,
                    q.Question.Kind.ToString(),
                    [.. q.Groups.Select(SurveyGroupView.From)],
                    q.OpenAnswers
                )),
            ]
        );

    public static string Csv(SurveyResults results)
    {
        var text = new System.Text.StringBuilder(CsvOutput.Line(CsvColumns));
        foreach (var q in results.Questions.Where(q => q.Question.Kind == SurveyQuestionKind.Likert))
        {
            foreach (var g in q.Groups)
            {
                text.Append(
                    CsvOutput.Line([
                        q.Question.Code,
                        q.Question.Section,
                        q.Question.Text,
                        g.Kind.ToString(),
                        g.Label,
                        Number(g.Summary.N),
                        .. g.Summary.Counts.Select(Number),
                        Figure(g.Summary.Mean, "0.00"),
                        Figure(g.Summary.Median, "0.#"),
                        Figure(g.Summary.TopTwoShare, "0.000"),
                    ])
                );
            }
        }

        return text.ToString();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Figure(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
