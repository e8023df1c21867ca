using Microsoft.EntityFrameworkCore;
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
            var p when p.Equals("postgres", StringComparison.OrdinalIgnoreCase) || p.Equals("postgresql", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Postgres,
            var p => throw new InvalidOperationException($"Database:Provider '{p}' is not supported; use Sqlite or Postgres."),
        };

    public static IServiceCollection AddOpenAeoPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("OpenAeo");
        switch (Provider(configuration))
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<SqliteOpenAeoDb>(o => o.UseSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqlite : connectionString));
                services.AddScoped<OpenAeoDb>(sp => sp.GetRequiredService<SqliteOpenAeoDb>());
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:OpenAeo is not set.");
                }

                services.AddDbContext<PostgresOpenAeoDb>(o => o.UseNpgsql(connectionString));
                services.AddScoped<OpenAeoDb>(sp => sp.GetRequiredService<PostgresOpenAeoDb>());
                break;
        }

        return services;
    }

    /// <summary>Creates the SQLite file's folder when needed and applies pending migrations.</summary>
    public static async Task MigrateAsync(OpenAeoDb db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(source));
            if (!string.IsNullOrEmpty(source) && source != ":memory:" && folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync(ct);
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
