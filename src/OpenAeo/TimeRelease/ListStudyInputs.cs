namespace OpenAeo.TimeRelease;

/// <summary>The uploaded study input files, for analysts choosing one.</summary>
internal static class ListStudyInputs
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/trs/inputs", (StudyInputs inputs) => TypedResults.Ok(inputs.List()))
            .WithName(nameof(ListStudyInputs))
            .WithSummary("The uploaded study input files.")
            .RequireAuthorization(TimeReleaseModule.Analysts);
}
