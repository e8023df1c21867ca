using System.Text.Json;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Files;

namespace OpenAeo.TimeRelease;

/// <summary>A study to save and run: its definition, and its input as the fingerprint of an uploaded file.</summary>
/// <param name="Input">The SHA-256 of a file uploaded before (<c>POST /api/v1/trs/inputs</c> or the web page).</param>
/// <param name="Source">"openaeo" for OpenAeo's own clearance data, frozen as an input when the study is saved.</param>
internal sealed record CreateStudyRequest(
    [Limit(nameof(Limits.Name))] string? Name,
    StudyRequest? Definition,
    [Limit(nameof(Limits.Sha256))] string? Input,
    [Limit(nameof(Limits.Keyword))] string? Source,
    bool Strict
);

/// <summary>
/// Saves a study and queues it for <see cref="StudyRunner"/>: the definition is checked and the input's columns
/// are checked against it first, so a study that cannot run is refused at once with the reason. The API and the web
/// page both come here.
/// </summary>
internal static class SaveStudy
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/trs/studies", Handle)
            .Accepts<CreateStudyRequest>("application/json", "multipart/form-data")
            .DisableAntiforgery()
            .WithUploadLimit(api, o => o.StudyInputMegabytes);

    [Authorize(TimeReleaseModule.Analysts)]
    [EndpointSummary(
        "Save and queue a study: JSON with the definition and an uploaded input's SHA-256, or a form with "
            + "'definition' (the same JSON) and 'file'."
    )]
    public static async Task<Results<Accepted<StudyResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpRequest request,
        OpenAeoDb db,
        StudyInputs inputs,
        AnalyticsDatabase analytics,
        StudyQueue queue,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var (body, upload, unreadable) = await ReadAsync(request, inputs, ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var outcome = await Execute(
            body ?? new CreateStudyRequest(null, null, null, null, false),
            upload,
            user.Identity?.Name ?? "?",
            db,
            inputs,
            analytics,
            queue,
            clock,
            ct
        );
        return outcome switch
        {
            { Study: { } saved } => TypedResults.Accepted($"/api/v1/trs/studies/{saved.Id}", StudyResponse.From(saved)),
            { FileErrors: { } file } => FileProblems.From(file),
            { Errors: var errors } => Problems.Invalid(errors!),
        };
    }

    /// <summary>The request as JSON, or as a form with the same JSON in 'definition' and an events file (stored as it is read).</summary>
    private static async Task<(
        CreateStudyRequest? Body,
        (StudyInputJson Input, string Path)? Upload,
        ValidationProblem? Unreadable
    )> ReadAsync(HttpRequest request, StudyInputs inputs, CancellationToken ct)
    {
        try
        {
            if (!request.HasFormContentType)
            {
                return (await request.ReadFromJsonAsync<CreateStudyRequest>(ReportDocument.Json, ct), null, null);
            }

            var form = await request.ReadFormAsync(ct);
            var body = JsonSerializer.Deserialize<CreateStudyRequest>(
                form["definition"].ToString() is { Length: > 0 } json ? json : "{}",
                ReportDocument.Json
            );
            if (form.Files.GetFile("file") is not { } file)
            {
                return (body, null, null);
            }

            await using var stream = file.OpenReadStream();
            return (body, await inputs.SaveAsync(stream, file.FileName, ct), null);
        }
        catch (JsonException e)
        {
            return (null, null, Problems.Invalid([RequestProblems.FromJson(e, typeof(CreateStudyRequest), ReportDocument.Json)]));
        }
        catch (InvalidDataException e)
        {
            return (null, null, Problems.Invalid([Uploads.Unreadable(e)]));
        }
    }

    internal sealed record Outcome(SavedStudy? Study, IReadOnlyList<DomainError>? Errors, FileImportException? FileErrors);

    public static async Task<Outcome> Execute(
        CreateStudyRequest request,
        (StudyInputJson Input, string Path)? upload,
        string actor,
        OpenAeoDb db,
        StudyInputs inputs,
        AnalyticsDatabase analytics,
        StudyQueue queue,
        TimeProvider clock,
        CancellationToken ct,
        long? rerunOf = null
    )
    {
        // Read by hand from JSON or a form, or built by the page: held to its fields' limits here.
        var errors = RequestLimits.Errors(request);
        if (errors.Count > 0)
        {
            return new Outcome(null, errors, null);
        }

        var asked = request.Definition ?? new StudyRequest(null, null, null, null, null, null, null, null, null, false, null);
        Result<StudyDefinition> definition;
        if (rerunOf is null)
        {
            var (resolved, workingClock) = await StudyCalendars.ResolveAsync(db, asked, ct);
            definition = resolved.ToDefinition(string.IsNullOrWhiteSpace(asked.Mra) ? [] : await StudyMras.LoadAsync(db, ct), workingClock);
        }
        else
        {
            definition = asked.Stored();
        }

        errors.AddRange(definition.Errors);
        if (request.Source is { } source && !ClearanceSource.Is(source))
        {
            errors.Add(
                new DomainError(
                    "study.source",
                    $"'{source}' is not a source; the only one is '{ClearanceSource.Name}', otherwise give an input.",
                    "source"
                )
            );
        }
        else if (request.Source is not null && errors.Count == 0)
        {
            upload = await ClearanceSource.SnapshotAsync(db, inputs, clock, ct);
            if (upload is null)
            {
                errors.Add(new DomainError("study.source", ClearanceSource.Empty, "source"));
            }
        }

        var input = upload ?? inputs.Find(request.Input);
        if (input is null && request.Source is null)
        {
            // A form with nothing chosen posts an empty value: that is no input, not an input named "".
            errors.Add(
                new DomainError(
                    "study.input",
                    string.IsNullOrWhiteSpace(request.Input)
                        ? "Give the input: upload an events file, or the SHA-256 of one uploaded before."
                        : $"There is no uploaded input with SHA-256 {request.Input}.",
                    "input"
                )
            );
        }

        if (errors.Count > 0)
        {
            return new Outcome(null, errors, null);
        }

        try
        {
            // The columns are checked now, so a study that cannot run is refused before it is queued.
            using var connection = analytics.Open();
            EventFile.Open(connection, input!.Value.Path, input.Value.Input.File).Check(definition.Value!);
        }
        catch (FileImportException e)
        {
            return new Outcome(null, null, e);
        }

        var name = definition.Value!.NameOn(request.Name, input.Value.Input.File);
        var now = clock.GetUtcNow();
        var study = SavedStudy.Queue(
            name,
            JsonSerializer.Serialize(StudyRequest.From(definition.Value!), ReportDocument.Json),
            request.Strict,
            input.Value.Input,
            rerunOf,
            actor,
            now
        );
        db.SavedStudies().Add(study);
        await db.SaveChangesAsync(ct);
        db.Audit(
            now,
            actor,
            rerunOf is null ? "trs.study.queued" : "trs.study.rerun",
            $"trs-study:{study.Id}",
            null,
            new
            {
                study.Name,
                input = study.InputSha256,
                file = study.InputFile,
                rerunOf,
            }
        );
        await db.SaveChangesAsync(ct);
        queue.Enqueue(study.Id);
        return new Outcome(study, null, null);
    }
}
