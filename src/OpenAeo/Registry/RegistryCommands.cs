using System.CommandLine;
using Microsoft.Extensions.Options;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform;
using OpenAeo.Platform.Cli;
using OpenAeo.Platform.Files;
using Spectre.Console;

namespace OpenAeo.Registry;

/// <summary>CLI verbs of the registry: <c>operators import|export</c> and <c>users
/// add|list|disable|enable|reset-password|rotate-key|revoke-key|unlock</c>.</summary>
internal static class RegistryCommands
{
    public static void Add(RootCommand root, IServiceProvider services)
    {
        root.Subcommands.Add(Operators(services));
        root.Subcommands.Add(Users(services));
        root.Subcommands.Add(Programmes(services));
    }

    /// <summary><c>programmes holidays import CODE FILE</c>: a programme's dated holidays per year from CSV or iCalendar.</summary>
    private static Command Programmes(IServiceProvider services)
    {
        var code = new Argument<string>("code") { Description = "The programme's code, e.g. TW." };
        var file = new Argument<FileInfo>("file")
        {
            Description = "CSV with columns date,name (yyyy-mm-dd), or iCalendar (.ics) with all-day events.",
        };
        var encoding = FileImportCommand.EncodingOption();
        var import = new Command(
            "import",
            "Replace the dated holidays of the years the file covers (Lunar New Year, Easter, substitute days): "
                + "all or nothing; a bad line stops the import with file, line, column and reason."
        )
        {
            code,
            file,
            encoding,
        };
        import.SetAction(
            async (parse, ct) =>
            {
                var path = parse.GetValue(file)!;
                var chosen = CsvInput.Encoding(parse.GetValue(encoding));
                if (!path.Exists || !chosen.IsOk)
                {
                    return CommandLine.Fail(
                        parse.Error(),
                        [path.Exists ? $"--encoding: {chosen.Errors[0].Message}" : $"{path.FullName}: file not found"]
                    );
                }

                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                try
                {
                    var text = await File.ReadAllTextAsync(path.FullName, chosen.Value!, ct);
                    var result = await ImportHolidays.Run(
                        parse.GetValue(code)!,
                        text,
                        path.Name,
                        Actor.Cli,
                        sp.GetRequiredService<OpenAeoDb>(),
                        sp.GetRequiredService<TimeProvider>(),
                        ct
                    );
                    if (!result.IsOk)
                    {
                        return CommandLine.Fail(parse.Error(), [result.Errors[0].Message]);
                    }

                    parse
                        .Out()
                        .WriteLine(
                            $"{result.Value!.Programme}: "
                                + string.Join(", ", result.Value.Years.Select(y => $"{y.Key} now has {y.Value} dated holidays"))
                                + $" (from {path.Name})."
                        );
                    return 0;
                }
                catch (FileImportException e)
                {
                    return CommandLine.Fail(parse.Error(), [.. e.Errors.Select(x => x.ToString()), "Nothing was imported."]);
                }
            }
        );

        var holidays = new Command("holidays", "A programme's dated holidays.") { import };
        return new Command("programmes", "AEO programmes.") { holidays };
    }

