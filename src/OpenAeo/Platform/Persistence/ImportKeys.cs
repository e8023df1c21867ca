using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// The keys an import has met so far and the line each was first on, kept in a temporary table inside the import's
/// transaction instead of in memory, so a file of millions of rows is checked for repeats with memory flat in its size
/// (ADR 0067). Each batch is one statement: its keys go in, and a key that was there already comes back with its first line.
/// </summary>
/// <remarks>The table is the connection's own (a temporary table) and goes with the transaction's end either way.</remarks>
internal sealed class ImportKeys
{
    private const string Table = "openaeo_import_keys";

    private readonly OpenAeoDb db;
    private readonly bool sqlite;

    private ImportKeys(OpenAeoDb db)
    {
        this.db = db;
        sqlite = db.Database.IsSqlite();
    }

    /// <summary>Creates the table in the current transaction (which the caller has begun).</summary>
    public static async Task<ImportKeys> CreateAsync(OpenAeoDb db, CancellationToken ct)
    {
        var keys = new ImportKeys(db);
        await keys.ExecuteAsync($"DROP TABLE IF EXISTS {Table}", ct);
        await keys.ExecuteAsync(
            keys.sqlite
                ? $"CREATE TEMP TABLE {Table} (item TEXT NOT NULL PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID"
                : $"CREATE TEMP TABLE {Table} (item text NOT NULL PRIMARY KEY, line integer NOT NULL) ON COMMIT DROP",
            ct
        );
        return keys;
    }

    /// <summary>
    /// Records a batch of keys (each once: the caller finds repeats inside a batch) and returns those recorded by an earlier
    /// batch, with the line they were first on.
    /// </summary>
    public async Task<Dictionary<string, int>> AddAsync(IReadOnlyList<(string Key, int Line)> batch, CancellationToken ct)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        if (batch.Count == 0)
        {
            return seen;
        }

        await using var command = Command(
            sqlite
                // json_each reads the batch as one parameter (thousands of named parameters bind slowly on SQLite).
                ? $"INSERT INTO {Table} (item, line) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
                    + $"FROM json_each(@rows) WHERE true ON CONFLICT (item) DO UPDATE SET line = line RETURNING item, line"
                : $"INSERT INTO {Table} (item, line) SELECT * FROM unnest(@keys, @lines) "
                    + $"ON CONFLICT (item) DO UPDATE SET line = {Table}.line RETURNING item, line"
        );
        if (sqlite)
        {
            Parameter(command, "@rows", JsonSerializer.Serialize(batch.Select(r => new object[] { r.Key, r.Line })));
        }
        else
        {
            Parameter(command, "@keys", batch.Select(r => r.Key).ToArray());
            Parameter(command, "@lines", batch.Select(r => r.Line).ToArray());
        }

        var lines = new Dictionary<string, int>(batch.Count, StringComparer.Ordinal);
        foreach (var (key, line) in batch)
        {
            lines[key] = line;
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = reader.GetString(0);
            var first = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            if (lines.TryGetValue(key, out var line) && line != first)
            {
                seen[key] = first;
            }
        }

        return seen;
    }

    /// <summary>Drops the table before the commit (SQLite keeps a temporary table for the connection's life).</summary>
    public Task DropAsync(CancellationToken ct) => ExecuteAsync($"DROP TABLE IF EXISTS {Table}", ct);

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    private DbCommand Command(string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
