using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpenAeo.Benchmarks;

/// <summary>
/// The built <c>openaeo</c> next to the benchmarks, run as real processes on a SQLite file in a throw-away folder as
/// node TW: command-line verbs for set-up, and <c>serve</c> on a free loopback port for the HTTP benchmarks.
/// </summary>
internal sealed class OpenAeoProcess : IDisposable
{
    private Process? server;

    public OpenAeoProcess(string name) => Folder = Directory.CreateTempSubdirectory($"openaeo-bench-{name}-").FullName;

    public string Folder { get; }

    public HttpClient Client { get; private set; } = default!;

    /// <summary>Runs a verb to completion and returns its standard output; a failure throws with its standard error.</summary>
    public string Cli(params string[] args) => Run(Folder, args);

    /// <summary>The server's process id, for its memory in <c>/proc</c>.</summary>
    public int ServerProcessId => server?.Id ?? throw new InvalidOperationException("not serving");

    /// <summary>Starts <c>serve</c> (with any settings given) and waits until <c>/health</c> answers.</summary>
    public HttpClient Serve(params string[] settings)
    {
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            listener.Stop();
            server = Process.Start(Info(Folder, ["serve", "--urls", url, "--Logging:LogLevel:Default=Warning", .. settings]))!;
            // Drained, or a long run that logs fills the pipe and the server blocks on its next log line.
            server.OutputDataReceived += (_, _) => { };
            server.ErrorDataReceived += (_, _) => { };
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();
            Client = new HttpClient { BaseAddress = new Uri(url) };
        }

        for (var i = 0; i < 300 && !Ready(); i++)
        {
            Thread.Sleep(200);
        }

        return Client;
    }

    /// <summary>Sends <paramref name="count"/> requests one after another; the number answered with <paramref name="expected"/>.</summary>
    public async Task<int> Sequential(int count, Func<HttpRequestMessage> request, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var ok = 0;
        for (var i = 0; i < count; i++)
        {
            using var message = request();
            using var response = await Client.SendAsync(message);
            ok += response.StatusCode == expected ? 1 : 0;
        }

        return ok;
    }

    /// <summary>A GET, with an API key when one is given.</summary>
    public static HttpRequestMessage Get(string path, string? apiKey = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            message.Headers.Add("X-Api-Key", apiKey);
        }

        return message;
    }

    public void Dispose()
    {
        server?.Kill(entireProcessTree: true);
        server?.WaitForExit();
        server?.Dispose();
        Client?.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private bool Ready()
    {
        try
        {
            return Client.GetAsync("/health").GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public static string Run(string folder, params string[] args)
    {
        using var process = Process.Start(
            Info(folder, [.. args, "--Logging:LogLevel:Default=None", "--Logging:LogLevel:Microsoft.AspNetCore=None"])
        )!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"openaeo {string.Join(' ', args)}: {error.Result}");
    }

    public static ProcessStartInfo Info(string folder, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "openaeo.dll"));
        foreach (
            var arg in args.Concat([
                "--environment",
                "Production",
                "--contentRoot",
                AppContext.BaseDirectory,
                $"--ConnectionStrings:OpenAeo=Data Source={Path.Combine(folder, "openaeo.db")}",
                "--Node:Economy=TW",
                $"--Node:KeyPath={Path.Combine(folder, "node-key.pem")}",
                "--Exchange:PullIntervalSeconds=0",
            ])
        )
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}
