using System.CommandLine;
using System.Globalization;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform;
using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Cli;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>CLI verbs: <c>declarations import|generate|export</c>.</summary>
internal static class ClearanceCommands
{
    public static void Add(RootCommand root, IServiceProvider services)
    {
        var declarations = new Command(
            "declarations",
            "Customs declarations: import, generate synthetic traffic, export for a Time Release Study."
        );
        declarations.Subcommands.Add(Import(services));
        declarations.Subcommands.Add(Generate(services));
        declarations.Subcommands.Add(Export(services));
        root.Subcommands.Add(declarations);
    }

    private static Command Import(IServiceProvider services) =>
        FileImportCommand.Create(
            "Import declarations and decide their lanes: all or nothing; errors name file, line and column.",
            $"CSV or Parquet, one row per declaration: {string.Join(",", ImportDeclarations.Required)} and "
                + $"optionally {string.Join(",", ImportDeclarations.Optional)}.",
            services,
            async (file, parse, sp, ct) =>
            {
                var result = await RegistryCommands.WithProgress(parse, file.File.Length, progress =>
                    ImportDeclarations.Run(
                        file.File.FullName,
                        file.File.Name,
                        Actor.Cli,
                        sp.GetRequiredService<OpenAeoDb>(),
                        sp.GetRequiredService<AnalyticsDatabase>(),
                        sp.GetRequiredService<NodeIdentity>().Economy,
                        sp.GetRequiredService<TimeProvider>(),
                        progress,
                        ct,
                        file.Encoding
                    )
                );
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"{result.File}: {result.Rows} declarations imported (Green {result.Green}, Blue {result.Blue},"
                        + $" Yellow {result.Yellow}, Red {result.Red}; {result.Events} events)."
                );
            }
        );

    private static Command Generate(IServiceProvider services)
    {
        var count = new Option<int>("--count") { Description = "How many declarations.", Required = true };
        var seed = new Option<long>("--seed") { Description = "The same seed gives the same traffic.", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo>("--out") { Description = "The CSV file to write (the import format).", Required = true };
        var from = new Option<DateOnly?>("--from") { Description = "First lodgement day (default: 90 days before today)." };
        var to = new Option<DateOnly?>("--to") { Description = "Last lodgement day (default: yesterday)." };
        var generate = new Command(
            "generate",
            "Write realistic synthetic import traffic with AEO and non-AEO parties and partners' consignors, reproducible by seed."
        )
        {
            count,
            seed,
            output,
            from,
            to,
        };
        generate.SetAction(
            async (parse, ct) =>
            {
                var n = parse.GetValue(count);
                if (n < 1)
                {
                    return CommandLine.Fail(parse.Error(), ["--count must be at least 1."]);
                }

                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                var clock = sp.GetRequiredService<TimeProvider>();
                var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                var first = parse.GetValue(from) ?? today.AddDays(-90);
                var last = parse.GetValue(to) ?? today.AddDays(-1);
                if (first > last)
                {
                    return CommandLine.Fail(parse.Error(), ["--from is after --to."]);
                }

                var path = parse.GetValue(output)!.FullName;
                var written = await GenerateDeclarations.Execute(
                    sp.GetRequiredService<OpenAeoDb>(),
                    sp.GetRequiredService<NodeIdentity>().Economy,
                    n,
                    parse.GetValue(seed),
                    first,
                    last,
                    path,
                    clock,
                    null,
                    ct
                );
                parse
                    .Out()
                    .WriteLine(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"{path}: {written} declarations lodged {first:yyyy-MM-dd} to {last:yyyy-MM-dd} (seed {parse.GetValue(seed)})."
                        )
                    );
                return 0;
            }
        );
        return generate;
    }

    private static Command Export(IServiceProvider services)
    {
        var output = new Option<FileInfo>("--out") { Description = "The CSV file to write.", Required = true };
        var from = new Option<DateOnly?>("--from") { Description = "First lodgement day (office-local)." };
        var to = new Option<DateOnly?>("--to") { Description = "Last lodgement day (office-local)." };
        var export = new Command(
            "export",
            "Write one row per declaration in the declaration-level TRS format, with lane, importer_aeo and consignor_recognition."
        )
        {
            output,
            from,
            to,
        };
        export.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var path = parse.GetValue(output)!.FullName;
                var temporary = path + ".partial";
                int n;
                await using (var writer = new StreamWriter(temporary, false, new System.Text.UTF8Encoding(false), 1 << 16))
                {
                    n = await ExportDeclarations.Execute(
                        scope.ServiceProvider.GetRequiredService<OpenAeoDb>(),
                        parse.GetValue(from),
                        parse.GetValue(to),
                        writer,
                        ct
                    );
                }

                // Written aside and moved into place, so a failed export never leaves a truncated file under the asked name.
                File.Move(temporary, path, overwrite: true);
                parse.Out().WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {n} declarations."));
                return 0;
            }
        );
        return export;
    }
}
