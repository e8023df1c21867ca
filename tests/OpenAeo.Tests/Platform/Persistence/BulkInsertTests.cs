using System.Data.Common;
using OpenAeo.Clearance;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;

namespace OpenAeo.Tests.Platform.Persistence;

/// <summary>
/// The bulk path (ADR 0067) writes rows without EF's commands: on SQLite it binds values itself, so a Guid, a decimal or a
/// date must reach the table in the very form EF writes and queries, or lookups by those columns would miss the row.
/// </summary>
public class Bulk_insert
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Writes_every_column_as_a_save_does_so_queries_by_a_guid_a_decimal_and_a_date_find_the_row(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var lodged = new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero);
        Declaration Row(string reference, decimal value) =>
            new()
            {
                Id = Guid.CreateVersion7(lodged),
                Reference = reference,
                Type = DeclarationType.Import,
                Mode = TransportMode.Sea,
                OriginEconomy = "JP",
                DestinationEconomy = "TW",
                Office = "Keelung",
                OfficeTimeZone = "Asia/Taipei",
                ImporterTin = "TW12345678",
                ConsignorTin = "JP1234567890123",
                CustomsValue = value,
                LowValueEcommerce = true,
                LodgedAt = lodged,
                LodgedOn = new DateOnly(2026, 4, 1),
                ReleasedAt = lodged.AddHours(2),
                Lane = Lane.Yellow,
                Score = 42,
                PrincipalStatus = RecognitionResult.LocalAeo,
                PrincipalSme = true,
                ConsignorStatus = RecognitionResult.RecognisedUnderMra,
                ConsignorMra = "TW-JP",
                Explanation = """{"lane":"Yellow","note":"台灣 \"quoted\""}""",
                SubmittedBy = "officer",
                Items = [],
            };

        await app.WithDb(async db =>
        {
            // A whole-number decimal is where a text form could differ ("18394.0" or "18394"); a fraction too.
            var saved = Row("SAVED-1", 18394m);
            saved.Items = Items(saved.Id);
            db.Add(saved);
            db.Add(Row("SAVED-2", 0.05m));
            await db.SaveChangesAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            var bulk = Row("BULK-1", 18394m);
            await db.InsertAsync([bulk, Row("BULK-2", 0.05m)], CancellationToken.None);
            // 40 items: a statement of many rows and single rows after it, on SQLite.
            await db.InsertAsync(Items(bulk.Id), CancellationToken.None);
            // Several tables of a few rows, as a lodging batch writes them (one round trip on PostgreSQL).
            var batched = Row("BATCH-1", 18394m);
            var preparer = db.Preparing();
            await db.InsertAsync([preparer.Prepare([batched]), preparer.Prepare(Items(batched.Id))], CancellationToken.None);
            await tx.CommitAsync();
        });

        await app.WithDb(async db =>
        {
            var ids = await db.Declarations().ToDictionaryAsync(d => d.Reference, d => d.Id);
            var saved = await Columns(db, "clr_declarations", "Reference", "SAVED-1");
            var bulk = await Columns(db, "clr_declarations", "Reference", "BULK-1");
            Same(saved.Single(), bulk.Single(), "Id", "Reference");
            Same(
                (await Columns(db, "clr_declarations", "Reference", "SAVED-2")).Single(),
                (await Columns(db, "clr_declarations", "Reference", "BULK-2")).Single(),
                "Id",
                "Reference"
            );
            Same(saved.Single(), (await Columns(db, "clr_declarations", "Reference", "BATCH-1")).Single(), "Id", "Reference");
            var savedItems = await Columns(db, "clr_declaration_items", "DeclarationId", ids["SAVED-1"]);
            foreach (var written in new[] { "BULK-1", "BATCH-1" })
            {
                var bulkItems = await Columns(db, "clr_declaration_items", "DeclarationId", ids[written]);
                bulkItems.Count.ShouldBe(40);
                for (var i = 0; i < savedItems.Count; i++)
                {
                    Same(savedItems[i], bulkItems[i], "DeclarationId");
                }
            }

            (await db.Declarations().Where(d => d.Id == ids["BULK-1"]).Select(d => d.Reference).SingleAsync()).ShouldBe("BULK-1");
            (
                await db.Declarations()
                    .Where(d => d.CustomsValue == 18394m && d.LodgedOn == new DateOnly(2026, 4, 1))
                    .Select(d => d.Reference)
                    .OrderBy(r => r)
                    .ToListAsync()
            ).ShouldBe(["BATCH-1", "BULK-1", "SAVED-1"]);
            (await db.Declarations().Where(d => d.CustomsValue < 1m).Select(d => d.Reference).OrderBy(r => r).ToListAsync()).ShouldBe([
                "BULK-2",
                "SAVED-2",
            ]);
            (await db.Set<DeclarationItemRow>().CountAsync(i => i.DeclarationId == ids["BULK-1"] && i.CustomsValue == 100m)).ShouldBe(1);
        });
    }

    [Fact]
    public async Task On_sqlite_waits_while_another_connection_holds_the_table_instead_of_failing_busy()
    {
        // The test database shares its cache between connections, so a reader's open transaction locks the table it read
        // against writers, as a concurrent request's read does; the bulk path must wait for it as EF's commands do.
        await using var app = await OpenAeoApp.On("Sqlite");
        await app.WithDb(async db =>
        {
            var declaration = Guid.CreateVersion7();
            db.Add(
                new Declaration
                {
                    Id = declaration,
                    Reference = "LOCKED-1",
                    OfficeTimeZone = "Asia/Taipei",
                    Explanation = "{}",
                }
            );
            await db.SaveChangesAsync();
            // Our transaction begins first (it takes the database's write lock); the reader then locks the table it reads.
            await using var tx = await db.Database.BeginTransactionAsync();
            await using var other = new Microsoft.Data.Sqlite.SqliteConnection(db.Database.GetConnectionString());
            await other.OpenAsync();
            await using var reading = other.BeginTransaction(deferred: true);
            await using (var read = other.CreateCommand())
            {
                read.Transaction = reading;
                read.CommandText = "SELECT COUNT(*) FROM clr_declaration_items";
                await read.ExecuteScalarAsync();
            }

            var insert = Task.Run(() => db.InsertAsync(Items(declaration), CancellationToken.None));
            await Task.Delay(400);
            insert.IsCompleted.ShouldBeFalse("the insert waits while the other connection holds the table");
            await reading.CommitAsync();
            (await insert).ShouldBe(40);
            await tx.CommitAsync();
            (await db.Set<DeclarationItemRow>().CountAsync(i => i.DeclarationId == declaration)).ShouldBe(40);
        });
    }

    /// <summary>Forty items (or <paramref name="count"/>), whole and fractional values, with and without a description.</summary>
    internal static List<DeclarationItemRow> Items(Guid declaration, int count = 40) =>
        [
            .. Enumerable
                .Range(1, count)
                .Select(line => new DeclarationItemRow
                {
                    DeclarationId = declaration,
                    Line = line,
                    HsCode = $"8471.{line:D2}",
                    CustomsValue = line % 2 == 0 ? line * 50m : line + 0.25m,
                    Description = line % 3 == 0 ? null : $"Item {line} 精密",
                }),
        ];

    private static void Same(Dictionary<string, object> saved, Dictionary<string, object> bulk, params string[] except)
    {
        bulk.Keys.ShouldBe(saved.Keys);
        foreach (var (column, value) in saved)
        {
            if (!except.Contains(column))
            {
                bulk[column].ShouldBe(value, column);
            }
        }
    }

    /// <summary>Rows' columns as the database holds them (on SQLite, each value in its own storage class: text, integer, real),
    /// in the order of their insertion.</summary>
    private static async Task<List<Dictionary<string, object>>> Columns(OpenAeoDb db, string table, string column, object value)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT * FROM {table} WHERE "{column}" = @v ORDER BY 1, 2""";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@v";
            parameter.Value = value is Guid id && db.Database.IsSqlite() ? id.ToString().ToUpperInvariant() : value;
            command.Parameters.Add(parameter);
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            var rows = new List<Dictionary<string, object>>();
            while (await reader.ReadAsync())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue));
            }

            rows.ShouldNotBeEmpty($"{table} {column} = {value}");
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
