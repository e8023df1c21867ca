using System.Text;
using Microsoft.Extensions.Options;

namespace OpenAeo.Platform.Files;

/// <summary>How large an upload may be, by kind, section <c>Uploads</c>; a larger request is refused with 413 before it is
/// stored.</summary>
internal sealed class UploadOptions
{
    /// <summary>A CSV body of an import (operators, declarations).</summary>
    public int ImportMegabytes { get; set; } = 100;

    /// <summary>A request carrying an evidence document (the domain also caps each document).</summary>
    public int DocumentMegabytes { get; set; } = 25;

    /// <summary>A time release study's events file, uploaded alone or with the study.</summary>
    public int StudyInputMegabytes { get; set; } = 200;
}

internal static class Uploads
{
    /// <summary>
    /// Holds the endpoint's request body to the configured size, as Kestrel's limit and as the form reader's: beyond it
    /// the request is refused with 413 (problem details) before anything is stored.
    /// </summary>
    public static RouteHandlerBuilder WithUploadLimit(
        this RouteHandlerBuilder builder,
        IEndpointRouteBuilder endpoints,
        Func<UploadOptions, int> megabytes
    )
    {
        var bytes = Bytes(endpoints.ServiceProvider.GetRequiredService<IOptions<UploadOptions>>().Value, megabytes);
        return builder
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(bytes))
            .WithFormOptions(multipartBodyLengthLimit: bytes);
    }

    /// <summary>A form the reader gave up on (malformed, or over the form limits) as a field error.</summary>
    public static DomainError Unreadable(InvalidDataException e) => new("request.form", $"The form could not be read: {e.Message}", "");

    public static long Bytes(UploadOptions options, Func<UploadOptions, int> megabytes) =>
        Math.Max(1, (long)megabytes(options)) * 1024 * 1024;

    /// <summary>
    /// What every import endpoint does around its import: the body spooled to a temporary file (<see cref="SpoolAsync"/>;
    /// an unknown charset is a field error), <paramref name="import"/> run on it, and a file it rejected answered with every
    /// line and column as problem details (nothing was written). The file is deleted when the import ends.
    /// </summary>
    public static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> ImportAsync<T>(
        HttpRequest request,
        string? fileName,
        Func<SpooledUpload, Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>>> import,
        CancellationToken ct
    )
    {
        var spooled = await SpoolAsync(request, fileName, ct);
        if (!spooled.IsOk)
        {
            return Problems.Invalid(spooled.Errors);
        }

        using var upload = spooled.Value!;
        try
        {
            return await import(upload);
        }
        catch (FileImportException e)
        {
            return FileProblems.From(e);
        }
    }

    /// <summary>
    /// A CSV request body written to a temporary file (the CSV reader is synchronous, so no request thread waits on the
    /// network), with the name errors use and the encoding its <c>Content-Type</c>'s charset names (UTF-8 when none).
    /// </summary>
    public static async Task<Result<SpooledUpload>> SpoolAsync(HttpRequest request, string? fileName, CancellationToken ct)
    {
        var encoding = CsvInput.Encoding(request.GetTypedHeaders().ContentType?.Charset.Value?.Trim('"'));
        if (!encoding.IsOk)
        {
            return Result<SpooledUpload>.Fail([encoding.Errors[0] with { Field = "charset" }]);
        }

        var spool = new SpooledUpload(
            Path.GetTempFileName(),
            string.IsNullOrWhiteSpace(fileName) ? "upload.csv" : Path.GetFileName(fileName),
            encoding.Value!
        );
        try
        {
            await using var target = File.Create(spool.Path);
            await request.Body.CopyToAsync(target, ct);
        }
        catch
        {
            spool.Dispose();
            throw;
        }

        return Result<SpooledUpload>.Ok(spool);
    }
}

/// <summary>An upload kept in a temporary file until disposed.</summary>
internal sealed record SpooledUpload(string Path, string DisplayName, Encoding Encoding) : IDisposable
{
    public void Dispose() => File.Delete(Path);
}
