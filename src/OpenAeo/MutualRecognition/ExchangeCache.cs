using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// Counts the writes this process commits through EF Core: every <c>SaveChanges</c>, every committed transaction and
/// every non-query command (bulk inserts, <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>). Every state change writes an
/// audit entry through <c>SaveChanges</c> (ADR 0005), so whatever the exchange serves may have changed exactly when
/// this number moves. Counting more than needed only costs a database read on the next lookup.
/// </summary>
internal sealed class LocalWrites : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    private long version;

    public long Version => Interlocked.Read(ref version);

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Interlocked.Increment(ref version);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        Interlocked.Increment(ref version);
        return ValueTask.FromResult(result);
    }

    // A change saved inside an explicit transaction becomes visible at commit, after SavedChanges: count it again then.
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref version);

    public Task TransactionCommittedAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Interlocked.Increment(ref version);
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Interlocked.Increment(ref version);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(
        DbCommand command,
        CommandExecutedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        Interlocked.Increment(ref version);
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// What the last database read of a status lookup found, per partner economy and per TIN, stamped with the local
/// write count and the time read before that read (ADR 0010). An answer is reused while nothing was written in this
/// process since and for at most <c>Exchange:StatusCacheSeconds</c> (default 2; 0 turns the cache off): a change made
/// in this process is served by the next request, one made by another process (the CLI, another web node) within
/// that bound. One per host: tests run several apps in one process.
/// </summary>
internal sealed class ExchangeCache(LocalWrites writes, TimeProvider clock, IConfiguration configuration)
{
    private const int MaxStatuses = 100_000;

    private readonly TimeSpan bound = TimeSpan.FromSeconds(configuration.GetValue("Exchange:StatusCacheSeconds", 2.0));
    private readonly ConcurrentDictionary<string, (bool Linked, Stamp At)> partners = new();
    private readonly ConcurrentDictionary<string, (long? Index, string? Json, Stamp At)> statuses = new();

    internal readonly record struct Stamp(long Version, DateTimeOffset At);

    /// <summary>Taken before a database read, so that a write committed during the read makes its answer stale.</summary>
    public Stamp Now() => new(writes.Version, clock.GetUtcNow());

    public bool? Linked(string economy) => partners.TryGetValue(economy, out var p) && IsCurrent(p.At) ? p.Linked : null;

    public bool TryStatus(string tin, out long? index, out string? json)
    {
        if (statuses.TryGetValue(tin, out var s) && IsCurrent(s.At))
        {
            (index, json) = (s.Index, s.Json);
            return true;
        }

        (index, json) = (null, null);
        return false;
    }

    public void Remember(string economy, bool linked, Stamp at)
    {
        if (bound > TimeSpan.Zero)
        {
            partners[economy] = (linked, at);
        }
    }

    public void Remember(string tin, long? index, string? json, Stamp at)
    {
        if (bound <= TimeSpan.Zero)
        {
            return;
        }

        // Bounded memory: a partner walking the whole register refills it with what it asks next.
        if (statuses.Count >= MaxStatuses)
        {
            statuses.Clear();
        }

        statuses[tin] = (index, json, at);
    }

    private bool IsCurrent(Stamp at) => at.Version == writes.Version && clock.GetUtcNow() - at.At < bound;
}
