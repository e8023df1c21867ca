using System.Text;
using OpenAeo.Platform.Files;

namespace OpenAeo.Registry;

/// <summary><c>POST /programmes/{code}/holidays/import</c> from the programme page; the API's import is <see cref="ImportHolidays"/>, and
/// the rule is its <see cref="ImportHolidays.Run"/>.</summary>
internal static class ImportHolidaysForm
{
    /// <summary>The programme page's upload form (antiforgery-checked, cookie sign-in): imports, then back to the page with the years
    /// replaced or the file's errors.</summary>
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints
            .MapPost(
                "/programmes/{code}/holidays/import",
                async (
                    [Limit(nameof(Limits.ProgrammeCode))] string code,
                    IFormFile? file,
                    OpenAeoDb db,
                    TimeProvider clock,
                    ClaimsPrincipal user,
                    CancellationToken ct
                ) =>
                {
                    var page = $"/programmes/{Uri.EscapeDataString(code)}";
                    if (file is null || file.Length == 0)
                    {
                        return Results.Redirect(
                            $"{page}?holidayError="
                                + Uri.EscapeDataString("Choose a CSV (date,name) or iCalendar (.ics) file to import.")
                                + "#holidays"
                        );
                    }

                    try
                    {
                        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                        var result = await ImportHolidays.Run(
                            code,
                            await reader.ReadToEndAsync(ct),
                            Path.GetFileName(file.FileName),
                            Actor.From(user)!,
                            db,
                            clock,
                            ct
                        );
                        return result.IsOk
                            ? Results.Redirect(
                                $"{page}?holidaysImported="
                                    + Uri.EscapeDataString(
                                        string.Join(',', result.Value!.Years.OrderBy(y => y.Key).Select(y => $"{y.Key}:{y.Value}"))
                                    )
                                    + "#holidays"
                            )
                            : Results.NotFound();
                    }
                    catch (FileImportException e)
                    {
                        return Results.Redirect($"{page}?holidayError=" + Uri.EscapeDataString(e.FirstErrors()) + "#holidays");
                    }
                }
            )
            .RequireAuthorization(Policies.ReferenceDataEditors)
            .WithUploadLimit(endpoints, o => o.ImportMegabytes)
            .ExcludeFromDescription();
}
