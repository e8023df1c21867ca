using System.Globalization;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// Inserts many new rows of one entity type inside the context's current transaction: on PostgreSQL through binary
/// <c>COPY … FROM STDIN</c>, on SQLite through INSERTs prepared once on the connection's handle and stepped (ADR 0067). Column
/// names, store types and value conversions come from the EF model, so it stays in step with the mappings on both
/// providers; change tracking (the slow part of SaveChanges for 100,000 rows) is bypassed.
/// </summary>
/// <remarks>A database-generated key is left out (the database fills it, nothing reads it back); the caller owns the transaction.</remarks>
internal static class BulkInsert
{
    public static Task<int> InsertAsync<T>(this OpenAeoDb db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class => db.InsertAsync(db.Preparing().Prepare(rows), ct);

    /// <summary>
    /// What preparing rows needs from a context (its model and provider), taken once, so that a reading thread can prepare the
    /// next batch while the context writes this one.
    /// </summary>
    public static RowPreparer Preparing(this OpenAeoDb db) => new(db.Model, db.GetInfrastructure(), db.Database.IsSqlite());

    /// <summary>Works out rows' values as the provider takes them (converted, and on SQLite in the text forms EF writes); safe on
    /// any thread. The provider's SQL helper is resolved only when a type's plan is first worked out.</summary>
    internal sealed class RowPreparer(IModel model, IServiceProvider services, bool sqlite)
    {
        public PreparedRows Prepare<T>(IReadOnlyList<T> rows)
            where T : class
        {
            var plan = Plans.GetOrAdd(
                model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped."),
                entityType => Plan.For(entityType, services.GetRequiredService<ISqlGenerationHelper>())
            );
            var converters = plan.Converters;
            var binds = sqlite ? plan.SqliteBinds : null;
            var values = new object[rows.Count * converters.Count];
            var at = 0;
            foreach (var row in rows)
            {
                for (var c = 0; c < converters.Count; c++)
                {
                    var value = ProviderValue(converters[c].Getter, converters[c].Converter, row);
                    values[at++] = binds is null || value is DBNull ? value : SqliteForm(value, binds[c]);
                }
            }

            return new PreparedRows(plan, values, rows.Count, binds);
        }
    }

    /// <summary>Rows of one entity type, their values row after row as the provider takes them.</summary>
    internal sealed record PreparedRows(Plan Plan, object[] Values, int Count, SqliteBind[]? SqliteBinds);

    public static async Task<int> InsertAsync(this OpenAeoDb db, PreparedRows rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var plan = rows.Plan;
        var width = plan.Columns.Count;
        var values = rows.Values;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Database.IsSqlite())
        {
            if (rows.SqliteBinds is not null)
            {
                Sqlite((Microsoft.Data.Sqlite.SqliteConnection)connection, plan, rows);
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
            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < width; c++)
                {
                    parameters[c].Value = values[r * width + c];
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
        for (var r = 0; r < rows.Count; r++)
        {
            await importer.StartRowAsync(ct);
            for (var c = 0; c < width; c++)
            {
                var value = values[r * width + c];
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

    /// <summary>
    /// Inserts the rows of several tables, in the order given (a parent before its children). On PostgreSQL, when every table
    /// has only a few rows (a batch of lodgings), each table's rows go in one INSERT of an <c>unnest</c> of one array a column,
    /// and all the INSERTs in one batch: one round trip for the write, where a COPY takes two for each table, and a statement
    /// whose text does not depend on the count of rows, so the server parses and plans it once a connection (ADR 0069).
    /// Larger writes, and SQLite, go table by table.
    /// </summary>
    public static async Task InsertAsync(this OpenAeoDb db, IReadOnlyList<PreparedRows> tables, CancellationToken ct)
    {
        if (db.Database.IsSqlite() || tables.Any(t => t.Count > FewRows))
        {
            foreach (var table in tables)
            {
                await db.InsertAsync(table, ct);
            }

            return;
        }

        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new Npgsql.NpgsqlBatch(
            connection,
            (Npgsql.NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
        );
        foreach (var table in tables.Where(t => t.Count > 0))
        {
            var (plan, width) = (table.Plan, table.Plan.Columns.Count);
            var command = new Npgsql.NpgsqlBatchCommand(plan.InsertUnnest);
            for (var c = 0; c < width; c++)
            {
                var column = Array.CreateInstance(plan.ElementTypes[c], table.Count);
                for (var r = 0; r < table.Count; r++)
                {
                    if (table.Values[r * width + c] is not DBNull and var value)
                    {
                        column.SetValue(value, r);
                    }
                }

                command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = column, DataTypeName = plan.StoreTypes[c] + "[]" });
            }

            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            // The same text for any count of rows, so each connection parses and plans it once: a no-op after the first time.
            await batch.PrepareAsync(ct);
            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Rows of one table above which <see cref="InsertAsync(OpenAeoDb, IReadOnlyList{PreparedRows}, CancellationToken)"/>
    /// uses COPY (whose per-row cost is lower once its two round trips are paid).</summary>
    private const int FewRows = 1_000;

    /// <summary>Each entity type's columns, statements and conversions, worked out from the model once (a lodging's batch is a few
    /// rows, so working them out per call cost more than the rows).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, Plan> Plans = new();

    internal sealed record Plan(
        IReadOnlyList<string> Columns,
        IReadOnlyList<(
            Func<object, object?> Getter,
            Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter
        )> Converters,
        string[] StoreTypes,
        string Insert,
        string InsertMany,
        string Copy,
        string InsertUnnest,
        Type[] ElementTypes,
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
            var values = $"INSERT INTO {into} VALUES ";
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
            var storeTypes = properties.Select(p => StoreTypeName(p.GetRelationalTypeMapping().StoreType)).ToArray();
            return new Plan(
                columns,
                converters,
                storeTypes,
                $"INSERT INTO {into} VALUES ({string.Join(",", columns.Select((_, i) => "@p" + i))})",
                values + string.Join(",", Enumerable.Repeat($"({string.Join(",", columns.Select(_ => "?"))})", SqliteRowsPerStatement)),
                $"COPY {into} FROM STDIN (FORMAT BINARY)",
                $"INSERT INTO {into} SELECT * FROM unnest({string.Join(", ", storeTypes.Select((t, i) => $"${i + 1}::{t}[]"))})",
                [.. properties.Select(ElementType)],
                SqliteBindsFor(properties)
            );
        }
    }

    /// <summary>The element type of a column's array of provider values: nullable, since any row may hold a null.</summary>
    private static Type ElementType(IProperty property)
    {
        var type = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type;
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
    internal enum SqliteBind
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

    /// <summary>The widest table written many rows a statement. A million declarations (31 columns, eight indexes with the
    /// primary key's) took 24 s one row a statement and 35 s 32 rows a statement, while their seven million events (six
    /// columns) went from 25 s to 16 s.</summary>
    private const int SqliteManyRowsColumns = 16;

    /// <summary>
    /// SQLite: statements prepared on the connection's own handle, one of <see cref="SqliteRowsPerStatement"/> rows (for a table
    /// of up to <see cref="SqliteManyRowsColumns"/> columns) and one of a row for the rest, bound by position and stepped. The
    /// ADO.NET command does the same through a data reader and a type check per value per row, which cost more than SQLite's own
    /// insert. The statements run in the connection's open transaction, as any statement on it does.
    /// </summary>
    private static void Sqlite(Microsoft.Data.Sqlite.SqliteConnection connection, Plan plan, PreparedRows rows)
    {
        var handle = connection.Handle!;
        var width = plan.Columns.Count;
        var done = 0;
        if (rows.Count >= SqliteRowsPerStatement && width <= SqliteManyRowsColumns)
        {
            Check(handle, raw.sqlite3_prepare_v2(handle, plan.InsertMany, out var many));
            using (many)
            {
                for (; done + SqliteRowsPerStatement <= rows.Count; done += SqliteRowsPerStatement)
                {
                    Bind(handle, many, rows.Values.AsSpan(done * width, SqliteRowsPerStatement * width));
                    Step(connection, many);
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
                    Bind(handle, one, rows.Values.AsSpan(done * width, width));
                    Step(connection, one);
                }
            }
        }
    }

    /// <summary>
    /// Runs the statement once. While another connection holds the write lock, it waits and tries again for up to the
    /// connection's <see cref="Microsoft.Data.Sqlite.SqliteConnection.DefaultTimeout"/>, as Microsoft.Data.Sqlite's own commands
    /// do (it sets no busy handler on the handle, it retries), then throws the busy error the app answers as 503.
    /// </summary>
    private static void Step(Microsoft.Data.Sqlite.SqliteConnection connection, sqlite3_stmt statement)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var stepped = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (stepped == raw.SQLITE_DONE)
            {
                return;
            }

            if (
                stepped is raw.SQLITE_BUSY or raw.SQLITE_LOCKED
                && System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds < connection.DefaultTimeout
            )
            {
                Thread.Sleep(150);
                continue;
            }

            Check(connection.Handle!, stepped);
        }
    }

    /// <summary>Binds values prepared by <see cref="SqliteForm"/> to the statement's parameters, in order (text is handed to
    /// SQLite as UTF-16, which it copies).</summary>
    private static void Bind(sqlite3 handle, sqlite3_stmt statement, ReadOnlySpan<object> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var column = i + 1;
            Check(
                handle,
                values[i] switch
                {
                    DBNull => raw.sqlite3_bind_null(statement, column),
                    string text => raw.sqlite3_bind_text16(statement, column, text.AsSpan()),
                    long number => raw.sqlite3_bind_int64(statement, column, number),
                    double real => raw.sqlite3_bind_double(statement, column, real),
                    byte[] blob => raw.sqlite3_bind_blob(statement, column, blob),
                    var other => throw new InvalidOperationException($"A {other.GetType().Name} was not prepared for column {column}."),
                }
            );
        }
    }

    private static readonly object True = 1L;
    private static readonly object False = 0L;

    /// <summary>A provider value as SQLite stores it: a number as an integer or a real; a Guid, a decimal and a date as the text
    /// Microsoft.Data.Sqlite writes for them (upper case; at least one decimal place; yyyy-MM-dd).</summary>
    private static object SqliteForm(object value, SqliteBind bind) =>
        bind switch
        {
            SqliteBind.Guid => ((Guid)value).ToString().ToUpperInvariant(),
            SqliteBind.Decimal => ((decimal)value).ToString("0.0###########################", CultureInfo.InvariantCulture),
            SqliteBind.Date => ((DateOnly)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SqliteBind.Boolean => (bool)value ? True : False,
            SqliteBind.Integer => value is long ? value : Convert.ToInt64(value, CultureInfo.InvariantCulture),
            _ => value,
        };

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
