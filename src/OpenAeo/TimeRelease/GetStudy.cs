using System.Text.Json;
using OpenAeo.Domain.TimeRelease;

namespace OpenAeo.TimeRelease;

internal sealed record FileErrorJson(string File, int Line, int Column, string? ColumnName, string Message);

/// <summary>
/// A saved study on the wire: its state, its input and, once it has run, the spec's JSON (<c>study</c>,
/// <c>dataQuality</c>, <c>cells</c>, <c>channelShares</c>) at the top level, so a client reads a finished study
/// exactly as it reads <c>openaeo trs run --format json</c>.
/// </summary>
internal sealed record StudyResponse(
    long Id,
    string Name,
    string Status,
    string? Step,
    double? Percent,
    bool Strict,
    StudyInputJson Input,
    long? RerunOf,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<FileErrorJson>? Errors,
    StudyDefinitionJson? Study,
    DataQuality? DataQuality,
    IReadOnlyList<CellJson>? Cells,
    IReadOnlyList<ChannelShareJson>? ChannelShares,
    IReadOnlyList<RejectedRow>? Rejected,
    DidJson? Did = null,
    IReadOnlyList<string>? Findings = null
)
{
    public static StudyResponse From(SavedStudy s, bool withResult = true)
    {
        var result = withResult ? Result(s) : null;
        return new StudyResponse(
            s.Id,
            s.Name,
            s.Status.ToString(),
            s.Step,
            s.Percent,
            s.Strict,
            s.Input,
            s.RerunOf,
            s.CreatedBy,
            s.CreatedAt,
            s.StartedAt,
            s.FinishedAt,
            s.Errors is null ? null : JsonSerializer.Deserialize<List<FileErrorJson>>(s.Errors, ReportDocument.Json),
            result?.Study ?? Definition(s),
            result?.DataQuality,
            result?.Cells,
            result?.ChannelShares,
            result?.Rejected,
            result?.Did,
            result?.Findings
        );
    }

    public static StudyJson? Result(SavedStudy s) =>
        s.Result is null ? null : JsonSerializer.Deserialize<StudyJson>(s.Result, ReportDocument.Json);

    /// <summary>The definition as asked, for a study that has not produced a result (yet).</summary>
    public static StudyDefinitionJson? Definition(SavedStudy s)
    {
        var request = JsonSerializer.Deserialize<StudyRequest>(s.Definition, ReportDocument.Json);
        var definition = request?.Stored();
        return definition is { IsOk: true } ? StudyDefinitionJson.From(definition.Value.Value!, s.Input) : null;
    }
}

/// <summary>One saved study: its state while queued or running, and its result once it has run.</summary>
internal static class GetStudy
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/trs/studies/{id:long}", Handle);

    [Authorize(TimeReleaseModule.Analysts)]
    [EndpointSummary("A saved study: its state while queued or running, and the spec's JSON once it has run.")]
    public static async Task<Results<Ok<StudyResponse>, ProblemHttpResult>> Handle(long id, OpenAeoDb db, CancellationToken ct) =>
        await db.SavedStudies().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } study
            ? TypedResults.Ok(StudyResponse.From(study))
            : Problems.NotFound($"There is no study {id}.");
}
