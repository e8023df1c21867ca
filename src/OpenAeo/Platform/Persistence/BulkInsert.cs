using System.Globalization;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// Inserts many new rows of one entity type inside the context's current transaction: on PostgreSQL through binary
/// <c>COPY … FROM STDIN</c>, on SQLite through one prepared single-row INSERT reused for every row (ADR 0067). Column
/// names, store types and value conversions come from the EF model, so it stays in step with the mappings on both
/// providers; change tracking (the slow part of SaveChanges for 100,000 rows) is bypassed.
/// </summary>
/// <remarks>A database-generated key is left out (the database fills it, nothing reads it back); the caller owns the transaction.</remarks>
internal static class BulkInsert
{
    public static async Task<int> InsertAsync<T>(this OpenAeoDb db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var plan = Plans.GetOrAdd(
            db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped."),
            entityType => Plan.For(entityType, db.GetInfrastructure().GetRequiredService<ISqlGenerationHelper>())
        );
        var converters = plan.Converters;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Database.IsSqlite())
        {
            if (plan.SqliteBinds is { } binds)
            {
                Sqlite((Microsoft.Data.Sqlite.SqliteConnection)connection, plan.Insert, converters, binds, rows);
                return rows.Count;
            }

            // SQLite compiles a statement once and runs it per row in microseconds, while binding thousands of
            // named parameters in one statement is quadratic; so one prepared single-row INSERT, reused.
            await using var single = connection.CreateCommand();
            single.Transaction = transaction;
            single.CommandText = plan.Insert;
            var parameters = plan
                .Columns.Select(
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

        // PostgreSQL: the binary COPY protocol, inside the caller's transaction (a COPY is one statement: a failing row
        // aborts it and the transaction with it). Each column is sent as its store type named by the EF model, so a
        // varchar, numeric or date column gets exactly the bytes it reads.
        var types = plan.StoreTypes;
        await using var importer = await ((Npgsql.NpgsqlConnection)connection).BeginBinaryImportAsync(plan.Copy, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var c = 0; c < converters.Count; c++)
            {
                var value = ProviderValue(converters[c].Getter, converters[c].Converter, row);
                if (value is DBNull)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, types[c], ct);
                }
            }
        }

        return (int)await importer.CompleteAsync(ct);
    }

    /// <summary>Each entity type's columns, statements and conversions, worked out from the model once (a lodging's batch is a few
    /// rows, so working them out per call cost more than the rows).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, Plan> Plans = new();

    private sealed record Plan(
        IReadOnlyList<string> Columns,
        IReadOnlyList<(
            Func<object, object?> Getter,
            Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter
        )> Converters,
        string[] StoreTypes,
        string Insert,
        string Copy,
        SqliteBind[]? SqliteBinds
    )
    {
        public static Plan For(IEntityType entityType, ISqlGenerationHelper sql)
        {
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var properties = entityType.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never || !p.IsKey()).ToList();
            var columns = properties.Select(p => p.GetColumnName(table)!).ToList();
            var into =
                $"{sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c)))})";
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
            return new Plan(
                columns,
                converters,
                [.. properties.Select(p => StoreTypeName(p.GetRelationalTypeMapping().StoreType))],
                $"INSERT INTO {into} VALUES ({string.Join(",", columns.Select((_, i) => "@p" + i))})",
                $"COPY {into} FROM STDIN (FORMAT BINARY)",
                SqliteBindsFor(properties)
            );
        }
    }

    /// <summary>A column's store type without its facets (<c>character varying(40)</c> is sent as <c>character varying</c>).</summary>
    private static string StoreTypeName(string storeType) => storeType.IndexOf('(') is var open and > 0 ? storeType[..open] : storeType;

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

    /// <summary>How a column's provider value is bound to a raw SQLite statement.</summary>
    private enum SqliteBind
    {
        Text,
        Guid,
        Decimal,
        Date,
        Integer,
        Boolean,
        Real,
        Blob,
    }

    /// <summary>
    /// How each column binds, when every column's provider type is one SQLite stores as it is (text, integer, real, blob) or one
    /// Microsoft.Data.Sqlite writes as text (a Guid in upper case, a decimal with at least one decimal place, a date as
    /// yyyy-MM-dd); null for any other, whose form is the ADO.NET provider's to choose: those tables keep the command path.
    /// </summary>
    private static SqliteBind[]? SqliteBindsFor(IReadOnlyList<IProperty> properties)
    {
        var binds = new SqliteBind[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var type = properties[i].GetTypeMapping().Converter?.ProviderClrType ?? properties[i].ClrType;
            type = Nullable.GetUnderlyingType(type) ?? type;
            SqliteBind? bind =
                type == typeof(string) ? SqliteBind.Text
                : type == typeof(Guid) ? SqliteBind.Guid
                : type == typeof(decimal) ? SqliteBind.Decimal
                : type == typeof(DateOnly) ? SqliteBind.Date
                : type == typeof(bool) ? SqliteBind.Boolean
                : type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte) ? SqliteBind.Integer
                : type == typeof(double) ? SqliteBind.Real
                : type == typeof(byte[]) ? SqliteBind.Blob
                : null;
            if (bind is null)
            {
                return null;
            }

            binds[i] = bind.Value;
        }

        return binds;
    }

    /// <summary>
    /// SQLite: one statement prepared on the connection's own handle, bound, stepped and reset per row. The ADO.NET command
    /// does the same through a data reader and a type check per value per row, which cost more than SQLite's own insert.
    /// The statement runs in the connection's open transaction, as any statement on it does.
    /// </summary>
    private static void Sqlite<T>(
        Microsoft.Data.Sqlite.SqliteConnection connection,
        string insert,
        IReadOnlyList<(
            Func<object, object?> Getter,
            Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter
        )> converters,
        SqliteBind[] binds,
        IReadOnlyList<T> rows
    )
        where T : class
    {
        var handle = connection.Handle!;
        Check(handle, raw.sqlite3_prepare_v2(handle, insert, out var statement));
        using (statement)
        {
            foreach (var row in rows)
            {
                for (var c = 0; c < binds.Length; c++)
                {
                    var value = ProviderValue(converters[c].Getter, converters[c].Converter, row);
                    var column = c + 1;
                    Check(
                        handle,
                        value is DBNull
                            ? raw.sqlite3_bind_null(statement, column)
                            : binds[c] switch
                            {
                                SqliteBind.Text => raw.sqlite3_bind_text(statement, column, (string)value),
                                SqliteBind.Guid => raw.sqlite3_bind_text(statement, column, ((Guid)value).ToString().ToUpperInvariant()),
                                SqliteBind.Decimal => raw.sqlite3_bind_text(
                                    statement,
                                    column,
                                    ((decimal)value).ToString("0.0###########################", CultureInfo.InvariantCulture)
                                ),
                                SqliteBind.Date => raw.sqlite3_bind_text(
                                    statement,
                                    column,
                                    ((DateOnly)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                                ),
                                SqliteBind.Boolean => raw.sqlite3_bind_int64(statement, column, (bool)value ? 1 : 0),
                                SqliteBind.Integer => raw.sqlite3_bind_int64(
                                    statement,
                                    column,
                                    Convert.ToInt64(value, CultureInfo.InvariantCulture)
                                ),
                                SqliteBind.Real => raw.sqlite3_bind_double(statement, column, (double)value),
                                _ => raw.sqlite3_bind_blob(statement, column, (byte[])value),
                            }
                    );
                }

                var stepped = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (stepped != raw.SQLITE_DONE)
                {
                    Check(handle, stepped);
                }
            }
        }
    }

    /// <summary>Throws what the ADO.NET provider would for a failed call (a unique violation keeps its extended code).</summary>
    private static void Check(sqlite3 handle, int code)
    {
        if (code is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new Microsoft.Data.Sqlite.SqliteException(
                raw.sqlite3_errmsg(handle).utf8_to_string(),
                code,
                raw.sqlite3_extended_errcode(handle)
            );
        }
    }
}
