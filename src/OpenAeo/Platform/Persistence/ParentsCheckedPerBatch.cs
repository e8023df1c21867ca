using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// Child rows written in bulk right after their parents, in the same transaction, with the foreign keys to the parents
/// checked once a batch instead of once a row (ADR 0067).
/// </summary>
/// <remarks>
/// PostgreSQL checks a foreign key with a trigger per inserted row that looks the parent up and locks it (FOR KEY SHARE); at
/// the end of a COPY of tens of thousands of rows those checks were half of the server's time. Here the per-row triggers are
/// off while the children are copied (<c>session_replication_role = replica</c>, for this transaction only), and one query
/// then proves that every parent the batch names is in the table, or the write fails. The lock the trigger takes guards a
/// parent against a delete by another transaction; the parents here are the transaction's own uncommitted rows, which no
/// other transaction can see. It applies only where every foreign key of the child tables points to the parent table (so no
/// other check is skipped) and where the role may set that parameter (a superuser, or
/// <c>GRANT SET ON PARAMETER session_replication_role</c>); otherwise, and on SQLite, the database checks each row as usual.
/// </remarks>
internal sealed class ParentsCheckedPerBatch
{
    private readonly OpenAeoDb db;
    private readonly string? check;

    private ParentsCheckedPerBatch(OpenAeoDb db, string? check)
    {
        this.db = db;
        this.check = check;
    }

    /// <summary>Whether the batch's checks are the set-based one (false: the database's own per-row checks).</summary>
    public bool PerBatch => check is not null;

    /// <summary>Works out, inside the caller's transaction, whether the per-row checks may be replaced.</summary>
    public static async Task<ParentsCheckedPerBatch> ForAsync<TParent>(OpenAeoDb db, CancellationToken ct, params Type[] children)
    {
        var parent = db.Model.FindEntityType(typeof(TParent))!;
        var key = parent.FindPrimaryKey()!.Properties;
        var onlyToParent = children.All(c => db.Model.FindEntityType(c)!.GetForeignKeys().All(f => f.PrincipalEntityType == parent));
        if (!db.Database.IsNpgsql() || key is not [{ ClrType: var keyType }] || keyType != typeof(Guid) || !onlyToParent)
        {
            return new(db, null);
        }

        var table = StoreObjectIdentifier.Table(parent.GetTableName()!, parent.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var query =
            $"SELECT count(*) FROM unnest(@parents) AS named(id) "
            + $"WHERE NOT EXISTS (SELECT 1 FROM {sql.DelimitIdentifier(table.Name, table.Schema)} AS p "
            + $"WHERE p.{sql.DelimitIdentifier(key[0].GetColumnName(table)!)} = named.id)";
        return await MaySetReplicaRoleAsync(db, ct) ? new(db, query) : new(db, null);
    }

    /// <summary>
    /// Runs <paramref name="writeChildren"/>; in the per-batch mode without the per-row checks, then proves each of
    /// <paramref name="parents"/> (the parents the children name) is in the table.
    /// </summary>
    /// <exception cref="InvalidOperationException">A child names a parent the table does not hold (a fault of the writer: the
    /// transaction must be rolled back).</exception>
    public async Task WriteAsync(IReadOnlyCollection<Guid> parents, Func<Task> writeChildren, CancellationToken ct)
    {
        if (check is null)
        {
            await writeChildren();
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await SetAsync("replica");
        await writeChildren();
        await SetAsync("origin");
        await using var command = new NpgsqlCommand(check, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("parents", [.. parents]));
        var missing = (long)(await command.ExecuteScalarAsync(ct))!;
        if (missing > 0)
        {
            throw new InvalidOperationException($"{missing} of {parents.Count} parent rows named by child rows are not in the table.");
        }

        async Task SetAsync(string role)
        {
            await using var set = new NpgsqlCommand($"SET LOCAL session_replication_role = {role}", connection, transaction);
            await set.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Tries the parameter inside a savepoint, so a refusal leaves the transaction usable.</summary>
    private static async Task<bool> MaySetReplicaRoleAsync(OpenAeoDb db, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync("parents_checked_per_batch", ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync(
                "SET LOCAL session_replication_role = replica; SET LOCAL session_replication_role = origin",
                ct
            );
            await transaction.ReleaseSavepointAsync("parents_checked_per_batch", ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            await transaction.RollbackToSavepointAsync("parents_checked_per_batch", ct);
            return false;
        }
    }
}
