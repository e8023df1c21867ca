using OpenAeo.Domain.Insights;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

/// <summary>The next version of a survey's questionnaire: the whole list of questions and segments (absent segments = kept).</summary>
public sealed record SurveyRevisionRequest(
    [Limit(nameof(Limits.Entries))] IReadOnlyList<SurveyQuestion>? Questions,
    [Limit(nameof(Limits.Entries))] IReadOnlyList<SurveySegment>? Segments,
    [Limit(nameof(Limits.Reason))] string? Reason
);

internal static class SurveyRevision
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/surveys/{id:int}/versions", Execute).AnswersSurvey().WithName("ReviseSurvey");

    [Authorize(Policies.Officers)]
    [EndpointSummary("A new version of the questionnaire; responses keep the version they answered (409 when the survey is closed).")]
    public static Task<Result<Survey>> Execute(
        [Limit(nameof(Limits.Id))] int id,
        SurveyRevisionRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.GetUtcNow();
        return Surveys.ChangeAsync(
            id,
            request,
            actor,
            db,
            now,
            survey =>
            {
                var revised = survey.Revise(request.Questions ?? [], request.Segments ?? survey.Current.Segments, now, actor.Name);
                return (
                    revised.IsOk ? Result<Survey>.Ok(survey) : Result<Survey>.Fail(revised.Errors),
                    "survey.revised",
                    request.Reason,
                    revised.IsOk
                        ? new
                        {
                            version = revised.Value!.Number,
                            questions = revised.Value.Questions.Select(q => q.Code),
                            segments = revised.Value.Segments.Select(s => s.Code),
                        }
                        : null
                );
            },
            ct
        );
    }
}
