using System.Data.Common;
using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// A real <c>openaeo</c> process for one economy on a loopback port, with its own database (a SQLite file, or a new
/// PostgreSQL database) and key file, and the same binary run as a CLI against the same database and key.
/// </summary>
internal sealed class OpenAeoNode : IAsyncDisposable
{
    private readonly StringBuilder log = new();
    private readonly string[] extraSettings;
    private readonly string? postgresDatabase;
    private readonly string? keyPath;
    private Process? server;

    public OpenAeoNode(string economy)
        : this(economy, "Sqlite", null, []) { }

    private OpenAeoNode(string economy, string provider, string? postgresDatabase, string[] extraSettings)
    {
        Economy = economy;
        Provider = provider;
        this.postgresDatabase = postgresDatabase;
        this.extraSettings = extraSettings;
        Folder = Directory.CreateTempSubdirectory($"openaeo-{economy.ToLowerInvariant()}-").FullName;
        BaseUrl = $"http://127.0.0.1:{LoopbackPorts.Next()}";
        ConnectionString = postgresDatabase is null
            ? $"Data Source={DatabasePath}"
            : new NpgsqlConnectionStringBuilder(Providers.RequirePostgres()) { Database = postgresDatabase }.ConnectionString;
    }

    /// <summary>Another web node of the same deployment: this node's database, its own folder and port (disposing it leaves the database
    /// alone).</summary>
    private OpenAeoNode(OpenAeoNode first, string keyPath, string[] settings)
        : this(first.Economy, first.Provider, null, [.. first.extraSettings, .. settings])
    {
        ConnectionString = first.ConnectionString;
        this.keyPath = keyPath;
    }

    /// <summary>
    /// A second web node beside this one, on the same database, with the key file at <paramref name="keyPath"/> (this
    /// node's <see cref="KeyPath"/> for a node that shares the key, another path for one that does not).
    /// </summary>
    public OpenAeoNode Beside(string keyPath, params string[] settings) => new(this, keyPath, settings);

    public string Economy { get; }

    /// <summary><c>Sqlite</c> or <c>Postgres</c>.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    public string Folder { get; }

    public string BaseUrl { get; }

    public string DatabasePath => Path.Combine(Folder, "openaeo.db");

