using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Shared;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform.Files;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;

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
    IReadOnlyList<string>? Findings = null)
{
    public static StudyResponse From(SavedStudy s, bool withResult = true)
    {
        var result = withResult ? Result(s) : null;
        return new StudyResponse(
            s.Id, s.Name, s.Status.ToString(), s.Step, s.Percent, s.Strict, s.Input, s.RerunOf, s.CreatedBy, s.CreatedAt, s.StartedAt, s.FinishedAt,
            s.Errors is null ? null : JsonSerializer.Deserialize<List<FileErrorJson>>(s.Errors, ReportDocument.Json),
            result?.Study ?? Definition(s), result?.DataQuality, result?.Cells, result?.ChannelShares, result?.Rejected, result?.Did, result?.Findings);
    }

    public static StudyJson? Result(SavedStudy s) => s.Result is null ? null : JsonSerializer.Deserialize<StudyJson>(s.Result, ReportDocument.Json);

    /// <summary>The definition as asked, for a study that has not produced a result (yet).</summary>
    public static StudyDefinitionJson? Definition(SavedStudy s)
    {
        var request = JsonSerializer.Deserialize<StudyRequest>(s.Definition, ReportDocument.Json);
        var definition = request?.Stored();
        return definition is { IsOk: true } ? StudyDefinitionJson.From(definition.Value.Value!, s.Input) : null;
    }
}

/// <summary><c>GET /api/v1/trs/studies</c>, <c>/{id}</c>, <c>/{id}/report</c> and <c>POST /{id}/rerun</c>.</summary>
internal static class GetStudy
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/trs/studies/{id:long}", Handle).WithName(nameof(GetStudy)).WithTags("Time release")
            .RequireAuthorization(TimeReleaseModule.Analysts)
            .WithSummary("A saved study: its state while queued or running, and the spec's JSON once it has run.");
        api.MapGet("/trs/studies", List).WithName("ListStudies").WithTags("Time release")
            .RequireAuthorization(TimeReleaseModule.Analysts)
            .WithPaging(Sorts).WithSummary("Saved studies, newest first, without their results.");
        api.MapGet("/trs/studies/{id:long}/report", Report).WithName("StudyReport").WithTags("Time release")
            .RequireAuthorization(TimeReleaseModule.Analysts)
            .WithContentSecurityPolicy(SecurityHeaders.Documents)
            .WithSummary("Download a finished study as json, csv, html or md (the report's layout; html with charts).");
        api.MapPost("/trs/studies/{id:long}/rerun", Rerun).WithName("RerunStudy").WithTags("Time release")
            .RequireAuthorization(TimeReleaseModule.Analysts)
            .WithSummary("Run a saved study again on the same input (by fingerprint), as a new study that refers to it.");
    }

    public static async Task<Results<Ok<StudyResponse>, ProblemHttpResult>> Handle(long id, OpenAeoDb db, CancellationToken ct) =>
        await db.SavedStudies().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } study
            ? TypedResults.Ok(StudyResponse.From(study))
            : Problems.NotFound($"There is no study {id}.");

    /// <summary>Sorted in memory, as <see cref="Recent"/> says why.</summary>
    public static readonly Sorting<StudyResponse> Sorts = Sorting<StudyResponse>.Create("-id", s => s.Id).By("id", s => s.Id).By("name", s => s.Name);

    public static async Task<Results<Ok<Page<StudyResponse>>, ValidationProblem>> List([Limit(nameof(Limits.Page))] int? page, [Limit(nameof(Limits.PageSize))] int? pageSize, [Limit(nameof(Limits.Sort))] string? sort, OpenAeoDb db, HttpContext http, CancellationToken ct) =>
        await Paging.List(http, (await Recent(db, ct)).Select(s => StudyResponse.From(s, withResult: false)), Sorts, page, pageSize, sort, ct);

    /// <summary>Newest first. Sorted in memory: SQLite cannot order by an instant stored as ticks, and there are few studies.</summary>
    public static async Task<List<SavedStudy>> Recent(OpenAeoDb db, CancellationToken ct) =>
        [.. (await db.SavedStudies().AsNoTracking().ToListAsync(ct)).OrderByDescending(s => s.Id)];

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Report(
        long id, [Limit(nameof(Limits.Keyword))] string? format, [Limit(nameof(Limits.Keyword))] string? notation, OpenAeoDb db, CancellationToken ct)
    {
        ReportFormat chosen;
        try
        {
            chosen = ReportDocument.ParseFormat(format ?? "html");
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.");
        }

        var study = await db.SavedStudies().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (study is null)
        {
            return Problems.NotFound($"There is no study {id}.");
        }

        if (StudyResponse.Result(study) is not { } result)
        {
            return Problems.Conflict($"Study {id} is {study.Status.ToString().ToLowerInvariant()}; its report exists once it has succeeded.");
        }

        var text = new StringWriter();
        ReportDocument.Write(chosen, result.ToDocument(reportNotation: notation == "report"), result, text, null);
        var (type, extension) = chosen switch
        {
            ReportFormat.Json => ("application/json", "json"),
            ReportFormat.Csv => ("text/csv", "csv"),
            ReportFormat.Html => ("text/html", "html"),
            _ => ("text/markdown", "md"),
        };
        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), type + "; charset=utf-8", $"trs-study-{id}.{extension}");
    }

    public static async Task<Results<Accepted<StudyResponse>, ValidationProblem, ProblemHttpResult>> Rerun(
        long id, OpenAeoDb db, StudyInputs inputs, Platform.Analytics.AnalyticsDatabase analytics, StudyQueue queue, TimeProvider clock,
        System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
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
        long id, string actor, OpenAeoDb db, StudyInputs inputs, Platform.Analytics.AnalyticsDatabase analytics, StudyQueue queue, TimeProvider clock, CancellationToken ct)
    {
        var original = await db.SavedStudies().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (original is null)
        {
            return null;
        }

        var request = new CreateStudyRequest(original.Name, JsonSerializer.Deserialize<StudyRequest>(original.Definition, ReportDocument.Json), original.InputSha256, null, original.Strict);
        return await SaveStudy.Execute(request, null, actor, db, inputs, analytics, queue, clock, ct, rerunOf: original.RerunOf ?? original.Id);
    }
}
