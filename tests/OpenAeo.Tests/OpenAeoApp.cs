using System.CommandLine;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Cli;
using OpenAeo.Platform.Persistence;
using OpenAeo.Registry;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests;

/// <summary>
/// OpenAeo hosted in memory on a fresh database: SQLite in memory by default, or a new PostgreSQL database
/// when <see cref="Providers.Postgres"/> is available. Time is a fake clock the test moves.
/// </summary>
public sealed class OpenAeoApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string provider;
    private readonly string connectionString;
    private readonly SqliteConnection? keepAlive;
    private readonly string? postgresDatabase;

    private OpenAeoApp(string provider, string connectionString, SqliteConnection? keepAlive, string? postgresDatabase)
    {
        this.provider = provider;
        this.connectionString = connectionString;
        this.keepAlive = keepAlive;
        this.postgresDatabase = postgresDatabase;
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public string NodeKeyPath { get; } = Path.Combine(Path.GetTempPath(), $"openaeo-node-key-{Guid.NewGuid():N}.pem");
    /// <summary>This app's own folder for uploaded files (time release study inputs); deleted with the app.</summary>
    public string DataFolder { get; } = Directory.CreateTempSubdirectory("openaeo-app-").FullName;

    public string ProviderName => provider;

    /// <summary>A private in-memory SQLite database that lives as long as this app.</summary>
    public static OpenAeoApp OnSqlite()
    {
        var cs = $"Data Source=file:openaeo-{Guid.NewGuid():N}?mode=memory&cache=shared";
        var keepAlive = new SqliteConnection(cs);
        keepAlive.Open();
        return new OpenAeoApp("Sqlite", cs, keepAlive, null);
    }

    /// <summary>A new database on the PostgreSQL server named by <c>OPENAEO_TEST_POSTGRES</c>; dropped on dispose.</summary>
    public static async Task<OpenAeoApp> OnPostgres()
    {
        var server = Providers.RequirePostgres();
        var name = $"openaeo_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new OpenAeoApp("Postgres", cs, null, name);
    }

    public static Task<OpenAeoApp> On(string provider) =>
        provider == "Postgres" ? OnPostgres() : Task.FromResult(OnSqlite());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:OpenAeo", connectionString);

        // Tests run the scheduled jobs themselves, at the fake time they choose.
        builder.UseSetting("Certification:JobIntervalMinutes", "0");

        // The exchange runs on demand (each exchange request publishes first; tests pull), with a throw-away node key.
        builder.UseSetting("Exchange:PullIntervalSeconds", "0");
        builder.UseSetting("Exchange:PublishIntervalSeconds", "0");
        builder.UseSetting("Node:KeyPath", NodeKeyPath);
        builder.UseSetting("TimeRelease:InputFolder", Path.Combine(DataFolder, "trs-inputs"));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>Starts the host (migrations and reference data run as they do in production), in memory or, after <c>UseKestrel</c>, on a loopback port.</summary>
    public OpenAeoApp Started()
    {
        StartServer();
        return this;
    }

    internal async Task<T> WithDb<T>(Func<OpenAeoDb, Task<T>> work)
    {
        await using var scope = Started().Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<OpenAeoDb>());
    }

    internal Task WithDb(Func<OpenAeoDb, Task> work) => WithDb(async db =>
    {
        await work(db);
        return true;
    });

    /// <summary>An HTTP client that authenticates with a new account's API key.</summary>
    public async Task<HttpClient> ClientAs(Role role, string? operatorTin = null, string? name = null, string? agency = null)
    {
        var account = await WithDb(db => AddUser.Execute(
            new AddUserRequest(name ?? $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..30], null, role.ToString(), operatorTin,
                role == Role.Partner ? "JP" : null, null, true, "test", role == Role.OgaOfficer ? agency ?? "FDA" : null),
            Actor.System, db, Clock, CancellationToken.None));
        account.Errors.ShouldBeEmpty();
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", account.Value!.ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public HttpClient Anonymous() => Started().CreateClient();

    /// <summary>Runs an <c>openaeo</c> command against this app's services, as the executable would.</summary>
    public async Task<(int Exit, string Output, string Error)> Cli(params string[] args)
    {
        var root = CommandLine.Build(Started().Services, _ => Task.CompletedTask, [PlatformCommands.Add, RegistryCommands.Add, OpenAeo.Certification.CertificationCommands.Add, OpenAeo.MutualRecognition.MutualRecognitionCommands.Add, OpenAeo.Clearance.ClearanceCommands.Add, TimeReleaseCommands.Add]);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(NodeKeyPath);
        Directory.Delete(DataFolder, recursive: true);
        if (keepAlive is not null)
        {
            await keepAlive.DisposeAsync();
        }

        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Providers.RequirePostgres());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>
/// Which external parts the tests may use. Plain <c>dotnet test</c> runs without PostgreSQL and says so in the
/// skip reason; <c>./test.sh</c> provides it and sets <c>OPENAEO_REQUIRE_ALL=1</c>, which turns a missing part
/// into a failure so CI can never pass by skipping.
/// </summary>
public static class Providers
{
    public const string PostgresVariable = "OPENAEO_TEST_POSTGRES";

    public static string? Postgres => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    public static bool RequireAll => Environment.GetEnvironmentVariable("OPENAEO_REQUIRE_ALL") == "1";

    public static string RequirePostgres()
    {
        if (Postgres is { } cs)
        {
            return cs;
        }

        const string reason = $"PostgreSQL tests did not run: set {PostgresVariable} to a server connection string (./test.sh starts a throw-away cluster and sets it).";
        if (RequireAll)
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        return "";
    }

    public static TheoryData<string> All => new() { "Sqlite", "Postgres" };
}
