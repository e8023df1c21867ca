using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// A real <c>openaeo</c> process for one economy on a loopback port, with its own SQLite file and key file, and
/// the same binary run as a CLI against the same database and key.
/// </summary>
internal sealed class OpenAeoNode : IAsyncDisposable
{
    private readonly StringBuilder log = new();
    private Process? server;

    public OpenAeoNode(string economy)
    {
        Economy = economy;
        Folder = Directory.CreateTempSubdirectory($"openaeo-{economy.ToLowerInvariant()}-").FullName;
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
    }

    public string Economy { get; }

    public string Folder { get; }

    public string BaseUrl { get; }

    public string DatabasePath => Path.Combine(Folder, "openaeo.db");

    public string KeyPath => Path.Combine(Folder, "node-key.pem");

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

    private string[] Settings =>
    [
        "--environment", "Testing",
        "--contentRoot", AppContext.BaseDirectory,
        $"--ConnectionStrings:OpenAeo=Data Source={DatabasePath}",
        $"--Node:Economy={Economy}",
        $"--Node:KeyPath={KeyPath}",
        "--Exchange:PullIntervalSeconds=0",
        "--Certification:JobIntervalMinutes=0",

        // The two nodes talk over plain HTTP on loopback, which a node refuses unless told it is a test network.
        "--Exchange:AllowPlainHttp=true",
    ];

    public async Task<(int Exit, string Output, string Error)> Cli(params string[] args)
    {
        // Logs (e.g. the missing wwwroot warning) would mix with what the command prints on standard output.
        var start = Start([.. args, .. Settings, "--Logging:LogLevel:Default=None", "--Logging:LogLevel:Microsoft.AspNetCore=None"]);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    public async Task<string> CliOk(params string[] args)
    {
        var (exit, output, error) = await Cli(args);
        exit.ShouldBe(0, $"openaeo {string.Join(' ', args)} on {Economy}: {error}{output}");
        return output.Trim();
    }

    public async Task StartAsync()
    {
        server = Process.Start(Start(["serve", "--urls", BaseUrl, .. Settings]))!;
        server.OutputDataReceived += (_, e) => Append(e.Data);
        server.ErrorDataReceived += (_, e) => Append(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"{Economy} exited with {server.ExitCode}:\n{Log}");
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

        throw new TimeoutException($"{Economy} did not answer /health within 60 s:\n{Log}");
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        server?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }

    private static ProcessStartInfo Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "openaeo.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
