using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

/// <summary><c>POST /insights/surveys/{id}/import</c> from the survey page; the API's import is
/// <see cref="ImportSurveyResponses"/>.</summary>
internal static class ImportSurveyResponsesForm
{
    /// <summary>The survey page's upload form (antiforgery-checked, cookie sign-in): imports, then back to the page with the count or the
    /// errors.</summary>
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints
            .MapPost(
                "/insights/surveys/{id:int}/import",
                async (
                    [Limit(nameof(Limits.Id))] int id,
                    IFormFile? file,
                    OpenAeoDb db,
                    TimeProvider clock,
                    ClaimsPrincipal user,
                    CancellationToken ct
                ) =>
                {
                    if (file is null || file.Length == 0)
                    {
                        return Results.Redirect(
                            $"/insights/surveys/{id}?importError=" + Uri.EscapeDataString("Choose a CSV file to import.")
                        );
                    }

                    try
                    {
                        await using var stream = file.OpenReadStream();
                        using var input = CsvInput.Open(Path.GetFileName(file.FileName), stream);
                        var result = await ImportSurveyResponses.Run(input, id, Actor.From(user)!, db, clock, ct);
                        return Results.Redirect($"/insights/surveys/{id}?imported={result.Rows}");
                    }
                    catch (FileImportException e)
                    {
                        return Results.Redirect($"/insights/surveys/{id}?importError=" + Uri.EscapeDataString(e.FirstErrors()));
                    }
                }
            )
            .RequireAuthorization(Policies.Officers)
            .WithUploadLimit(endpoints, o => o.ImportMegabytes)
            .ExcludeFromDescription();
}
