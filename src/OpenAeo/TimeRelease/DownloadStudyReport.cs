using System.Text;

namespace OpenAeo.TimeRelease;

/// <summary>A finished study as a document: json, csv, html (with charts) or md, in the report's layout.</summary>
internal static class DownloadStudyReport
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/trs/studies/{id:long}/report", Handle).WithName("StudyReport").WithContentSecurityPolicy(SecurityHeaders.Documents);

    [Authorize(TimeReleaseModule.Analysts)]
    [EndpointSummary("Download a finished study as json, csv, html or md (the report's layout; html with charts).")]
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(
        long id,
        [Limit(nameof(Limits.Keyword))] string? format,
        [Limit(nameof(Limits.Keyword))] string? notation,
        OpenAeoDb db,
        CancellationToken ct
    )
    {
        ReportFormat chosen;
        try
        {
            chosen = ReportDocument.ParseFormat(format ?? "html");
        }
        catch (ArgumentException e)
        {
            // Not Problems.Invalid: a ValidationProblem in the results hides this file endpoint's 200 from the contract.
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.");
        }

        var study = await db.SavedStudies().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (study is null)
        {
            return Problems.NotFound($"There is no study {id}.");
        }

        if (StudyResponse.Result(study) is not { } result)
        {
            return Problems.Conflict(
                $"Study {id} is {study.Status.ToString().ToLowerInvariant()}; its report exists once it has succeeded."
            );
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
}
