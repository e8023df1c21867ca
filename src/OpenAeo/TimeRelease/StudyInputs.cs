using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OpenAeo.Platform;
using OpenAeo.Platform.Files;

namespace OpenAeo.TimeRelease;

/// <summary>Settings of time release studies, section <c>TimeRelease</c>.</summary>
internal sealed class TimeReleaseOptions
{
    /// <summary>Where uploaded event files are kept, relative to the content root (the executable's folder) like the SQLite file.</summary>
    public string InputFolder { get; set; } = "data/trs-inputs";
}

/// <summary>
/// Uploaded event files, kept once per content: <c>{sha256}/{name}</c>. The SHA-256 is the input's fingerprint a
/// saved study keeps, so a re-run reads exactly the same bytes, and uploading the same file twice stores it once.
/// Studies refer to inputs by fingerprint only, never by a path, so no request can reach another file on the server.
/// Folders and files are created owner-only: traders' declarations are in them.
/// </summary>
internal sealed class StudyInputs(IOptions<TimeReleaseOptions> options, IHostEnvironment environment)
{
    private string Folder => environment.DataPath(options.Value.InputFolder);

    public async Task<(StudyInputJson Input, string Path)> SaveAsync(Stream content, string fileName, CancellationToken ct)
    {
        OwnerOnly.CreateDirectory(Folder);
        var spool = Path.Combine(Folder, $".upload-{Guid.NewGuid():N}");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var target = OwnerOnly.CreateFile(spool, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var name = SafeName(fileName);
            var existing = Find(sha);
            if (existing is not null)
            {
                return existing.Value;
            }

            var folder = Path.Combine(Folder, sha);
            OwnerOnly.CreateDirectory(folder);
            var path = Path.Combine(folder, name);
            File.Move(spool, path);
            return (RunStudy.Describe(path, name, sha), path);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    /// <summary>The stored file with this fingerprint, if any.</summary>
    public (StudyInputJson Input, string Path)? Find(string? sha256)
    {
        if (sha256 is not { Length: 64 } || !sha256.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var folder = Path.Combine(Folder, sha256);
        var path = Directory.Exists(folder) ? Directory.EnumerateFiles(folder).FirstOrDefault() : null;
        return path is null ? null : (RunStudy.Describe(path, Path.GetFileName(path), sha256), path);
    }

    public IReadOnlyList<StudyInputJson> List() =>
        !Directory.Exists(Folder)
            ? []
            :
            [
                .. Directory
                    .EnumerateDirectories(Folder)
                    .Select(d => Find(Path.GetFileName(d)))
                    .OfType<(StudyInputJson Input, string Path)>()
                    .OrderByDescending(i => File.GetLastWriteTimeUtc(i.Path))
                    .Select(i => i.Input),
            ];

    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var invalid = Path.GetInvalidFileNameChars();
        name = new string([.. name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]).Trim('.', ' ');
        return name.Length == 0 ? "events.csv" : name[..Math.Min(name.Length, 200)];
    }
}
