using System.Diagnostics;

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
        var url = LoopbackPorts.Url();
        var start = new ProcessStartInfo(Executable) { WorkingDirectory = elsewhere };
        foreach (
            var arg in new[]
            {
                "serve",
                "--urls",
                url,
                $"--ConnectionStrings:OpenAeo=Data Source={dataFolder}/openaeo.db",
                $"--Node:KeyPath={dataFolder}/node-key.pem",
            }
        )
        {
            start.ArgumentList.Add(arg);
        }

        // What the machine's environment might say otherwise must not decide this test.
        foreach (var variable in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT" })
        {
            start.Environment.Remove(variable);
        }

        string output;
        await using (var openaeo = RunningProcess.Start(start))
        {
            using var http = new HttpClient();
            (await openaeo.Healthy(http, url)).ShouldBeTrue(openaeo.Output);
            for (var i = 0; i < 20; i++)
            {
                (await http.GetStringAsync(url + "/health")).ShouldBe("Healthy");
            }

            await openaeo.Stop();
            output = openaeo.Output;
        }

        output.ShouldContain($"Content root path: {AppContext.BaseDirectory}");
        output.ShouldNotContain("Request starting", customMessage: "appsettings.json keeps Microsoft.AspNetCore at Warning");
        output.ShouldNotContain("Executed DbCommand", customMessage: "appsettings.json keeps Microsoft.EntityFrameworkCore at Warning");
        var beside = Path.Combine(AppContext.BaseDirectory, dataFolder);
        File.Exists(Path.Combine(beside, "openaeo.db")).ShouldBeTrue("a relative database path is relative to the executable's folder");
        Directory.EnumerateFileSystemEntries(elsewhere).ShouldBeEmpty("nothing is written where the executable was started");
        Directory.Delete(beside, recursive: true);
        Directory.Delete(elsewhere);
    }

    /// <summary>The native launcher the SDK puts beside <c>openaeo.dll</c> (<c>openaeo</c>, or <c>openaeo.exe</c> on Windows).</summary>
    internal static string Executable =>
        new[] { "openaeo", "openaeo.exe" }.Select(n => Path.Combine(AppContext.BaseDirectory, n)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"No openaeo executable in {AppContext.BaseDirectory}.");
}
