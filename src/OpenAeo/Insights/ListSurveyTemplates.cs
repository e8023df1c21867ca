using OpenAeo.Domain.Insights;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

internal sealed record SurveyTemplateView(
    string Key,
    string Title,
    string Introduction,
    int Statements,
    int OpenQuestions,
    IReadOnlyList<SurveyQuestion> Questions,
    IReadOnlyList<SurveySegment> Segments
);

/// <summary><c>GET /api/v1/surveys/templates</c>: the questionnaires a survey can start from.</summary>
internal static class ListSurveyTemplates
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/surveys/templates", Handle);

    [Authorize(Policies.Officers)]
    [EndpointSummary("The questionnaires that ship with OpenAeo (the APEC report's Annex B, on a 1–5 scale).")]
    public static IReadOnlyList<SurveyTemplateView> Handle() =>
        [
            .. SurveyTemplates.All.Select(t => new SurveyTemplateView(
                t.Key,
                t.Title,
                t.Introduction,
                t.Questions.Count(q => q.Kind == SurveyQuestionKind.Likert),
                t.Questions.Count(q => q.Kind == SurveyQuestionKind.Open),
                t.Questions,
                t.Segments
            )),
        ];
}
