using OpenAeo.Domain.Insights;

namespace OpenAeo.Insights;

/// <summary>What a respondent sees of a survey: its current questionnaire, the scale, and whether it takes answers now.</summary>
internal sealed record SurveyQuestionnaireView(
    string Slug,
    string Title,
    string? Introduction,
    bool Accepting,
    string? Message,
    bool OpenLink,
    int Version,
    IReadOnlyList<SurveyQuestion> Questions,
    IReadOnlyList<SurveySegment> Segments,
    IReadOnlyList<string> Scale
);

/// <summary><c>GET /api/v1/public/surveys/{slug}</c>: what <see cref="AnswerSurvey"/> asks, for anyone with the link.</summary>
internal static class GetSurveyQuestionnaire
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/public/surveys/{slug}", Handle).WithName("SurveyQuestionnaire");

    [AllowAnonymous]
    [EndpointSummary("A survey's questionnaire for respondents (404 for a draft), with whether it takes answers now.")]
    public static async Task<Results<Ok<SurveyQuestionnaireView>, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Keyword))] string slug,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        await AnswerSurvey.BySlug(slug, db, ct) is { } survey
            ? TypedResults.Ok(View(survey, clock.GetUtcNow()))
            : Problems.NotFound($"There is no survey '{slug}' to answer.");

    public static SurveyQuestionnaireView View(Survey s, DateTimeOffset now)
    {
        var refusal = s.RefusesAnswersAt(now);
        return new SurveyQuestionnaireView(
            s.Slug,
            s.Title,
            s.Introduction,
            refusal is null,
            refusal?.Message,
            s.OpenLink,
            s.Current.Number,
            s.Current.Questions,
            s.Current.Segments,
            SurveyLikert.Labels
        );
    }
}