    private static Command Operators(IServiceProvider services)
    {
        var operators = new Command("operators", "The operator registry.");

        var import = FileImportCommand.Create(
            "Import operators from CSV: all or nothing; a bad row stops the import with file, line, column and reason.",
            "CSV with columns tin,legal_name,economy,roles,employees,turnover,sector,consent (roles separated by ';').",
            services,
            async (file, parse, sp, ct) =>
            {
                var result = await FileImportCommand.Read(file, input =>
                    WithProgress(parse, file.File.Length, progress =>
                        ImportOperators.Run(
                            input,
                            Actor.Cli,
                            sp.GetRequiredService<OpenAeoDb>(),
                            sp.GetRequiredService<TimeProvider>(),
                            progress,
                            ct
                        )
                    )
                );
                return $"{result.File}: {result.Rows} rows; {result.Registered} registered, {result.Updated} updated, "
                    + $"{result.Unchanged} unchanged.";
            }
        );
        operators.Subcommands.Add(import);

        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        var economy = new Option<string?>("--economy") { Description = "Only operators established in this economy." };
        var export = new Command("export", "Export operators as CSV in the import format.") { output, economy };
        export.SetAction(
            async (parse, ct) =>
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
            }
        );
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
        var agency = new Option<string?>("--agency")
        {
            Description = "For an OgaOfficer: the agency whose permits and inspections it decides (e.g. FDA).",
        };
        var display = new Option<string?>("--display-name") { Description = "Name shown in the UI." };
        var timeZone = new Option<string?>("--time-zone")
        {
            Description = "The IANA zone the person reads times in (e.g. Pacific/Auckland); default: the node's zone.",
        };
        var password = new Option<string?>("--password")
        {
            Description = "Password (or set OPENAEO_PASSWORD to keep it out of the shell history).",
        };
        var printKey = new Option<bool>("--print-api-key")
        {
            Description = "Issue an API key and print it once (only its hash is stored).",
        };
        var add = new Command("add", "Add an account.") { name, role, op, economy, agency, display, password, printKey, timeZone };
        add.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
                var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
                var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("OPENAEO_PASSWORD");
                var outcome = await AddUser.Execute(
                    new AddUserRequest(
                        parse.GetValue(name),
                        parse.GetValue(display),
                        parse.GetValue(role),
                        parse.GetValue(op),
                        parse.GetValue(economy),
                        secret,
                        parse.GetValue(printKey),
                        "added on the command line",
                        parse.GetValue(agency),
                        parse.GetValue(timeZone)
                    ),
                    Actor.Cli,
                    db,
                    clock,
                    ct
                );
                if (!outcome.IsOk)
                {
                    return CommandLine.Fail(parse.Error(), outcome.Errors.Select(e => $"{e.Field ?? "error"}: {e.Message}"));
                }

                var created = outcome.Value!;
                parse
                    .Error()
                    .WriteLine($"Added {created.Name} ({created.Role}{(created.Operator is null ? "" : " for " + created.Operator)}).");
                if (created.ApiKey is not null)
                {
                    // The key alone on standard output, so scripts can capture it; it cannot be shown again.
                    parse.Out().WriteLine(created.ApiKey);
                }

