using Microsoft.Playwright;

namespace OpenAeo.Browser.Tests;

/// <summary>
/// How the browser tests and the benchmarks' axe census (bench/OpenAeo.Benchmarks links this file) start Chromium: the one
/// at <c>OPENAEO_CHROMIUM</c> (Debian's by default), headless, without the sandbox (containers) and without the background
/// traffic a first run starts.
/// </summary>
internal static class HeadlessChromium
{
    public static string Path =>
        Environment.GetEnvironmentVariable("OPENAEO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static BrowserTypeLaunchOptions Options =>
        new()
        {
            ExecutablePath = Path,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        };
}
