using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Clearance;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Platform.Persistence;

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
            db.Add(Row("SAVED-1", 18394m));
            db.Add(Row("SAVED-2", 0.05m));
            await db.SaveChangesAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.InsertAsync([Row("BULK-1", 18394m), Row("BULK-2", 0.05m)], CancellationToken.None);
            await tx.CommitAsync();
        });

        await app.WithDb(async db =>
        {
            var saved = await Columns(db, "SAVED-1");
            var bulk = await Columns(db, "BULK-1");
            saved.Keys.ShouldBe(bulk.Keys);
            foreach (var (column, value) in saved)
            {
                if (column is not ("Id" or "Reference"))
                {
                    bulk[column].ShouldBe(value, column);
                }
            }

            (await Columns(db, "BULK-2"))["CustomsValue"].ShouldBe((await Columns(db, "SAVED-2"))["CustomsValue"]);
            var bulkId = await db.Declarations().Where(d => d.Reference == "BULK-1").Select(d => d.Id).SingleAsync();
            (await db.Declarations().Where(d => d.Id == bulkId).Select(d => d.Reference).SingleAsync()).ShouldBe("BULK-1");
            (
                await db.Declarations()
                    .Where(d => d.CustomsValue == 18394m && d.LodgedOn == new DateOnly(2026, 4, 1))
                    .Select(d => d.Reference)
                    .OrderBy(r => r)
                    .ToListAsync()
            ).ShouldBe(["BULK-1", "SAVED-1"]);
            (await db.Declarations().Where(d => d.CustomsValue < 1m).Select(d => d.Reference).OrderBy(r => r).ToListAsync()).ShouldBe([
                "BULK-2",
                "SAVED-2",
            ]);
        });
    }

    /// <summary>A row's columns as the database holds them (on SQLite, the value's own storage class: text, integer, real).</summary>
    private static async Task<Dictionary<string, object>> Columns(OpenAeoDb db, string reference)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT * FROM clr_declarations WHERE "Reference" = @r""";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@r";
            parameter.Value = reference;
            command.Parameters.Add(parameter);
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).ShouldBeTrue(reference);
            return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.GetValue(i));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
