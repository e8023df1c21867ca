using OpenAeo.Domain.Insights;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

/// <summary>
/// The raw responses as CSV in the import format (<c>respondent,segment,economy,&lt;question codes…&gt;</c>, the current version's
/// questions, levels as numbers), so they can be analysed elsewhere or imported into another survey. A response answered on
/// the web has no respondent reference; it is written as <c>web-</c> and its row number, which identifies the row, not a person.
/// </summary>
internal static class SurveyExport
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/surveys/{id:int}/responses/export", Handle)
            .WithName("ExportSurveyResponses")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");

    [Authorize(Policies.Officers)]
    [EndpointSummary("Every response as CSV in the import format.")]
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Id))] int id,
        OpenAeoDb db,
        CancellationToken ct
    )
    {
        var survey = await db.Surveys().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return Problems.NotFound($"There is no survey {id}.");
        }

        await using var text = new StringWriter();
        await Write(survey, db, text, ct);
        return TypedResults.File(
            System.Text.Encoding.UTF8.GetBytes(text.ToString()),
            "text/csv; charset=utf-8",
            $"{survey.Slug}-responses.csv"
        );
    }

    public static async Task<int> Write(Survey survey, OpenAeoDb db, TextWriter writer, CancellationToken ct)
    {
        var codes = survey.Current.Questions.Select(q => q.Code).ToList();
        await CsvOutput.WriteRowAsync(writer, ["respondent", "segment", "economy", .. codes], ct);
        var count = 0;
        await foreach (
            var r in db.SurveyResponses()
                .AsNoTracking()
                .Where(r => r.SurveyId == survey.Id)
                .OrderBy(r => r.Id)
                .AsAsyncEnumerable()
                .WithCancellation(ct)
        )
        {
            var answers = r.Answers.ToDictionary(a => a.Code, StringComparer.OrdinalIgnoreCase);
            await CsvOutput.WriteRowAsync(
                writer,
                [
                    r.Reference ?? $"web-{r.Id}",
                    r.Segment,
                    r.Economy,
                    .. codes.Select(c =>
                        answers.TryGetValue(c, out var a)
                            ? a.Level?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? a.Text
                            : null
                    ),
                ],
                ct
            );
            count++;
        }

        return count;
    }
}
