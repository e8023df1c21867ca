namespace OpenAeo.Tests.Platform;

/// <summary>Fails when the model changed and a provider's migration set was not regenerated.</summary>
public class Migrations
{
    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges()
            .ShouldBeFalse(
                "run: dotnet ef migrations add <Name> --project src/OpenAeo --context SqliteOpenAeoDb"
                    + " --output-dir Platform/Persistence/Migrations/Sqlite"
            );
    }

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges()
            .ShouldBeFalse(
                "run: dotnet ef migrations add <Name> --project src/OpenAeo --context PostgresOpenAeoDb"
                    + " --output-dir Platform/Persistence/Migrations/Postgres"
            );
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);

        Names(sqlite).ShouldBe(Names(postgres));
    }
}
