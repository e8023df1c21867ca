using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// The <c>openaeo</c> executable as shipped (the build output beside this test: the executable, its
/// <c>appsettings.json</c>, its libraries), started from another folder as an administrator or a service manager would.
/// </summary>
public class The_executable_started_from_another_folder
{
    [Fact]
    public async Task Reads_the_settings_shipped_beside_it_logs_no_requests_and_keeps_relative_data_beside_it()
    {
        var elsewhere = Directory.CreateTempSubdirectory("openaeo-elsewhere-").FullName;
        var dataFolder = $"data-{Guid.NewGuid():N}";
        var url = $"http://127.0.0.1:{FreePort()}";
        var log = new StringBuilder();
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = elsewhere,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "serve", "--urls", url, $"--ConnectionStrings:OpenAeo=Data Source={dataFolder}/openaeo.db", $"--Node:KeyPath={dataFolder}/node-key.pem" })
        {
            start.ArgumentList.Add(arg);
        }

        // What the machine's environment might say otherwise must not decide this test.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient();
            await WaitForHealth(http, url, process, log);
            for (var i = 0; i < 20; i++)
            {
                (await http.GetStringAsync(url + "/health")).ShouldBe("Healthy");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var output = Text(log);
        output.ShouldContain($"Content root path: {AppContext.BaseDirectory}");
        output.ShouldNotContain("Request starting", customMessage: "appsettings.json keeps Microsoft.AspNetCore at Warning");
        output.ShouldNotContain("Executed DbCommand", customMessage: "appsettings.json keeps Microsoft.EntityFrameworkCore at Warning");
        var beside = Path.Combine(AppContext.BaseDirectory, dataFolder);
        File.Exists(Path.Combine(beside, "openaeo.db")).ShouldBeTrue("a relative database path is relative to the executable's folder");
        Directory.EnumerateFileSystemEntries(elsewhere).ShouldBeEmpty("nothing is written where the executable was started");
        Directory.Delete(beside, recursive: true);
        Directory.Delete(elsewhere);
    }

    /// <summary>The native launcher when the SDK made one (Linux, Windows, macOS), else the portable dll through dotnet.</summary>
    private static string Executable =>
        new[] { "openaeo", "openaeo.exe" }.Select(n => Path.Combine(AppContext.BaseDirectory, n)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"No openaeo executable in {AppContext.BaseDirectory}.");

    private static async Task WaitForHealth(HttpClient http, string url, Process process, StringBuilder log)
    {
        // A generous number of attempts, not a deadline: the machine may be busy building.
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"openaeo exited with {process.ExitCode}:\n{Text(log)}");
            }

            try
            {
                if ((await http.GetAsync(url + "/health")).StatusCode == HttpStatusCode.OK)
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

        throw new InvalidOperationException($"openaeo did not answer /health:\n{Text(log)}");
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
