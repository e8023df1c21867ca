using System.CommandLine;
using OpenAeo.Platform.Files;
using OpenAeo.Platform.Persistence;

namespace OpenAeo.Platform.Cli;

/// <summary>
/// The shape every <c>&lt;noun&gt; import FILE.csv</c> verb shares: the file must exist, the database is migrated,
/// the import runs in a fresh scope, and a <see cref="FileImportException"/> prints every error and "Nothing was
/// imported." with the failure exit code.
/// </summary>
internal static class FileImportCommand
{
    /// <param name="run">Imports from the open file with the scope's services and returns the summary line to print.</param>
    public static Command Create(string description, string fileDescription, IServiceProvider services, Func<CsvInput, IServiceProvider, CancellationToken, Task<string>> run)
    {
        var file = new Argument<FileInfo>("file") { Description = fileDescription };
        var import = new Command("import", description) { file };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                return CommandLine.Fail(parse.Error(), [$"{path.FullName}: file not found"]);
            }

            await StartupTasks.RunAsync(services, serving: false, ct);
            await using var scope = services.CreateAsyncScope();
            try
            {
                using var input = CsvInput.OpenFile(path.FullName);
                parse.Out().WriteLine(await run(input, scope.ServiceProvider, ct));
                return 0;
            }
            catch (FileImportException e)
            {
                return CommandLine.Fail(parse.Error(), [.. e.Errors.Select(x => x.ToString()), "Nothing was imported."]);
            }
            catch (Exception e) when (DatabaseConflicts.Classify(e) is var conflict and not RaceLoss.None)
            {
                // Another process wrote the same records (the same file imported twice at once): its import stands, and
                // this one rolled back whole; running it again updates what the other one wrote (ADR 0019).
                return CommandLine.Fail(parse.Error(), [$"{path.Name}: {DatabaseConflicts.Explain(conflict, "this import")}", "Nothing was imported; run the import again."]);
            }
        });
        return import;
    }
}