    public string KeyPath => keyPath ?? Path.Combine(Folder, "node-key.pem");

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
            "--environment",
            "Testing",
            "--contentRoot",
            AppContext.BaseDirectory,
            $"--Database:Provider={Provider}",
            $"--ConnectionStrings:OpenAeo={ConnectionString}",
            $"--Node:Economy={Economy}",
            $"--Node:KeyPath={KeyPath}",
            "--Exchange:PullIntervalSeconds=0",
            "--Certification:JobIntervalMinutes=0",
            // The two nodes talk over plain HTTP on loopback, which a node refuses unless told it is a test network.
            "--Exchange:AllowPlainHttp=true",
            .. extraSettings,
        ];

    /// <summary>
    /// A node on <paramref name="provider"/>: SQLite in its folder, or a new database on the PostgreSQL server of
    /// <c>OPENAEO_TEST_POSTGRES</c> (dropped on dispose). <paramref name="settings"/> come after the defaults and win.
    /// </summary>
    public static async Task<OpenAeoNode> On(string provider, string economy, params string[] settings)
    {
        if (provider != "Postgres")
        {
            return new OpenAeoNode(economy, "Sqlite", null, settings);
        }

        return new OpenAeoNode(economy, "Postgres", await Providers.CreatePostgresDatabase("openaeo_node"), settings);
    }

    public Task<(int Exit, string Output, string Error)> Cli(params string[] args) => FinishAsync(Launch(args));

    /// <summary>As <see cref="Cli"/>, with the logs a server writes at its default levels, for a test that reads them.</summary>
    public Task<(int Exit, string Output, string Error)> CliLogging(params string[] args) =>
        FinishAsync(new RunningCommand(Start([.. args, .. Settings])));

    private async Task<(int Exit, string Output, string Error)> FinishAsync(RunningCommand launched)
    {
        using var command = launched;
        var (exit, output, error, _) = await command.WaitAsync(TimeSpan.FromMinutes(2), DatabaseSessions);
        return (exit, output, error);
    }

    /// <summary>
    /// For a verb that did not finish: what each session of this node's PostgreSQL database was doing or waiting for (a CLI
    /// logs nothing here, so a lock wait would otherwise leave no trace). Empty on SQLite.
    /// </summary>
    private async Task<string> DatabaseSessions()
    {
        if (Provider != "Postgres")
        {
            return "";
        }

        try
        {
            var rows = await Query(
                "SELECT pid, application_name, state, wait_event_type, wait_event, now() - xact_start, left(query, 300) "
                    + "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            );
            return "\nSessions of its database (pid, application, state, wait type, wait, transaction age, query):\n"
                + string.Join('\n', rows.Select(r => string.Join(" | ", r)));
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The timeout is what the test must report; a database that cannot be asked is one more fact about it.
            return $"\nIts database could not be asked for its sessions: {e.Message}";
        }
    }

    public async Task<string> CliOk(params string[] args)
    {
        var (exit, output, error) = await Cli(args);
        exit.ShouldBe(0, $"openaeo {string.Join(' ', args)} on {Economy}: {error}{output}");
        return output.Trim();
    }

    /// <summary>Starts <c>openaeo</c> with a verb and returns at once, so a test can wait for it or kill it.</summary>
    public RunningCommand Launch(params string[] args) =>
        // Logs (e.g. the missing wwwroot warning) would mix with what the command prints on standard output.
        new(Start([.. args, .. Settings, "--Logging:LogLevel:Default=None", "--Logging:LogLevel:Microsoft.AspNetCore=None"]));

    /// <param name="settings">Switches for this start only, after the node's own (they win).</param>
    public async Task StartAsync(params string[] settings)
    {
        server = Process.Start(Start(["serve", "--urls", BaseUrl, .. Settings, .. settings]))!;
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
                // The answer is this node's only while its process runs (a server that could not take its port exits).
                if ((await http.GetAsync(BaseUrl + "/health")).StatusCode == HttpStatusCode.OK && !server.HasExited)
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

    /// <summary>Starts the server without waiting for it to answer (its first ticks race whatever the test starts next).</summary>
    public void Spawn()
    {
        server = Process.Start(Start(["serve", "--urls", BaseUrl, .. Settings]))!;
        server.OutputDataReceived += (_, e) => Append(e.Data);
        server.ErrorDataReceived += (_, e) => Append(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: no shutdown, no finally blocks, no flushing; what the operating system does to a crashed process.</summary>
    public async Task KillServerAsync()
    {
        if (server is null)
        {
            return;
        }

        RunningCommand.KillNow(server);
        await server.WaitForExitAsync();
        server.Dispose();
        server = null;
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Reads this node's database directly: what a crash left behind is checked where it was written.</summary>
    public async Task<List<object?[]>> Query(string sql)
    {
        await using DbConnection connection =
            Provider == "Postgres" ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async Task<long> Count(string sql) =>
        Convert.ToInt64((await Query(sql)).Single()[0], System.Globalization.CultureInfo.InvariantCulture);

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

        if (postgresDatabase is not null)
        {
            await Providers.DropPostgresDatabase(postgresDatabase);
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
}

/// <summary>An <c>openaeo</c> verb running in its own process, its output collected as it comes.</summary>
internal sealed class RunningCommand : IDisposable
{
    private readonly Task<string> output;
    private readonly Task<string> error;
    private bool killed;

    public RunningCommand(ProcessStartInfo start)
    {
        Process = Process.Start(start)!;
        output = Process.StandardOutput.ReadToEndAsync();
        error = Process.StandardError.ReadToEndAsync();
    }

    public Process Process { get; }

    public bool HasExited => Process.HasExited;

    /// <summary>Sends SIGKILL now (unless it already ended); returns whether it was still running.</summary>
    public bool Kill()
    {
        killed = KillNow(Process) || killed;
        return killed;
    }

    /// <param name="describe">What else to say if the command does not finish, asked before it is killed.</param>
    public async Task<(int Exit, string Output, string Error, bool Killed)> WaitAsync(TimeSpan timeout, Func<Task<string>>? describe = null)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            var described = describe is null ? "" : await describe();
            KillNow(Process);
            await Process.WaitForExitAsync();
            throw new TimeoutException($"openaeo did not finish within {timeout}: {await error}{await output}{described}");
        }

        return (Process.ExitCode, await output, await error, killed);
    }

    public void Dispose()
    {
        KillNow(Process);
        Process.Dispose();
    }

    internal static bool KillNow(Process process)
    {
        try
        {
            if (process.HasExited)
            {
                return false;
            }

            // Process.Kill is SIGKILL on Unix.
            process.Kill();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
