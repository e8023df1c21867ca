using Microsoft.Data.Sqlite;
using Npgsql;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// A save refused by a unique index: another request committed the same key between our check and our insert.
/// The check before the insert gives the friendly answer in the common case; this one catches the race.
/// </summary>
internal static class UniqueViolations
{
    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (extended result codes of SQLITE_CONSTRAINT, 19).
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;

    public static bool IsUniqueViolation(this DbUpdateException e) => e.InnerException is { } inner && IsUniqueViolation(inner);

    /// <summary>A statement refused by a unique index: a bulk write's INSERT or COPY throws the provider's exception itself, a
    /// save wraps it.</summary>
    public static bool IsUniqueViolation(Exception e) =>
        e switch
        {
            DbUpdateException u => u.InnerException is { } inner && IsUniqueViolation(inner),
            SqliteException s => s.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
            PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
            _ => false,
        };
}
