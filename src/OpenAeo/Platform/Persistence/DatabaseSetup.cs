using Microsoft.EntityFrameworkCore.Design;

namespace OpenAeo.Platform.Persistence;

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

internal static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/openaeo.db";

    public static DatabaseProvider Provider(IConfiguration configuration) =>
        configuration["Database:Provider"] switch
        {
            null or "" => DatabaseProvider.Sqlite,
            var p when p.Equals("sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            var p
                when p.Equals("postgres", StringComparison.OrdinalIgnoreCase)
                    || p.Equals("postgresql", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Postgres,
            var p => throw new InvalidOperationException($"Database:Provider '{p}' is not supported; use Sqlite or Postgres."),
        };

    /// <summary>
    /// Registers both provider contexts and resolves <see cref="OpenAeoDb"/> to the configured one. Configuration
    /// is read when a context is first needed, not at registration, so hosts and tests can override it late.
    /// </summary>
    /// <remarks>
    /// Contexts are pooled: building a context's options and services took a tenth of a lodging's CPU (issue 18). A
    /// pooled context is reset when its scope ends; everything it resolves through <c>GetService</c> is a singleton.
    /// </remarks>
    public static IServiceCollection AddOpenAeoPersistence(this IServiceCollection services)
    {
        services.AddDbContextPool<SqliteOpenAeoDb>(
            (sp, o) =>
                o.UseSqlite(
                    SqliteBesideTheApp(
                        ConnectionString(sp.GetRequiredService<IConfiguration>(), DatabaseProvider.Sqlite),
                        sp.GetRequiredService<IHostEnvironment>()
                    )
                )
        );
        services.AddDbContextPool<PostgresOpenAeoDb>(
            (sp, o) => o.UseNpgsql(ConnectionString(sp.GetRequiredService<IConfiguration>(), DatabaseProvider.Postgres))
        );
        services.AddScoped<OpenAeoDb>(sp =>
            Provider(sp.GetRequiredService<IConfiguration>()) switch
            {
                DatabaseProvider.Postgres => sp.GetRequiredService<PostgresOpenAeoDb>(),
                _ => sp.GetRequiredService<SqliteOpenAeoDb>(),
            }
        );
        services.AddSingleton<DatabaseLeases>();
        services.AddCachedData();
        services.AddSingleton<BatchedWrites>();
        return services;
    }

    private static string ConnectionString(IConfiguration configuration, DatabaseProvider provider)
    {
        var connectionString = configuration.GetConnectionString("OpenAeo");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        return provider == DatabaseProvider.Sqlite
            ? DefaultSqlite
            : throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:OpenAeo is not set.");
    }

    /// <summary>A relative SQLite file is relative to the content root, like every data path in the settings (ADR 0015).</summary>
    private static string SqliteBesideTheApp(string connectionString, IHostEnvironment environment)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (
            source.Length == 0
            || source == ":memory:"
            || builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || Path.IsPathRooted(source)
        )
        {
            return connectionString;
        }

        builder.DataSource = environment.DataPath(source);
        return builder.ToString();
    }

    /// <summary>Creates a new SQLite file (and its folder) owner-only when needed and applies pending migrations.</summary>
    /// <remarks>
    /// On SQLite, EF Core's own migration lock is a row it deletes when it finishes, so a process killed while migrating
    /// (or merely while checking, which takes the lock too) would leave every later start waiting for it for ever.
    /// OpenAeo therefore migrates only when something is pending, and then while holding an operating-system lock on a
    /// file beside the database, which the OS releases when its holder dies: whoever holds it may clear a leftover EF
    /// lock row, because no other OpenAeo process can be migrating (ADR 0019). On PostgreSQL EF Core's lock ends with the
    /// killed process's connection.
    /// </remarks>
    public static async Task MigrateAsync(OpenAeoDb db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(ct);
            return;
        }

        var file = SqliteFile(db.Database.GetConnectionString());
        if (file is not null)
        {
            // SQLite would create the file with the process's default permissions (usually readable by everyone) and
            // gives its journal, WAL and shared-memory files the database file's; so the file is made first.
            Files.OwnerOnly.CreateDirectory(Path.GetDirectoryName(file)!);
            Files.OwnerOnly.EnsureFile(file);

            // Write-ahead logging (kept in the file once set): readers never wait for a writer and a writer waits only for
            // another writer, which concurrent lodgings and uploads need (ADR 0068); the rollback journal blocked readers
            // for every commit. Waits for a lock last up to the command timeout (Microsoft.Data.Sqlite retries until then).
            // 16 KiB pages instead of SQLite's 4 KiB: a page holds four times the rows and index entries, so a B-tree
            // splits a quarter as often and the WAL takes a quarter as many writes (ADR 0070). SQLite applies it only to a
            // database that has no table yet, so an existing file keeps its page size; it must come before WAL, on the
            // same connection (a pragma is the connection's, and one without a pool would be closed in between).
            await db.Database.ExecuteSqlRawAsync("PRAGMA page_size=16384; PRAGMA journal_mode=WAL;", ct);
        }

        if (!(await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            return;
        }

        if (file is null)
        {
            // One process owns an in-memory database: no other process can migrate it.
            await db.Database.MigrateAsync(ct);
            return;
        }

        await using var exclusive = await MigrationFileLockAsync(file + ".migrating", ct);
        if (
            await db
                .Database.SqlQueryRaw<int>(
                    "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'"
                )
                .SingleAsync(ct) > 0
        )
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", ct);
        }

        await db.Database.MigrateAsync(ct);
    }

    /// <summary>The full path of a SQLite connection's database file; null for an in-memory database.</summary>
    public static string? SqliteFile(string? connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            return null;
        }

        if (source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            // A URI file name: file:path?mode=memory&cache=shared is in memory; otherwise the path before the query.
            var query = source.IndexOf('?', StringComparison.Ordinal);
            if (query >= 0 && source[query..].Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            source = Uri.UnescapeDataString(query >= 0 ? source[5..query] : source[5..]);
        }

        return Path.GetFullPath(source);
    }

    /// <summary>Waits its turn for the exclusive lock on <paramref name="path"/> (flock on Unix); the OS frees it when the holder exits or
    /// dies.</summary>
    private static async Task<FileStream> MigrationFileLockAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Another process is migrating the same file; it will not take long.
                await Task.Delay(100, ct);
            }
        }
    }
}

/// <summary>Lets <c>dotnet ef</c> build each provider's context without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOpenAeoDb>
{
    public SqliteOpenAeoDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOpenAeoDb>().UseSqlite(DatabaseSetup.DefaultSqlite).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresOpenAeoDb>
{
    public PostgresOpenAeoDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresOpenAeoDb>().UseNpgsql("Host=localhost;Database=openaeo_design").Options);
}
