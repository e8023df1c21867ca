using OpenAeo.Registry;

namespace OpenAeo.Insights;

/// <summary><c>GET /api/v1/surveys/{id}</c>.</summary>
internal static class GetSurvey
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/surveys/{id:int}", Handle);

    [Authorize(Policies.Officers)]
    [EndpointSummary("A survey: its current version's questions and segments, its period, and counts of invitations and responses.")]
    public static async Task<Results<Ok<SurveyView>, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Id))] int id,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        await db.Surveys().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } survey
            ? TypedResults.Ok(await Surveys.ViewAsync(survey, db, clock.GetUtcNow(), ct))
            : Problems.NotFound($"There is no survey {id}.");
}