                return 0;
            }
        );
        users.Subcommands.Add(add);
        users.Subcommands.Add(List(services));
        foreach (var (verb, change, description) in Changes)
        {
            users.Subcommands.Add(Change(services, verb, change, description));
        }

        return users;
    }

    private static readonly (string Verb, AccountChange Change, string Description)[] Changes =
    [
        ("disable", AccountChange.Disable, "Disable an account: its password, API key and sessions stop working at once."),
        ("enable", AccountChange.Enable, "Enable a disabled account."),
        (
            "reset-password",
            AccountChange.ResetPassword,
            "Set a new password (--password, OPENAEO_PASSWORD, or a generated one printed once); ends the account's sessions and lockout."
        ),
        ("rotate-key", AccountChange.IssueApiKey, "Issue a new API key and print it once; the old key stops working at once."),
        ("revoke-key", AccountChange.RevokeApiKey, "Revoke the account's API key."),
        ("unlock", AccountChange.Unlock, "End the account's sign-in lockout now."),
    ];

    private static Command Change(IServiceProvider services, string verb, AccountChange change, string description)
    {
        var name = new Argument<string>("name") { Description = "The account's sign-in name." };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit trail)." };
        var command = new Command(verb, description) { name, reason };
        var password = new Option<string?>("--password")
        {
            Description = "The new password (or set OPENAEO_PASSWORD); absent = generated and printed once.",
        };
        if (change == AccountChange.ResetPassword)
        {
            command.Options.Add(password);
        }

        command.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                var secret =
                    change == AccountChange.ResetPassword
                        ? parse.GetValue(password) ?? Environment.GetEnvironmentVariable("OPENAEO_PASSWORD")
                        : null;
                var outcome = await ChangeAccount.Execute(
                    parse.GetValue(name)!,
                    change,
                    new AccountChangeRequest(parse.GetValue(reason) ?? "on the command line", secret),
                    Actor.Cli,
                    sp.GetRequiredService<OpenAeoDb>(),
                    sp.GetRequiredService<IOptions<SignInOptions>>().Value,
                    sp.GetRequiredService<TimeProvider>(),
                    ct
                );
                if (!outcome.IsOk)
                {
                    return CommandLine.Fail(parse.Error(), outcome.Errors.Select(e => $"{e.Field ?? "error"}: {e.Message}"));
                }

                var done = outcome.Value!;
                parse.Error().WriteLine($"{done.User.Name}: {Describe(done.User)}.");

                // A new secret alone on standard output, so scripts can capture it; it cannot be shown again.
                if ((done.ApiKey ?? done.Password) is { } shownOnce)
                {
                    parse.Out().WriteLine(shownOnce);
                }

                return 0;
            }
        );
        return command;
    }

    private static readonly System.Text.Json.JsonSerializerOptions ListJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
    };

    private static Command List(IServiceProvider services)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (the API's format) instead of a table." };
        var list = new Command("list", "Every account: role, links, password and key, disabled or locked out, last sign-in.") { json };
        list.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                var users = await ListUsers.Describe(
                    sp.GetRequiredService<OpenAeoDb>(),
                    sp.GetRequiredService<IOptions<SignInOptions>>().Value.Account,
                    sp.GetRequiredService<TimeProvider>().GetUtcNow(),
                    null,
                    ct
                );
                if (parse.GetValue(json))
                {
                    parse.Out().WriteLine(System.Text.Json.JsonSerializer.Serialize(users, ListJson));
                    return 0;
                }

                parse.Out().WriteLine($"{"NAME", -24} {"ROLE", -17} {"FOR", -18} {"STATE", -40} LAST SIGN-IN (UTC)");
                foreach (var u in users)
                {
                    parse
                        .Out()
                        .WriteLine(
                            $"{u.Name, -24} {u.Role, -17} {u.Operator ?? u.PartnerEconomy ?? u.Agency ?? "", -18} "
                                + $"{Describe(u), -40} "
                                + (
                                    u.LastSignInAt?.UtcDateTime.ToString(
                                        "yyyy-MM-dd HH:mm",
                                        System.Globalization.CultureInfo.InvariantCulture
                                    ) ?? "never"
                                )
                        );
                }

                return 0;
            }
        );
        return list;
    }

    /// <summary>"enabled, password, API key" or "disabled, …, locked until 09:15 UTC".</summary>
    private static string Describe(UserResponse u) =>
        string.Join(
            ", ",
            new[]
            {
                u.Disabled ? "disabled" : "enabled",
                u.HasPassword ? "password" : null,
                u.HasApiKey ? "API key" : null,
                u.LockedUntil is { } until ? $"locked until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : null,
            }.OfType<string>()
        );

    /// <summary>Shows a progress bar on a terminal; stays quiet when output is redirected (CI, scripts).</summary>
    internal static Task<T> WithProgress<T>(ParseResult parse, long bytes, Func<IProgress<ImportProgress>?, Task<T>> work) =>
        parse.WithProgress<T, ImportProgress>(
            bytes,
            1_000_000,
            ctx =>
            {
                var reading = ctx.AddTask("Reading and validating", maxValue: bytes);
                var writing = ctx.AddTask("Writing", autoStart: false);
                return p =>
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
                };
            },
            work
        );
}

/// <summary>The registry's part of <c>openaeo demo seed</c>.</summary>
internal sealed class RegistryDemoSeeder : IDemoSeeder
{
    public int Order => 0;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct)
    {
        var created = await DemoData.Seed(
            services.GetRequiredService<OpenAeoDb>(),
            services.GetRequiredService<TimeProvider>(),
            password,
            ct
        );
        var output = new StringWriter();
        RegistryModule.PrintAccounts(output, created, password);
        return
        [
            $"Registry: {DemoData.Operators.Length} demo operators present; {created.Count} demo accounts added.",
            .. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries),
        ];
    }
}
