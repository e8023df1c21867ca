using OpenAeo.Clearance;

namespace OpenAeo.TimeRelease;

/// <summary>
/// OpenAeo's own clearance data as a study input (<c>--source openaeo</c>): the declarations export in the
/// declaration-level format, frozen as an input file under its SHA-256 like an upload, so a saved study can be re-run
/// on exactly the data it saw and compared with a run on later data.
/// </summary>
internal static class ClearanceSource
{
    public const string Name = "openaeo";

    public const string Empty =
        "OpenAeo holds no declarations yet: lodge or import some (openaeo declarations import), or give an events file.";

    public static bool Is(string? source) => Name.Equals(source, StringComparison.OrdinalIgnoreCase);

    /// <returns>The frozen input, or null when there are no declarations.</returns>
    public static async Task<(StudyInputJson Input, string Path)?> SnapshotAsync(
        OpenAeoDb db,
        StudyInputs inputs,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (!await db.Declarations().AnyAsync(ct))
        {
            return null;
        }

        var temporary = Path.GetTempFileName();
        try
        {
            await using (var writer = new StreamWriter(temporary, false, new System.Text.UTF8Encoding(false), 1 << 16))
            {
                await ExportDeclarations.Execute(db, null, null, writer, ct);
            }

            await using var stream = File.OpenRead(temporary);
            return await inputs.SaveAsync(stream, $"openaeo-declarations-{clock.GetUtcNow():yyyyMMdd-HHmm}.csv", ct);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
