using System.CommandLine;

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

    private static readonly string[] HostSwitches = ["--urls", "--environment", "--contentRoot", "--applicationName"];

    public static (string[] Host, string[] Command) Split(string[] args)
    {
        var host = new List<string>();
        var command = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', 2)[0];
            var isHost = (arg.StartsWith("--", StringComparison.Ordinal) && name.Contains(':', StringComparison.Ordinal))
                || HostSwitches.Contains(name, StringComparer.OrdinalIgnoreCase);
            if (!isHost)
            {
                command.Add(arg);
                continue;
            }

            host.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
            {
                host.Add(args[++i]);
            }
        }

        return ([.. host], [.. command]);
    }

    public static bool IsServe(string[] command) => command.Length == 0 || (command.Length >= 1 && command[0] == "serve");

    /// <summary>Builds the root command from the capabilities' verbs and runs it against the app's services.</summary>
    public static async Task<int> RunAsync(WebApplication app, string[] command, IEnumerable<Action<RootCommand, IServiceProvider>> verbs)
    {
        var root = new RootCommand("OpenAeo: AEO certification, mutual recognition, risk lanes and time release studies.\n" +
            "With no command, serves the web UI and API (same as 'serve').");
        var serve = new Command("serve", "Run the web server (default). Use --urls to change the address.");
        serve.SetAction(async (_, ct) =>
        {
            await app.RunAsync(ct);
            return 0;
        });
        root.SetAction(async (_, ct) =>
        {
            await app.RunAsync(ct);
            return 0;
        });
        root.Subcommands.Add(serve);
        foreach (var add in verbs)
        {
            add(root, app.Services);
        }

        return await root.Parse(command).InvokeAsync();
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
