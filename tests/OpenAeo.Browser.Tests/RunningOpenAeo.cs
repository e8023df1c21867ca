using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Playwright;
using OpenAeo.Tests;

namespace OpenAeo.Browser.Tests;

/// <summary>
/// A real OpenAeo process on a loopback port (Kestrel, its own SQLite file with the Development demo data) and a real
/// headless Chromium driven by Playwright. Shared by the tests of a class; each test gets its own browser context.
/// </summary>
/// <remarks>
/// The demo data is seeded once per test run by <c>openaeo demo seed</c> into a template folder (database and node key),
/// and each instance starts on its own copy: seeding costs half a minute of a core, and fifteen classes seeding it
/// again was a large part of the suite's time. The server sees a seeded database and does not seed it again.
/// </remarks>
public sealed class RunningOpenAeo : IAsyncLifetime
{
    public const string DemoPassword = "browser-demo-pass";

    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-browser-").FullName;
    private readonly StringBuilder log = new();
    private Process? process;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public string? SkipReason { get; private set; }

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>The seeded template folder, made by the first instance that needs it and removed when the test run ends.</summary>
    private static readonly Lazy<Task<string>> Template = new(SeedTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ChromiumPath => HeadlessChromium.Path;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason =
                $"Browser tests did not run: Chromium not found at {ChromiumPath} (install Debian's chromium, or "
                + "run ./test.sh, which does).";
            return;
        }

        var template = await Template.Value;
        foreach (var file in Directory.EnumerateFiles(template, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder, Path.GetRelativePath(template, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var port = LoopbackPorts.Next();
        BaseUrl = $"http://127.0.0.1:{port}";
        process = Process.Start(
            OpenAeoProcess("serve", "--urls", BaseUrl, "--environment", "Development", $"--Demo:Password={DemoPassword}")
        )!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitForHealth();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(HeadlessChromium.Options);
    }

    /// <summary>Skips (plain <c>dotnet test</c>) or fails (<c>./test.sh</c>, which sets OPENAEO_REQUIRE_ALL=1) when Chromium is
    /// missing.</summary>
    public void RequireBrowser()
    {
        if (SkipReason is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("OPENAEO_REQUIRE_ALL") == "1")
        {
            Assert.Fail(SkipReason);
        }

        Assert.Skip(SkipReason);
    }

    /// <summary>
    /// Runs the <c>openaeo</c> command line on this instance's database, as an administrator on the server would
    /// (e.g. <c>users add</c>); returns the exit code and everything it printed.
    /// </summary>
    public async Task<(int Exit, string Output)> Cli(params string[] args)
    {
        using var cli = Process.Start(OpenAeoProcess(args))!;
        var output = cli.StandardOutput.ReadToEndAsync();
        var error = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return (cli.ExitCode, await output + await error);
    }

    private static async Task<string> SeedTemplate()
    {
        var template = Directory.CreateTempSubdirectory("openaeo-browser-template-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(template, recursive: true);
        using var seed = Process.Start(OpenAeoProcess(template, ["demo", "seed", "--password", DemoPassword]))!;
        var output = seed.StandardOutput.ReadToEndAsync();
        var error = seed.StandardError.ReadToEndAsync();
        await seed.WaitForExitAsync();
        if (seed.ExitCode != 0)
        {
            throw new InvalidOperationException($"openaeo demo seed exited with code {seed.ExitCode}:\n{await output}{await error}");
        }

        return template;
    }

    private ProcessStartInfo OpenAeoProcess(params string[] args) => OpenAeoProcess(folder, args);

    /// <summary>The openaeo executable of the build under test, on the SQLite file and node key in <paramref name="folder"/>.</summary>
    private static ProcessStartInfo OpenAeoProcess(string folder, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var arg in new[] { Path.Combine(AppContext.BaseDirectory, "openaeo.dll") }
                .Concat(args)
                .Concat([
                    "--contentRoot",
                    AppContext.BaseDirectory,
                    $"--ConnectionStrings:OpenAeo=Data Source={Path.Combine(folder, "openaeo.db")}",
                    $"--TimeRelease:InputFolder={Path.Combine(folder, "trs-inputs")}",
                    $"--Node:KeyPath={Path.Combine(folder, "node-key.pem")}",
                ])
        )
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public async Task<IPage> SignedIn(IBrowserContext context, string user)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/signin");
        await page.FillAsync("#name", user);
        await page.FillAsync("#password", DemoPassword);
        // The sign-in form's button, not the language switcher's in the header.
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=who]");
        return page;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private async Task WaitForHealth()
    {
        using var http = new HttpClient();

        // A generous number of attempts rather than a deadline: seeding the demo data on a machine busy with other
        // builds has taken longer than two minutes. A process that stops is reported at once.
        for (var attempt = 0; attempt < 3_000; attempt++)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"OpenAeo exited with code {process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"OpenAeo did not become healthy on {BaseUrl}:\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
