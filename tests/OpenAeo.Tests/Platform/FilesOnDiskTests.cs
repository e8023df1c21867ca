using OpenAeo.Domain.Registry;
using OpenAeo.Tests.MutualRecognition;

namespace OpenAeo.Tests.Platform;

/// <summary>Issue #11 item 8: the database, study inputs and the node key are created readable by their owner only.</summary>
public sealed class Files_on_disk
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static UnixFileMode Mode(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("Unix permissions.") : File.GetUnixFileMode(path);

    [Fact]
    public async Task A_new_SQLite_database_its_folders_and_its_WAL_and_shared_memory_files_are_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions.");
        var root = Directory.CreateTempSubdirectory("openaeo-files-").FullName;
        try
        {
            var path = Path.Combine(root, "data", "node1", "openaeo.db");
            await using var app = OpenAeoApp.OnSqliteFile(path);
            app.Started();

            Mode(path).ShouldBe(OwnerFile);
            Mode(Path.Combine(root, "data")).ShouldBe(OwnerFolder);
            Mode(Path.Combine(root, "data", "node1")).ShouldBe(OwnerFolder);

            // In WAL mode SQLite creates two more files next to the database, with the database file's permissions.
            await app.WithDb(async db =>
            {
                await db.Database.OpenConnectionAsync();
                (await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode=WAL").ToListAsync()).ShouldBe(["wal"]);
                db.Audit(app.Clock.GetUtcNow(), "test", "test.written", "test:1");
                await db.SaveChangesAsync();
                Mode(path + "-wal").ShouldBe(OwnerFile);
                Mode(path + "-shm").ShouldBe(OwnerFile);
                await db.Database.CloseConnectionAsync();
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Uploaded_study_inputs_and_their_folders_are_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions.");
        await using var app = OpenAeoApp.OnSqlite();
        var analyst = await app.ClientAs(Role.Analyst);
        using var upload = new MultipartFormDataContent();
        upload.Add(
            new StringContent("declaration_id,mode,lodged_at,released_at\nD1,sea,2026-01-05T08:00:00Z,2026-01-05T10:00:00Z\n"),
            "file",
            "events.csv"
        );

        var uploaded = await analyst.PostAsync("/api/v1/trs/inputs", upload);

        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var inputs = Path.Combine(app.DataFolder, "trs-inputs");
        Mode(inputs).ShouldBe(OwnerFolder);
        var folder = Directory.GetDirectories(inputs).ShouldHaveSingleItem();
        Mode(folder).ShouldBe(OwnerFolder);
        Mode(Directory.GetFiles(folder).ShouldHaveSingleItem()).ShouldBe(OwnerFile);
    }

    [Fact]
    public async Task The_command_line_creates_the_database_and_the_node_key_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions.");
        await using var node = new OpenAeoNode("TW");

        await node.CliOk("db", "migrate");
        await node.CliOk("exchange", "identity");

        Mode(node.DatabasePath).ShouldBe(OwnerFile);
        Mode(node.KeyPath).ShouldBe(OwnerFile);
    }
}
