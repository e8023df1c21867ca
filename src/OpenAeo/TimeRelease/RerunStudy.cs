using System.Text.Json;
using OpenAeo.Platform.Files;

namespace OpenAeo.TimeRelease;

/// <summary>Runs a saved study again on the same input (by fingerprint), as a new study that refers to the one it repeats.</summary>
internal static class RerunStudy
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/trs/studies/{id:long}/rerun", Handle);

    [Authorize(TimeReleaseModule.Analysts)]
    [EndpointSummary("Run a saved study again on the same input (by fingerprint), as a new study that refers to it.")]
    public static async Task<Results<Accepted<StudyResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id,
        OpenAeoDb db,
        StudyInputs inputs,
        Platform.Analytics.AnalyticsDatabase analytics,
        StudyQueue queue,
        TimeProvider clock,
        System.Security.Claims.ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var outcome = await Execute(id, user.Identity?.Name ?? "?", db, inputs, analytics, queue, clock, ct);
        return outcome switch
        {
            null => Problems.NotFound($"There is no study {id}."),
            { Study: { } saved } => TypedResults.Accepted($"/api/v1/trs/studies/{saved.Id}", StudyResponse.From(saved)),
            { FileErrors: { } file } => FileProblems.From(file),
            { Errors: var errors } => Problems.Invalid(errors!),
        };
    }

    /// <summary>Queues the same definition on the same input (by fingerprint), referring to the study it repeats.</summary>
    public static async Task<SaveStudy.Outcome?> Execute(
        long id,
        string actor,
        OpenAeoDb db,
        StudyInputs inputs,
        Platform.Analytics.AnalyticsDatabase analytics,
        StudyQueue queue,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var original = await db.SavedStudies().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (original is null)
        {
            return null;
        }

        var request = new CreateStudyRequest(
            original.Name,
            JsonSerializer.Deserialize<StudyRequest>(original.Definition, ReportDocument.Json),
            original.InputSha256,
            null,
            original.Strict
        );
        return await SaveStudy.Execute(
            request,
            null,
            actor,
            db,
            inputs,
            analytics,
            queue,
            clock,
            ct,
            rerunOf: original.RerunOf ?? original.Id
        );
    }
}
