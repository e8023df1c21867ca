using OpenAeo.Domain.Insights;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

public sealed record SurveyClosingRequest([Limit(nameof(Limits.Reason))] string? Reason);

/// <summary>Closes an open survey: no more answers, its questionnaire and results final.</summary>
internal static class SurveyClosing
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/surveys/{id:int}/closing", Execute).AnswersSurvey().WithName("CloseSurvey");

    [Authorize(Policies.Officers)]
    [EndpointSummary("Close an open survey (409 unless it is open).")]
    public static Task<Result<Survey>> Execute(
        [Limit(nameof(Limits.Id))] int id,
        SurveyClosingRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        Surveys.ChangeAsync(
            id,
            request,
            actor,
            db,
            clock.GetUtcNow(),
            survey => (survey.Close(), "survey.closed", request.Reason, null),
            ct
        );
}
