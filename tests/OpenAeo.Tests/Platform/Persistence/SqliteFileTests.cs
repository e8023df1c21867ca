using Microsoft.Data.Sqlite;

namespace OpenAeo.Tests.Platform.Persistence;

/// <summary>ADR 0070: new SQLite databases get 16 KiB pages; a database made before keeps the page size it has.</summary>
public sealed class A_SQLite_database_file
{
    private static async Task<long> PageSize(OpenAeoApp app) =>
        (
            await app.WithDb(db => db.Database.SqlQueryRaw<long>("SELECT page_size AS \"Value\" FROM pragma_page_size").ToListAsync())
        ).ShouldHaveSingleItem();

    [Fact]
    public async Task Made_by_OpenAeo_has_16_KiB_pages_and_write_ahead_logging()
    {
        var root = Directory.CreateTempSubdirectory("openaeo-pages-").FullName;
        try
        {
            await using var app = OpenAeoApp.OnSqliteFile(Path.Combine(root, "openaeo.db"));
            app.Started();

            (await PageSize(app)).ShouldBe(16384);
            (
                await app.WithDb(db =>
                    db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").ToListAsync()
                )
            ).ShouldBe(["wal"]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Made_before_keeps_its_4_KiB_pages_and_is_migrated_and_written_as_usual()
    {
        var root = Directory.CreateTempSubdirectory("openaeo-pages-").FullName;
        try
        {
            var path = Path.Combine(root, "openaeo.db");
            await using (var existing = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await existing.OpenAsync();
                await using var create = existing.CreateCommand();
                create.CommandText = "PRAGMA page_size=4096; CREATE TABLE kept (id INTEGER PRIMARY KEY); INSERT INTO kept VALUES (7);";
                await create.ExecuteNonQueryAsync();
            }

            await using var app = OpenAeoApp.OnSqliteFile(path);
            app.Started();
            var officer = await app.ClientAs(OpenAeo.Domain.Registry.Role.ProgrammeOfficer);
            var programmes = await officer.GetAsync("/api/v1/programmes");
            await app.WithDb(async db =>
            {
                db.Audit(app.Clock.GetUtcNow(), "test", "test.written", "test:1");
                await db.SaveChangesAsync();
            });

            programmes.EnsureSuccessStatusCode();
            (await app.WithDb(db => db.AuditEntries().CountAsync(e => e.Action == "test.written"))).ShouldBe(1);
            (await PageSize(app)).ShouldBe(4096);
            (await app.WithDb(db => db.Database.SqlQueryRaw<long>("SELECT id AS \"Value\" FROM kept").ToListAsync())).ShouldBe([7L]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
