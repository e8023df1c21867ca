using System.CommandLine;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform;
using OpenAeo.Platform.Cli;
using OpenAeo.Platform.Persistence;
using Spectre.Console;

namespace OpenAeo.Registry;

/// <summary>CLI verbs of the registry: <c>operators import|export</c> and <c>users add</c>.</summary>
internal static class RegistryCommands
{
    public static void Add(RootCommand root, IServiceProvider services)
    {
        root.Subcommands.Add(Operators(services));
        root.Subcommands.Add(Users(services));
    }

    private static Command Operators(IServiceProvider services)
    {
        var operators = new Command("operators", "The operator registry.");

        var import = FileImportCommand.Create("Import operators from CSV: all or nothing; a bad row stops the import with file, line, column and reason.",
            "CSV with columns tin,legal_name,economy,roles,employees,turnover,sector,consent (roles separated by ';').", services, async (file, parse, sp, ct) =>
            {
                var result = await FileImportCommand.Read(file, input => WithProgress(parse, file.File.Length,
                    progress => ImportOperators.Run(input, Actor.Cli, sp.GetRequiredService<OpenAeoDb>(), sp.GetRequiredService<TimeProvider>(), progress, ct)));
                return $"{result.File}: {result.Rows} rows; {result.Registered} registered, {result.Updated} updated, {result.Unchanged} unchanged.";
            });
        operators.Subcommands.Add(import);

        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        var economy = new Option<string?>("--economy") { Description = "Only operators established in this economy." };
        var export = new Command("export", "Export operators as CSV in the import format.") { output, economy };
        export.SetAction(async (parse, ct) =>
        {
            await StartupTasks.RunAsync(services, serving: false, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
            var target = parse.GetValue(output);
            if (target is null)
            {
                await ExportOperators.Write(db, parse.Out(), parse.GetValue(economy), ct);
                return 0;
            }

            await using var writer = new StreamWriter(target.FullName);
            var count = await ExportOperators.Write(db, writer, parse.GetValue(economy), ct);
            parse.Error().WriteLine($"{count} operators written to {target.FullName}.");

            return 0;
        });
        operators.Subcommands.Add(export);
        return operators;
    }

    private static Command Users(IServiceProvider services)
    {
        var users = new Command("users", "Local accounts.");
        var name = new Option<string>("--name") { Description = "Sign-in name.", Required = true };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Enum.GetNames<Role>())}.", Required = true };
        var op = new Option<string?>("--operator") { Description = "For a Trader: the TIN of the operator it acts for." };
        var economy = new Option<string?>("--economy") { Description = "For a Partner: the partner administration's economy." };
        var agency = new Option<string?>("--agency") { Description = "For an OgaOfficer: the agency whose permits and inspections it decides (e.g. FDA)." };
        var display = new Option<string?>("--display-name") { Description = "Name shown in the UI." };
        var password = new Option<string?>("--password") { Description = "Password (or set OPENAEO_PASSWORD to keep it out of the shell history)." };
        var printKey = new Option<bool>("--print-api-key") { Description = "Issue an API key and print it once (only its hash is stored)." };
        var add = new Command("add", "Add an account.") { name, role, op, economy, agency, display, password, printKey };
        add.SetAction(async (parse, ct) =>
        {
            await StartupTasks.RunAsync(services, serving: false, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("OPENAEO_PASSWORD");
            var outcome = await AddUser.Execute(
                new AddUserRequest(parse.GetValue(name), parse.GetValue(display), parse.GetValue(role), parse.GetValue(op), parse.GetValue(economy), secret, parse.GetValue(printKey), "added on the command line", parse.GetValue(agency)),
                Actor.Cli, db, clock, ct);
            if (!outcome.IsOk)
            {
                return CommandLine.Fail(parse.Error(), outcome.Errors.Select(e => $"{e.Field ?? "error"}: {e.Message}"));
            }

            var created = outcome.Value!;
            parse.Error().WriteLine($"Added {created.Name} ({created.Role}{(created.Operator is null ? "" : " for " + created.Operator)}).");
            if (created.ApiKey is not null)
            {
                // The key alone on standard output, so scripts can capture it; it cannot be shown again.
                parse.Out().WriteLine(created.ApiKey);
            }

            return 0;
        });
        users.Subcommands.Add(add);
        return users;
    }

    /// <summary>Shows a progress bar on a terminal; stays quiet when output is redirected (CI, scripts).</summary>
    internal static async Task<T> WithProgress<T>(ParseResult parse, long bytes, Func<IProgress<ImportProgress>?, Task<T>> work)
    {
        if (parse.Error() != Console.Error || Console.IsErrorRedirected || bytes < 1_000_000)
        {
            return await work(null);
        }

        return await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var reading = ctx.AddTask("Reading and validating", maxValue: bytes);
                var writing = ctx.AddTask("Writing", autoStart: false);
                var progress = new Progress<ImportProgress>(p =>
                {
                    if (p.Stage == "Reading")
                    {
                        reading.Value = p.Done;
                    }
                    else
                    {
                        reading.Value = reading.MaxValue;
                        writing.StartTask();
                        writing.MaxValue = Math.Max(1, p.Total);
                        writing.Value = p.Done;
                    }
                });
                return await work(progress);
            });
    }
}

/// <summary>The registry's part of <c>openaeo demo seed</c>.</summary>
internal sealed class RegistryDemoSeeder : IDemoSeeder
{
    public int Order => 0;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct)
    {
        var created = await DemoData.Seed(services.GetRequiredService<OpenAeoDb>(), services.GetRequiredService<TimeProvider>(), password, ct);
        var output = new StringWriter();
        RegistryModule.PrintAccounts(output, created, password);
        return [$"Registry: {DemoData.Operators.Length} demo operators present; {created.Count} demo accounts added.", .. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
