using System.Diagnostics;

namespace OpenAeo.Tests;

/// <summary>
/// A real process (<c>openaeo</c>, or <c>dotnet run</c>) with everything it prints captured, for tests that run the
/// executable as a person or a service manager would. Disposing stops it if it still runs.
/// </summary>
internal sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private RunningProcess(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Standard output and standard error, interleaved as printed.</summary>
    public string Output
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static RunningProcess Start(ProcessStartInfo start) => new(start);

    /// <summary>Runs to the end and returns the exit code with everything printed.</summary>
    public static async Task<(int Exit, string Output)> Run(ProcessStartInfo start)
    {
        await using var running = Start(start);
        await running.process.WaitForExitAsync();
        return (running.process.ExitCode, running.Output);
    }

    /// <summary>
    /// Waits until <c>/health</c> at <paramref name="url"/> answers; false when the process stopped first. Polls a
    /// generous number of times instead of keeping a deadline: the machine may be busy building. A first start seeds
    /// the demo before it listens, which took over three minutes at a load of 45 on two cores; the cap allows ten.
    /// </summary>
    public async Task<bool> Healthy(HttpClient http, string url)
    {
        for (var attempt = 0; attempt < 3_000; attempt++)
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                if ((await http.GetAsync(url + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>Stops the process (and its children: <c>dotnet run</c> starts the app as one).</summary>
    public async Task Stop()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        process.Dispose();
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
}
