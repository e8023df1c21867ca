using System.CommandLine;
using System.Text;
using OpenAeo.Platform.Files;

namespace OpenAeo.Platform.Cli;

/// <summary>A file to import, as the command line named it, and the encoding its <c>--encoding</c> gave (UTF-8 by default).</summary>
internal sealed record ImportFile(FileInfo File, Encoding Encoding);

/// <summary>
/// The shape every <c>&lt;noun&gt; import FILE.csv [--encoding NAME]</c> verb shares: the file must exist and the
/// encoding be known, the database is migrated, the import runs in a fresh scope, and a
/// <see cref="FileImportException"/> prints every error and "Nothing was imported." with the failure exit code.
/// </summary>
internal static class FileImportCommand
{
    /// <param name="run">Imports from the open file with the scope's services and returns the summary line to print.</param>
    public static Command Create(
        string description,
        string fileDescription,
        IServiceProvider services,
        Func<CsvInput, IServiceProvider, CancellationToken, Task<string>> run
    ) => Create(description, fileDescription, services, (file, _, sp, ct) => Read(file, input => run(input, sp, ct)));

    /// <param name="run">Imports the file (opening it as it needs) and returns the summary line to print.</param>
    public static Command Create(
        string description,
        string fileDescription,
        IServiceProvider services,
        Func<ImportFile, ParseResult, IServiceProvider, CancellationToken, Task<string>> run
    )
    {
        var file = new Argument<FileInfo>("file") { Description = fileDescription };
        var encoding = EncodingOption();
        var import = new Command("import", description) { file, encoding };
        import.SetAction(
            async (parse, ct) =>
            {
                var path = parse.GetValue(file)!;
                if (!path.Exists)
                {
                    return CommandLine.Fail(parse.Error(), [$"{path.FullName}: file not found"]);
                }

                var chosen = CsvInput.Encoding(parse.GetValue(encoding));
                if (!chosen.IsOk)
                {
                    CommandLine.Fail(parse.Error(), [$"--encoding: {chosen.Errors[0].Message}"]);
                    return CommandLine.UsageError;
                }

                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                try
                {
                    parse.Out().WriteLine(await run(new ImportFile(path, chosen.Value!), parse, scope.ServiceProvider, ct));
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
                    return CommandLine.Fail(
                        parse.Error(),
                        [
                            $"{path.Name}: {DatabaseConflicts.Explain(conflict, "this import")}",
                            "Nothing was imported; run the import again.",
                        ]
                    );
                }
            }
        );
        return import;
    }

    /// <summary><c>--encoding NAME</c>: how a CSV file that is not UTF-8 is read.</summary>
    public static Option<string?> EncodingOption() =>
        new("--encoding")
        {
            Description =
                "The file's text encoding when it is not UTF-8: windows-1252, latin1, big5, shift_jis, gb18030, euc-kr, utf-16, …",
        };

    /// <summary>Opens the file as CSV in its encoding for the work, and closes it after.</summary>
    public static async Task<T> Read<T>(ImportFile file, Func<CsvInput, Task<T>> work)
    {
        using var input = CsvInput.OpenFile(file.File.FullName, encoding: file.Encoding);
        return await work(input);
    }
}
