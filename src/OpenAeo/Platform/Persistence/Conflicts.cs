using Microsoft.Data.Sqlite;
using Npgsql;

namespace OpenAeo.Platform.Persistence;

/// <summary>How a unit of work lost a race with another one on the same database (ADR 0019).</summary>
internal enum RaceLoss
{
    /// <summary>Not a race: a bug or an outage, which stays an error.</summary>
    None,

    /// <summary>A row this work read was changed by someone else before it saved (a concurrency token did not match).</summary>
    Changed,

    /// <summary>Someone else inserted the same key first (a unique index or primary key refused this insert).</summary>
    Duplicate,

    /// <summary>The database could not give this work its turn in time (SQLite's write lock, a PostgreSQL deadlock or serialisation
    /// failure).</summary>
    Busy,
}

/// <summary>
/// Recognises the database errors that mean "another unit of work got there first", on both providers, whether they
/// come through EF Core (wrapped in <see cref="DbUpdateException"/>) or from a command run directly (bulk inserts).
/// Everything that can lose such a race turns it into a clear message for its caller; nothing else is caught.
/// </summary>
internal static class DatabaseConflicts
{
    // SQLite result codes (https://sqlite.org/rescode.html).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    public static RaceLoss Classify(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                    return RaceLoss.Changed;
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return RaceLoss.Duplicate;
                case PostgresException
                {
                    SqlState: PostgresErrorCodes.SerializationFailure
                        or PostgresErrorCodes.DeadlockDetected
                        or PostgresErrorCodes.LockNotAvailable
                }:
                    return RaceLoss.Busy;
                case SqliteException
                {
                    SqliteErrorCode: SqliteConstraint,
                    SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey
                }:
                    return RaceLoss.Duplicate;
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                    return RaceLoss.Busy;
            }
        }

        return RaceLoss.None;
    }

    public static bool IsConflict(Exception? error) => Classify(error) != RaceLoss.None;

    /// <summary>What the loser is told, in words a person acts on; <paramref name="what"/> names the work ("this import").</summary>
    public static string Explain(RaceLoss conflict, string what) =>
        conflict switch
        {
            RaceLoss.Changed => $"Someone else changed the same record while {what} ran; nothing was saved. Reload and try again.",
            RaceLoss.Duplicate => $"Someone else added the same record while {what} ran; nothing was saved. Reload and try again.",
            RaceLoss.Busy => $"The database was busy with another change for too long while {what} waited its turn; nothing was "
                + "saved. Try again in a moment.",
            _ => throw new ArgumentOutOfRangeException(nameof(conflict)),
        };
}
