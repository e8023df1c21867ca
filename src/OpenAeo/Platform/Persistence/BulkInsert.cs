using System.Text;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// Inserts many new rows of one entity type with multi-row parameterised INSERTs, inside the context's current
/// transaction. Column names and value conversions come from the EF model, so it stays in step with the
/// mappings on both providers; change tracking (the slow part of SaveChanges for 100,000 rows) is bypassed.
/// </summary>
/// <remarks>Only for entities without database-generated keys; the caller owns the transaction.</remarks>
internal static class BulkInsert
{
    /// <summary>Multi-row statements for PostgreSQL: well under its 65,535-parameter limit, big enough to amortise round trips.</summary>
    private const int MaxParametersPerStatement = 10_000;

    public static async Task<int> InsertAsync<T>(this OpenAeoDb db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never || !p.IsKey()).ToList();
        var columns = properties.Select(p => p.GetColumnName(table)!).ToList();
        var sql = db.GetInfrastructure().GetRequiredService<ISqlGenerationHelper>();
        var head =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ("
            + $"{string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c)))}) VALUES ";
        // A shadow property (a row's concurrency version) has no getter: a new row starts at its type's default.
        var converters = properties
            .Select(p =>
                (
                    Getter: p.IsShadowProperty()
                        ? (Func<object, object?>)(_ => p.ClrType.IsValueType ? Activator.CreateInstance(p.ClrType) : null)
                        : p.GetGetter().GetClrValue,
                    Converter: p.GetTypeMapping().Converter
                )
            )
            .ToList();

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Database.IsSqlite())
        {
            // SQLite compiles a statement once and runs it per row in microseconds, while binding thousands of
            // named parameters in one statement is quadratic; so one prepared single-row INSERT, reused.
            await using var single = connection.CreateCommand();
            single.Transaction = transaction;
            single.CommandText = head + "(" + string.Join(",", columns.Select((_, i) => "@p" + i)) + ")";
            var parameters = columns
                .Select(
                    (_, i) =>
                    {
                        var parameter = single.CreateParameter();
                        parameter.ParameterName = "@p" + i;
                        single.Parameters.Add(parameter);
                        return parameter;
                    }
                )
                .ToArray();
            await single.PrepareAsync(ct);
            foreach (var row in rows)
            {
                for (var c = 0; c < converters.Count; c++)
                {
                    parameters[c].Value = ProviderValue(converters[c].Getter, converters[c].Converter, row);
                }

                await single.ExecuteNonQueryAsync(ct);
            }

            return rows.Count;
        }

        var perStatement = Math.Max(1, MaxParametersPerStatement / columns.Count);
        var inserted = 0;
        foreach (var chunk in rows.Chunk(perStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head, head.Length + chunk.Length * columns.Count * 8);
            var n = 0;
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ",(");
                for (var c = 0; c < converters.Count; c++)
                {
                    var name = "@p" + n++;
                    text.Append(c == 0 ? name : "," + name);
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = ProviderValue(converters[c].Getter, converters[c].Converter, chunk[r]);
                    command.Parameters.Add(parameter);
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            inserted += await command.ExecuteNonQueryAsync(ct);
        }

        return inserted;
    }

    /// <summary>
    /// Prepares the connection for a write of millions of rows in one transaction. On SQLite the page cache grows to
    /// 256 MB for the duration: with the default 2 MB, pages of the indexes spill to disk mid-transaction and every
    /// spill syncs the journal, which made a 100,000-declaration import wait on the disk most of its time.
    /// </summary>
    public static async Task<IAsyncDisposable> LargeWriteAsync(this OpenAeoDb db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return new Restore(null);
        }

        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
        return new Restore(db);
    }

    private sealed class Restore(OpenAeoDb? db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (db is not null)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000");
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static object ProviderValue(
        Func<object, object?> getter,
        Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter,
        object row
    )
    {
        var value = getter(row);
        if (converter is not null && value is not null)
        {
            value = converter.ConvertToProvider(value);
        }

        return value ?? DBNull.Value;
    }
}
