using System.CommandLine;
using Spectre.Console;

namespace OpenAeo.Platform.Cli;

/// <summary>
/// The executable's two faces: with no verb (or <c>serve</c>) it is the web server; otherwise it runs one
/// command and exits. Configuration switches (<c>--Database:Provider=Postgres</c>, <c>--urls</c>) go to the
/// host; everything else is the command line proper.
/// </summary>
internal static class CommandLine
{
    /// <summary>Exit codes: 0 success, 1 the work failed (bad file, rejected change), 2 usage error.</summary>
    public const int Failed = 1;

    /// <summary>The command was not given what it needs (an invalid option value); nothing was done.</summary>
    public const int UsageError = 2;

    // https_port: where plain HTTP is redirected when Kestrel itself does not listen on HTTPS (behind a TLS proxy).
    private static readonly string[] HostSwitches =
    [
        "--urls",
        "--environment",
        "--contentRoot",
        "--applicationName",
        "--https_port",
        "--http_ports",
        "--https_ports",
    ];

    public static (string[] Host, string[] Command) Split(string[] args)
    {
        var host = new List<string>();
        var command = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', 2)[0];
            // Configuration keys have a section separator (--Database:Provider=Postgres); hosts such as the test
            // host also pass bare sections with an empty value (--Database=).
            var isHost =
                (arg.StartsWith("--", StringComparison.Ordinal) && (name.Contains(':', StringComparison.Ordinal) || arg.EndsWith('=')))
                || HostSwitches.Contains(name, StringComparer.OrdinalIgnoreCase);
            if (!isHost)
            {
                command.Add(arg);
                continue;
            }

            host.Add(arg);
            if (
                !arg.Contains('=', StringComparison.Ordinal)
                && i + 1 < args.Length
                && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
            )
            {
                host.Add(args[++i]);
            }
        }

        return ([.. host], [.. command]);
    }

    /// <summary>
    /// Commands print their results on standard output (JSON, CSV, reports) for scripts to capture; the host's
    /// log lines go to standard error so they never mix into a result.
    /// </summary>
    public static void KeepStandardOutputForResults(WebApplicationBuilder builder, string[] command)
    {
        if (!IsServe(command))
        {
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o =>
                o.LogToStandardErrorThreshold = LogLevel.Trace
            );
        }
    }

    public static bool IsServe(string[] command) => command.Length == 0 || (command.Length >= 1 && command[0] == "serve");

    /// <summary>Runs the command line against the app: <c>serve</c> (or nothing) runs the web server.</summary>
    /// <remarks>
    /// A verb that loses a race with another process on the same database (ADR 0019) and does not say so itself ends
    /// with one plain sentence and exit code 1, never a stack trace; anything else is reported as before.
    /// </remarks>
    public static async Task<int> RunAsync(WebApplication app, string[] command, IEnumerable<Action<RootCommand, IServiceProvider>> verbs)
    {
        try
        {
            return await InvokeAsync(
                Build(app.Services, app.RunAsync, verbs).Parse(command),
                new InvocationConfiguration { EnableDefaultExceptionHandler = false }
            );
        }
        catch (Exception e) when (Persistence.DatabaseConflicts.Classify(e) is var conflict and not Persistence.RaceLoss.None)
        {
            await Console.Error.WriteLineAsync(
                Persistence.DatabaseConflicts.Explain(
                    conflict,
                    $"openaeo {string.Join(' ', command.TakeWhile(a => !a.StartsWith('-')))}".TrimEnd()
                )
            );
            return Failed;
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            await Console.Error.WriteLineAsync(refusal.Message);
            return Failed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("Unhandled exception: " + e);
            return Failed;
        }
    }

    /// <summary>A refusal to go on as configured, also when the host's start wrapped it.</summary>
    private static StartupRefusedException? Refusal(Exception? e) =>
        e switch
        {
            StartupRefusedException refused => refused,
            AggregateException many => many.InnerExceptions.Select(Refusal).FirstOrDefault(r => r is not null),
            null => null,
            _ => Refusal(e.InnerException),
        };

    /// <summary>
    /// Runs a parsed command. The folder of an <c>--out</c> file is created first, as <c>mkdir -p</c> would: writing
    /// <c>data/events.csv</c> on a fresh clone should not fail for want of <c>data/</c>.
    /// </summary>
    public static Task<int> InvokeAsync(ParseResult parse, InvocationConfiguration? configuration = null)
    {
        if (
            parse.Errors.Count == 0
            && parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--out") is { } option
            // Only a value given on the line: asking for a required option's value that is absent throws, and --help
            // parses without errors while leaving it absent.
            && parse.GetResult(option) is { Implicit: false, Tokens.Count: > 0 } given
            && given.GetValueOrDefault<FileInfo?>() is { Directory: { Exists: false } folder }
        )
        {
            folder.Create();
        }

        return parse.InvokeAsync(configuration);
    }

    /// <summary>The root command with the capabilities' verbs; tests build it over their own service provider.</summary>
    public static RootCommand Build(
        IServiceProvider services,
        Func<CancellationToken, Task> serve,
        IEnumerable<Action<RootCommand, IServiceProvider>> verbs
    )
    {
        var root = new RootCommand(
            "OpenAeo: AEO certification, mutual recognition, risk lanes and time release studies.\n"
                + "With no command, serves the web UI and API (same as 'serve')."
        );
        var serveCommand = new Command("serve", "Run the web server (default). Use --urls to change the address.");
        serveCommand.SetAction(
            async (_, ct) =>
            {
                await serve(ct);
                return 0;
            }
        );
        root.SetAction(
            async (_, ct) =>
            {
                await serve(ct);
                return 0;
            }
        );
        root.Subcommands.Add(serveCommand);
        foreach (var add in verbs)
        {
            add(root, services);
        }

        return root;
    }

    public static TextWriter Out(this ParseResult parse) => parse.InvocationConfiguration.Output;

    public static TextWriter Error(this ParseResult parse) => parse.InvocationConfiguration.Error;

    /// <summary>
    /// The work under a progress bar on a terminal, its reports shown by what <paramref name="show"/> makes of the bar; quiet when
    /// output is redirected (CI, scripts) or the input is under <paramref name="worthFrom"/> bytes.
    /// </summary>
    public static async Task<T> WithProgress<T, TReport>(
        this ParseResult parse,
        long bytes,
        long worthFrom,
        Func<ProgressContext, Action<TReport>> show,
        Func<IProgress<TReport>?, Task<T>> work
    )
    {
        if (parse.Error() != Console.Error || Console.IsErrorRedirected || bytes < worthFrom)
        {
            return await work(null);
        }

        return await AnsiConsole
            .Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            .Progress()
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new SpinnerColumn()
            )
            .StartAsync(async ctx => await work(new Progress<TReport>(show(ctx))));
    }

    /// <summary>Prints a failure the way scripts and people both read it, and returns the failure exit code.</summary>
    public static int Fail(TextWriter error, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            error.WriteLine(line);
        }

        return Failed;
    }
}
