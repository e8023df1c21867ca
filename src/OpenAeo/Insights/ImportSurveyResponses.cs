using Microsoft.AspNetCore.Mvc;
using OpenAeo.Domain.Insights;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

internal sealed record SurveyImportResult(string File, int Survey, int Rows);

/// <summary>
/// Responses typed in from paper (or exported from another tool) imported from CSV: <c>respondent,segment,economy,&lt;question
/// codes…&gt;</c>, a level as 1–5 or its words, blank when not answered. All or nothing: every row is checked against the
/// survey's current version before anything is written, a bad cell names its line and column, and a respondent already
/// imported (or twice in the file) is refused, so a file cannot be counted twice.
/// </summary>
internal static class ImportSurveyResponses
{
    private const int MaxErrors = 50;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/surveys/{id:int}/responses/import", Handle).Accepts<string>("text/csv").WithUploadLimit(api, o => o.ImportMegabytes);

    [Authorize(Policies.Officers)]
    [EndpointSummary(
        "Import responses from a CSV body (respondent,segment,economy,<question codes…>); all or nothing, " + "errors name line and column."
    )]
    public static async Task<Results<Ok<SurveyImportResult>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Id))] int id,
        HttpRequest request,
        [FromQuery, Limit(nameof(Limits.FileName))] string? file,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var actor = Actor.From(user)!;
        if (Surveys.Refuses(actor) is { } refused)
        {
            return Problems.Forbidden(refused.Message);
        }

        if (!await db.Surveys().AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound($"There is no survey {id}.");
        }

        return await Uploads.ImportAsync<SurveyImportResult>(
            request,
            file ?? "responses.csv",
            async upload =>
            {
                using var input = CsvInput.OpenFile(upload.Path, upload.DisplayName, upload.Encoding);
                return TypedResults.Ok(await Run(input, id, actor, db, clock, ct));
            },
            ct
        );
    }

    public static async Task<SurveyImportResult> Run(
        CsvInput input,
        int surveyId,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var survey = await db.Surveys().AsNoTracking().SingleOrDefaultAsync(s => s.Id == surveyId, ct)
            ?? throw new FileImportException([new FileError(input.FileName, 1, 0, null, $"there is no survey {surveyId}")]);
        var version = survey.Current;
        input.RequireColumns(["respondent", "segment"], ["economy", .. version.Questions.Select(q => q.Code.ToLowerInvariant())]);

        var economies = await db.EconomyCodesAsync(ct);
        var imported = (
            await db.SurveyResponses()
                .AsNoTracking()
                .Where(r => r.SurveyId == surveyId && r.Reference != null)
                .Select(r => r.Reference!)
                .ToListAsync(ct)
        ).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var firstLine = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var drafts = new List<(string Reference, SurveyResponseDraft Draft)>();
        var errors = new List<FileError>();
        var codes = version.Questions.Where(q => input.HasColumn(q.Code.ToLowerInvariant())).Select(q => q.Code).ToList();
        while (errors.Count < MaxErrors && input.Read())
        {
            ct.ThrowIfCancellationRequested();
            var reference = input.Text("respondent")?.Trim();
            if (string.IsNullOrEmpty(reference))
            {
                errors.Add(input.Error("respondent", "no respondent: give each response a reference, such as its sheet number"));
                continue;
            }

            if (reference.Length > Limits.Reference.MaxLength)
            {
                errors.Add(input.Error("respondent", $"a respondent reference is at most {Limits.Reference.MaxLength} characters"));
                continue;
            }

            if (firstLine.TryGetValue(reference, out var earlier))
            {
                errors.Add(
                    input.Error("respondent", $"{reference} appears again (first on line {earlier}); a file holds each response once")
                );
                continue;
            }

            firstLine[reference] = input.Line;
            if (imported.Contains(reference))
            {
                errors.Add(input.Error("respondent", $"{reference} was already imported into this survey"));
                continue;
            }

            var answers = codes.ToDictionary(c => c, c => input.Text(c.ToLowerInvariant()), StringComparer.OrdinalIgnoreCase);
            var draft = SurveyAnswers.Check(
                version,
                input.Text("segment"),
                input.HasColumn("economy") ? input.Text("economy") : null,
                answers,
                economies
            );
            if (draft.IsOk)
            {
                drafts.Add((reference, draft.Value!));
            }
            else
            {
                errors.AddRange(
                    draft.Errors.Select(e =>
                        e.Field is "answers" or null ? input.RowError(e.Message) : input.Error(ColumnOf(e.Field), e.Message)
                    )
                );
            }
        }

        if (errors.Count > 0)
        {
            throw new FileImportException(errors.Take(MaxErrors).ToList());
        }

        if (drafts.Count == 0)
        {
            throw new FileImportException([new FileError(input.FileName, 2, 0, null, "the file has no responses")]);
        }

        var now = clock.GetUtcNow();
        var today = survey.Today(now);
        db.SurveyResponses()
            .AddRange(drafts.Select(d => SurveyResponse.From(surveyId, d.Draft, today, SurveyResponseSource.Import, d.Reference)));
        db.Audit(
            now,
            actor.Name,
            "survey.responses.imported",
            $"survey:{survey.Slug}",
            $"import of {input.FileName}",
            new
            {
                file = input.FileName,
                rows = drafts.Count,
                version = version.Number,
            }
        );
        await db.SaveChangesAsync(ct);
        return new SurveyImportResult(input.FileName, surveyId, drafts.Count);
    }

    /// <summary>The column a checked field is in: the question code as the header writes it (lowercase), or segment and economy.</summary>
    private static string ColumnOf(string field) => field.ToLowerInvariant();
}
