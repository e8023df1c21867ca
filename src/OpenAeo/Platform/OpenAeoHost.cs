using Microsoft.Extensions.Configuration.Memory;

namespace OpenAeo.Platform;

/// <summary>
/// Where OpenAeo finds its settings and keeps its files. The content root is the executable's own folder, wherever
/// it is started from, so the <c>appsettings.json</c> shipped beside it is always the one read, and relative data
/// paths (the SQLite file, the node key, uploaded study inputs) land beside it too (ADR 0015). File names given to a
/// command (<c>operators import FILE.csv</c>, <c>--out</c>) stay relative to the working directory, as in any tool.
/// </summary>
internal static class OpenAeoHost
{
    private static readonly string[] ContentRootVariables = ["ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT"];

    /// <summary>
    /// The settings OpenAeo runs with when no file says otherwise (a copy without its <c>appsettings.json</c>): quiet
    /// logs, since request and SQL logs at Information cost a third of the throughput and fill disks.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["Urls"] = "http://localhost:5080",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    };

    public static WebApplicationBuilder CreateBuilder(string[] hostArgs)
    {
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions
            {
                // Settings are read once, at start. Watching them for changes watches the whole content root, data
                // folder included, recursively: every page the database writes became an inotify event for the
                // watcher thread to read and drop (a tenth of an import's CPU; ADR 0070). Restart to apply a change,
                // as every node of a deployment must anyway.
                Args = [.. hostArgs, "--hostBuilder:reloadConfigOnChange=false"],
                // An explicit --contentRoot (the test host passes one) or environment variable still wins.
                ContentRootPath = ContentRootGiven(hostArgs) ? null : AppContext.BaseDirectory,
            }
        );

        // Lowest precedence: appsettings.json, environment variables and switches all override these.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        if (string.Equals(builder.Configuration[LogFormatSetting], "json", StringComparison.OrdinalIgnoreCase))
        {
            // One JSON object a line for a log shipper: scopes (the request's trace id among them) and UTC times.
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        return builder;
    }

    /// <summary><c>json</c> for JSON lines on the console; anything else (the default) keeps the readable format.</summary>
    public const string LogFormatSetting = "Logging:Format";

    /// <summary>A path from the settings, relative to the content root (the executable's folder) unless absolute.</summary>
    public static string DataPath(this IHostEnvironment environment, string path) => Path.GetFullPath(path, environment.ContentRootPath);

    private static bool ContentRootGiven(string[] args) =>
        args.Any(a => a.Split('=', 2)[0].Equals("--contentRoot", StringComparison.OrdinalIgnoreCase))
        || ContentRootVariables.Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
}
