using OpenAeo.Platform.Files;

namespace OpenAeo.TimeRelease;

/// <summary>The form <c>POST /api/v1/trs/inputs</c> reads: the events file, CSV or Parquet.</summary>
internal sealed record StudyInputUpload(IFormFile File);

/// <summary>
/// Stores an events file (CSV or Parquet) under its fingerprint, for studies to refer to: from the API (the web page's
/// form posts to <see cref="UploadStudyInputForm"/>).
/// </summary>
internal static class UploadStudyInput
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/trs/inputs", Handle)
            .DisableAntiforgery()
            .Accepts<StudyInputUpload>("multipart/form-data")
            .WithUploadLimit(api, o => o.StudyInputMegabytes);

    [Authorize(TimeReleaseModule.Analysts)]
    [EndpointSummary("Upload an events file (CSV or Parquet) as 'file'; returns its fingerprint for studies to refer to.")]
    public static async Task<Results<Created<StudyInputJson>, ValidationProblem>> Handle(
        HttpRequest request,
        StudyInputs inputs,
        CancellationToken ct
    )
    {
        IFormFile? file;
        try
        {
            file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
        }
        catch (InvalidDataException e)
        {
            return Problems.Invalid([Uploads.Unreadable(e)]);
        }

        if (file is null)
        {
            return Problems.Invalid([
                new DomainError("input.file", "Send the events file as multipart/form-data in a field named 'file'.", "file"),
            ]);
        }

        await using var stream = file.OpenReadStream();
        var (input, _) = await inputs.SaveAsync(stream, file.FileName, ct);
        return TypedResults.Created($"/api/v1/trs/inputs/{input.Sha256}", input);
    }
}
