using System.CommandLine;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Cli;
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
    private readonly string? contentRoot;
    private readonly string? economy;
    private readonly bool ownsKey = true;
    private readonly Action<IWebHostBuilder>? configure;

    private OpenAeoApp(
        string provider,
        string connectionString,
        SqliteConnection? keepAlive,
        string? postgresDatabase,
        string? economy,
        FakeTimeProvider? clock = null,
        string? contentRoot = null,
        Action<IWebHostBuilder>? configure = null
    )
    {
        this.provider = provider;
        this.connectionString = connectionString;
        this.keepAlive = keepAlive;
        this.postgresDatabase = postgresDatabase;
        this.contentRoot = contentRoot;
        this.economy = economy;
        this.configure = configure;
        Clock = clock ?? new(Start);
    }

    /// <summary>A second node of the same administration: same database and signing key, its own process state.</summary>
    private OpenAeoApp(OpenAeoApp other, string? economy)
        : this(other.provider, other.connectionString, null, null, economy ?? other.economy)
    {
        NodeKeyPath = other.NodeKeyPath;
        ownsKey = false;
    }

    public FakeTimeProvider Clock { get; }

    public string NodeKeyPath { get; } = Path.Combine(Path.GetTempPath(), $"openaeo-node-key-{Guid.NewGuid():N}.pem");

    /// <summary>The node whose <c>/exchange</c> this node's replicator talks to (in memory); set before the first pull.</summary>
    public OpenAeoApp? ExchangeTarget { get; set; }

    /// <summary>This app's own folder for uploaded files (time release study inputs); deleted with the app.</summary>
    public string DataFolder { get; } = Directory.CreateTempSubdirectory("openaeo-app-").FullName;

    public string ProviderName => provider;

    /// <summary>What the app logged as an error, with its exception.</summary>
    public CapturedErrors Errors { get; } = new();

    /// <summary>Settings a test adds before the app starts (e.g. <c>Node:Economy</c>).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>A private in-memory SQLite database that lives as long as this app.</summary>
    /// <param name="economy">The node's economy (<c>Node:Economy</c>); by default the app's own default, TW.</param>
    /// <param name="configure">More host settings or services, applied after the test defaults (a partner's handler).</param>
    public static OpenAeoApp OnSqlite(string? economy = null, Action<IWebHostBuilder>? configure = null)
    {
        var cs = $"Data Source=file:openaeo-{Guid.NewGuid():N}?mode=memory&cache=shared";
        var keepAlive = new SqliteConnection(cs);
        keepAlive.Open();
        Providers.CopyMigratedSqlite(keepAlive);
        return new OpenAeoApp("Sqlite", cs, keepAlive, null, economy, configure: configure);
    }

    /// <summary>
    /// Another node on this app's database, with its key: what a second web server of the administration is; with
    /// another <paramref name="economy"/>, what the same database looked like to a node configured differently.
    /// </summary>
    public OpenAeoApp SharingDatabase(string? economy = null) => new(this, economy);

    /// <summary>A new database on the PostgreSQL server named by <c>OPENAEO_TEST_POSTGRES</c>, with every migration applied
    /// (<see cref="Providers.CreateMigratedPostgresDatabase"/>); dropped on dispose.</summary>
    public static async Task<OpenAeoApp> OnPostgres(string? economy = null, Action<IWebHostBuilder>? configure = null)
    {
        var name = await Providers.CreateMigratedPostgresDatabase("openaeo_test");
        var cs = new NpgsqlConnectionStringBuilder(Providers.RequirePostgres()) { Database = name }.ConnectionString;
        return new OpenAeoApp("Postgres", cs, null, name, economy, configure: configure);
    }

    public static Task<OpenAeoApp> On(string provider, string? economy = null, Action<IWebHostBuilder>? configure = null) =>
        provider == "Postgres" ? OnPostgres(economy, configure) : Task.FromResult(OnSqlite(economy, configure));

    /// <summary>An app on a SQLite file at <paramref name="path"/> (created by the app, as in production).</summary>
    public static OpenAeoApp OnSqliteFile(string path) => new("Sqlite", $"Data Source={path};Pooling=False", null, null, null);

    /// <summary>
    /// Another node of the same deployment: a second host on this app's database and clock, installed in another folder
    /// (its own content root), as several web nodes over one PostgreSQL are. Disposing it leaves the database alone.
    /// </summary>
    public OpenAeoApp AnotherNode() => new(provider, connectionString, null, null, economy, Clock, DataFolder);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (contentRoot is not null)
        {
            builder.UseContentRoot(contentRoot);
        }

        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:OpenAeo", connectionString);

        // A test that serves real HTTP takes a free port: the shipped default (5080) is taken by the first such test,
        // or by an OpenAeo running on the machine, and a second server on it fails to start.
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");

        // Tests run the scheduled jobs themselves, at the fake time they choose.
        builder.UseSetting("Certification:JobIntervalMinutes", "0");
        builder.UseSetting("Webhooks:IntervalSeconds", "0");

        // The exchange runs on demand (each exchange request publishes first; tests pull), with a throw-away node key.
        builder.UseSetting("Exchange:PullIntervalSeconds", "0");
        builder.UseSetting("Exchange:PublishIntervalSeconds", "0");
        builder.UseSetting("Exchange:VerifyIntervalMinutes", "0");
        builder.UseSetting("Node:KeyPath", NodeKeyPath);
        if (economy is not null)
        {
            builder.UseSetting("Node:Economy", economy);
        }

        builder.UseSetting("TimeRelease:InputFolder", Path.Combine(DataFolder, "trs-inputs"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);

            // Partner replication reaches another in-memory node when a test names one.
            services
                .AddHttpClient(OpenAeo.MutualRecognition.PartnerReplicator.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() =>
                    ExchangeTarget is { } target ? target.Server.CreateHandler() : new HttpClientHandler()
                );
        });
        configure?.Invoke(builder);
    }

    /// <summary>
    /// <see cref="Settings"/> also as host configuration, which WebApplicationFactory hands to <c>Program</c> before
    /// it builds the host: what is decided then (OpenTelemetry's exporters) never sees settings given later.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(c =>
            c.AddInMemoryCollection(Settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
        );
        return base.CreateHost(builder);
    }

    /// <summary>Starts the host (migrations and reference data run as they do in production), in memory or, after <c>UseKestrel</c>, on a
    /// loopback port.</summary>
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

    internal Task WithDb(Func<OpenAeoDb, Task> work) =>
        WithDb(async db =>
        {
            await work(db);
            return true;
        });

    /// <summary>Who did <paramref name="action"/>, and the details recorded, from the one audit entry of that action.</summary>
    internal async Task<(string Actor, string? Details)> SingleAudit(string action)
    {
        var entry = await WithDb(db =>
            db.AuditEntries().AsNoTracking().Where(a => a.Action == action).Select(a => new { a.Actor, a.Details }).SingleAsync()
        );
        return (entry.Actor, entry.Details);
    }

    /// <summary>An HTTP client that authenticates with a new account's API key.</summary>
    public async Task<HttpClient> ClientAs(Role role, string? operatorTin = null, string? name = null, string? agency = null)
    {
        var account = await WithDb(db =>
            AddUser.Execute(
                new AddUserRequest(
                    name ?? $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..30],
                    null,
                    role.ToString(),
                    operatorTin,
                    role == Role.Partner ? "JP" : null,
                    null,
                    true,
                    "test",
                    role == Role.OgaOfficer ? agency ?? "FDA" : null
                ),
                Actor.System,
                db,
                Clock,
                CancellationToken.None
            )
        );
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
        var root = CommandLine.Build(
            Started().Services,
            _ => Task.CompletedTask,
            [
                PlatformCommands.Add,
                RegistryCommands.Add,
                OpenAeo.Certification.CertificationCommands.Add,
                OpenAeo.MutualRecognition.MutualRecognitionCommands.Add,
                OpenAeo.Clearance.ClearanceCommands.Add,
                TimeReleaseCommands.Add,
                OpenAeo.Insights.InsightsModule.AddCommands,
            ]
        );
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.InvokeAsync(root.Parse(args), new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary><c>openaeo trs generate</c> into <paramref name="path"/>: synthetic events, the same for the same seed.</summary>
    public async Task TrsGenerate(string path, int rows, int seed)
    {
        var (exit, _, error) = await Cli(
            "trs",
            "generate",
            "--rows",
            rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed",
            seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--out",
            path
        );
        exit.ShouldBe(0, error);
    }

    /// <summary><c>openaeo trs run</c> of APEC stage 1 (lodged to released) on an events file, grouped by <paramref name="by"/>.</summary>
    public Task<(int Exit, string Output, string Error)> TrsRun(string events, string by, params string[] options) =>
        Cli(["trs", "run", "--events", events, "--stage", "apec1", "--by", by, .. options]);

    /// <summary><c>openaeo trs run</c> of APEC stage 1 on OpenAeo's own clearance data, grouped by <paramref name="by"/>.</summary>
    public Task<(int Exit, string Output, string Error)> TrsRunOnOwnData(string by, params string[] options) =>
        Cli(["trs", "run", "--source", "openaeo", "--stage", "apec1", "--by", by, .. options]);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsKey)
        {
            File.Delete(NodeKeyPath);
        }

        Directory.Delete(DataFolder, recursive: true);
        if (keepAlive is not null)
        {
            await keepAlive.DisposeAsync();
        }

        if (postgresDatabase is not null)
        {
            await Providers.DropPostgresDatabase(postgresDatabase);
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

        const string reason =
            $"PostgreSQL tests did not run: set {PostgresVariable} to a server connection string (./test.sh starts "
            + "a throw-away cluster and sets it).";
        if (RequireAll)
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        return "";
    }

    public static TheoryData<string> All => new() { "Sqlite", "Postgres" };

    // A database with every migration applied, made once per test process and copied for each test that asks for a fresh one
    // (PostgreSQL: CREATE DATABASE … TEMPLATE; SQLite in memory: the backup API). Applying the migrations again for every
    // test was a large share of the suite's time. The app still migrates at start and finds nothing pending; a test of
    // migrating itself starts from a bare database (CreatePostgresDatabase, a SQLite file).
    private static readonly Lazy<Task<string>> PostgresTemplate = new(MigratedPostgresTemplateAsync);
    private static readonly Lazy<SqliteConnection> SqliteTemplate = new(MigratedSqliteTemplate);
    private static readonly Lock SqliteCopying = new();

    /// <summary>A new database named <paramref name="prefix"/>_&lt;guid&gt; with every migration applied; returns its name.</summary>
    public static async Task<string> CreateMigratedPostgresDatabase(string prefix) =>
        await CreatePostgresDatabase(prefix, await PostgresTemplate.Value);

    /// <summary>Fills the empty in-memory database <paramref name="destination"/> is open on with every migration's schema.</summary>
    public static void CopyMigratedSqlite(SqliteConnection destination)
    {
        // One connection is not for two threads at once; a copy of the schema takes milliseconds.
        lock (SqliteCopying)
        {
            SqliteTemplate.Value.BackupDatabase(destination);
        }
    }

    private static async Task<string> MigratedPostgresTemplateAsync()
    {
        var name = await CreatePostgresDatabase("openaeo_template");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropPostgresDatabase(name).Wait(TimeSpan.FromSeconds(10));

        // No pool: a connection left open on a template makes every CREATE DATABASE from it fail.
        var cs = new NpgsqlConnectionStringBuilder(RequirePostgres()) { Database = name, Pooling = false }.ConnectionString;
        await using var db = new PostgresOpenAeoDb(new DbContextOptionsBuilder<PostgresOpenAeoDb>().UseNpgsql(cs).Options);
        await DatabaseSetup.MigrateAsync(db, CancellationToken.None);
        return name;
    }

    private static SqliteConnection MigratedSqliteTemplate()
    {
        var template = new SqliteConnection($"Data Source=file:openaeo-template-{Guid.NewGuid():N}?mode=memory&cache=shared");
        template.Open();
        using var db = new SqliteOpenAeoDb(new DbContextOptionsBuilder<SqliteOpenAeoDb>().UseSqlite(template).Options);
        DatabaseSetup.MigrateAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return template;
    }

    /// <summary>A new database named <paramref name="prefix"/>_&lt;guid&gt; on the test server, empty or a copy of
    /// <paramref name="template"/>; returns its name.</summary>
    public static async Task<string> CreatePostgresDatabase(string prefix, string? template = null)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(RequirePostgres());
        await connection.OpenAsync();
        var copying = template is null ? "" : $" TEMPLATE \"{template}\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{copying}", connection);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    /// <summary>Drops the database even while connections (a killed process's, a pool's) are still open on it.</summary>
    public static async Task DropPostgresDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(RequirePostgres());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
