using OpenAeo.Platform.Files;

namespace OpenAeo.TimeRelease;

/// <summary><c>POST /trs/inputs</c> from the new-study page; the API's upload is <see cref="UploadStudyInput"/>.</summary>
internal static class UploadStudyInputForm
{
    /// <summary>The web page's upload form (antiforgery-checked, cookie sign-in): stores the file, then back to the form with it
    /// chosen.</summary>
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints
            .MapPost("/trs/inputs", async (IFormFile? file, StudyInputs inputs, CancellationToken ct) =>
            {
                if (file is null || file.Length == 0)
                {
                    return Results.Redirect("/trs/new?uploadError=" + Uri.EscapeDataString("Choose a file to upload."));
                }

                await using var stream = file.OpenReadStream();
                var (input, _) = await inputs.SaveAsync(stream, file.FileName, ct);
                return Results.Redirect($"/trs/new?input={input.Sha256}");
            })
            .RequireAuthorization(TimeReleaseModule.Analysts)
            .WithUploadLimit(endpoints, o => o.StudyInputMegabytes)
            .ExcludeFromDescription();
}
