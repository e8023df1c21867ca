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
                Sqlite((Microsoft.Data.Sqlite.SqliteConnection)connection, plan, binds, rows);
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
        string InsertMany,
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
                $"INSERT INTO {into} VALUES "
                    + string.Join(",", Enumerable.Repeat($"({string.Join(",", columns.Select(_ => "?"))})", SqliteRowsPerStatement)),
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

    /// <summary>Rows per statement on SQLite: a statement's own cost (its start, its reset, the AUTOINCREMENT bookkeeping) is
    /// paid once for this many rows instead of once a row.</summary>
    private const int SqliteRowsPerStatement = 32;

    /// <summary>The widest table written many rows a statement. A million declarations (31 columns, seven indexes) took 24 s one
    /// row a statement and 35 s 32 rows a statement, while their seven million events (six columns) went from 25 s to 16 s.</summary>
    private const int SqliteManyRowsColumns = 16;

    /// <summary>
    /// SQLite: statements prepared on the connection's own handle, one of <see cref="SqliteRowsPerStatement"/> rows (for a table
    /// of up to <see cref="SqliteManyRowsColumns"/> columns) and one of a row for the rest, bound by position and stepped. The
    /// ADO.NET command does the same through a data reader and a type check per value per row, which cost more than SQLite's own
    /// insert. The statements run in the connection's open transaction, as any statement on it does.
    /// </summary>
    private static void Sqlite<T>(Microsoft.Data.Sqlite.SqliteConnection connection, Plan plan, SqliteBind[] binds, IReadOnlyList<T> rows)
        where T : class
    {
        var handle = connection.Handle!;
        var done = 0;
        if (rows.Count >= SqliteRowsPerStatement && binds.Length <= SqliteManyRowsColumns)
        {
            Check(handle, raw.sqlite3_prepare_v2(handle, plan.InsertMany, out var many));
            using (many)
            {
                for (; done + SqliteRowsPerStatement <= rows.Count; done += SqliteRowsPerStatement)
                {
                    for (var r = 0; r < SqliteRowsPerStatement; r++)
                    {
                        Bind(handle, many, r * binds.Length, plan.Converters, binds, rows[done + r]);
                    }

                    Step(handle, many);
                }
            }
        }

        if (done < rows.Count)
        {
            Check(handle, raw.sqlite3_prepare_v2(handle, plan.Insert, out var one));
            using (one)
            {
                for (; done < rows.Count; done++)
                {
                    Bind(handle, one, 0, plan.Converters, binds, rows[done]);
                    Step(handle, one);
                }
            }
        }
    }

    private static void Step(sqlite3 handle, sqlite3_stmt statement)
    {
        var stepped = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (stepped != raw.SQLITE_DONE)
        {
            Check(handle, stepped);
        }
    }

    /// <summary>Binds a row's values to the statement's parameters from <paramref name="offset"/> + 1 on, in the text forms
    /// Microsoft.Data.Sqlite writes (formatted on the stack, handed to SQLite as UTF-16, which it copies).</summary>
    private static void Bind(
        sqlite3 handle,
        sqlite3_stmt statement,
        int offset,
        IReadOnlyList<(
            Func<object, object?> Getter,
            Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter
        )> converters,
        SqliteBind[] binds,
        object row
    )
    {
        Span<char> text = stackalloc char[64];
        for (var c = 0; c < binds.Length; c++)
        {
            var value = ProviderValue(converters[c].Getter, converters[c].Converter, row);
            var column = offset + c + 1;
            int written;
            Check(
                handle,
                value is DBNull
                    ? raw.sqlite3_bind_null(statement, column)
                    : binds[c] switch
                    {
                        SqliteBind.Text => raw.sqlite3_bind_text16(statement, column, ((string)value).AsSpan()),
                        SqliteBind.Guid when ((Guid)value).TryFormat(text, out written) => raw.sqlite3_bind_text16(
                            statement,
                            column,
                            Upper(text[..written])
                        ),
                        SqliteBind.Decimal
                            when ((decimal)value).TryFormat(
                                text,
                                out written,
                                "0.0###########################",
                                CultureInfo.InvariantCulture
                            ) => raw.sqlite3_bind_text16(statement, column, text[..written]),
                        SqliteBind.Date when ((DateOnly)value).TryFormat(text, out written, "yyyy-MM-dd", CultureInfo.InvariantCulture) =>
                            raw.sqlite3_bind_text16(statement, column, text[..written]),
                        SqliteBind.Boolean => raw.sqlite3_bind_int64(statement, column, (bool)value ? 1 : 0),
                        SqliteBind.Integer => raw.sqlite3_bind_int64(
                            statement,
                            column,
                            Convert.ToInt64(value, CultureInfo.InvariantCulture)
                        ),
                        SqliteBind.Real => raw.sqlite3_bind_double(statement, column, (double)value),
                        SqliteBind.Blob => raw.sqlite3_bind_blob(statement, column, (byte[])value),
                        _ => throw new InvalidOperationException($"{value} does not fit the {binds[c]} column {column}."),
                    }
            );
        }
    }

    private static ReadOnlySpan<char> Upper(Span<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = char.ToUpperInvariant(text[i]);
        }

        return text;
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
