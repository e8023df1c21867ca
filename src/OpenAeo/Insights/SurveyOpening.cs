using OpenAeo.Domain.Insights;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

/// <summary>The period respondents may answer in (days in the programme's zone; no first day = today) and whether an open link
/// works.</summary>
public sealed record SurveyOpeningRequest(
    DateOnly? OpensOn,
    DateOnly? ClosesOn,
    bool? OpenLink,
    [Limit(nameof(Limits.Reason))] string? Reason
);

internal static class SurveyOpening
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/surveys/{id:int}/opening", Execute).AnswersSurvey().WithName("OpenSurvey");

    [Authorize(Policies.Officers)]
    [EndpointSummary("Open a survey for a period, or change an open survey's period or open link (409 when it is closed).")]
    public static Task<Result<Survey>> Execute(
        [Limit(nameof(Limits.Id))] int id,
        SurveyOpeningRequest request,
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
                (
                    survey.Open(request.OpensOn, request.ClosesOn, request.OpenLink ?? false, now),
                    "survey.opened",
                    request.Reason,
                    new
                    {
                        survey.OpensOn,
                        survey.ClosesOn,
                        survey.OpenLink,
                        survey.TimeZone,
                    }
                ),
            ct
        );
    }
}
