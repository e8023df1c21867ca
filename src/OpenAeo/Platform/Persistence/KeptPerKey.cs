using System.Collections.Concurrent;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// Rows read per key (a TIN, as a request names it) kept in memory for <c>Caching:KeptSeconds</c> and forgotten at once
/// when <see cref="CachedDataVersion"/> moves (ADR 0068): a save in this process is seen by the next request, one on
/// another node within the kept time. Only data is kept; callers decide on it at the instant they are asked about.
/// Bounded: past its most keys it starts again empty, so a walk over a whole register refills it with what
/// is asked next. A key being loaded is loaded once: requests that miss it meanwhile, at the same generation, wait for
/// that load instead of reading it again (ADR 0078).
/// </summary>
internal sealed class KeptPerKey<TKey, TValue>
    where TKey : notnull
{
    private readonly CachedDataVersion version;
    private readonly TimeProvider clock;
    private readonly long keptTicks;
    private readonly int max;
    private readonly ConcurrentDictionary<TKey, Held> held;
    private readonly ConcurrentDictionary<TKey, Loading> loading;

    /// <param name="Loaded">The clock's timestamp when loading began: the value is kept for the kept time after it.</param>
    private sealed record Held(long Generation, long Loaded, TValue Value);

    /// <summary>A load under way, begun at <paramref name="Generation"/>; cancelled (never faulted) when it fails.</summary>
    private sealed record Loading(long Generation, Task<TValue> Value);

    /// <summary>A load this request registered, and the promise its waiters hold.</summary>
    private sealed record Claimed(Loading Mine, TaskCompletionSource<TValue> Promise);

    public KeptPerKey(
        CachedDataVersion version,
        TimeProvider clock,
        CachingOptions options,
        int max,
        IEqualityComparer<TKey>? comparer = null
    )
    {
        this.version = version;
        this.clock = clock;
        this.max = max;
        keptTicks = (long)(Math.Max(0, options.KeptSeconds) * clock.TimestampFrequency);
        held = new(comparer);
        loading = new(comparer);
        version.Moved += held.Clear;
    }

    /// <summary>
    /// The values of the distinct keys of <paramref name="wanted"/>, held ones first: from memory, one <paramref name="load"/> for the
    /// keys not held (or held from before a change) that no other request is loading, and the other requests' loads for the rest.
    /// <paramref name="db"/> is resolved only when the stamp has to be read.
    /// </summary>
    /// <param name="load">Reads the missing keys at once and answers each key's value.</param>
    public async Task<List<TValue>> GetAsync(
        Func<OpenAeoDb> db,
        IEnumerable<TKey> wanted,
        Func<List<TKey>, Task<Func<TKey, TValue>>> load,
        CancellationToken ct
    )
    {
        // The generation is read before loading: a change saved while we load moves it, and what we loaded is not kept.
        var generation = await version.CurrentAsync(db, ct);
        var now = clock.GetTimestamp();
        var values = new List<TValue>();
        List<TKey>? missing = null;
        foreach (var key in wanted.Distinct(held.Comparer))
        {
            if (held.TryGetValue(key, out var known) && known.Generation == generation && now - known.Loaded < keptTicks)
            {
                values.Add(known.Value);
            }
            else
            {
                (missing ??= []).Add(key);
            }
        }

        if (missing is null)
        {
            return values;
        }

        // At a hot key's expiry every request in flight for it misses at once: one reads it, the others wait for that read.
        // A key whose read failed for the request reading it is claimed again, and so read by one of those who waited.
        for (var pending = missing; pending is not null; )
        {
            var (owned, joined) = Claim(pending, generation);
            if (owned is not null)
            {
                values.AddRange(await LoadAsync(owned, generation, now, load));
            }

            pending = null;
            foreach (var (key, value) in joined ?? [])
            {
                try
                {
                    values.Add(await value.WaitAsync(ct));
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    (pending ??= []).Add(key);
                }
            }
        }

        return values;
    }

    /// <summary>
    /// Registers this request's load of each key nobody is loading at <paramref name="generation"/>, and answers the
    /// others' loads for the rest.
    /// </summary>
    private (Dictionary<TKey, Claimed>? Owned, List<(TKey Key, Task<TValue> Value)>? Joined) Claim(List<TKey> keys, long generation)
    {
        Dictionary<TKey, Claimed>? owned = null;
        List<(TKey Key, Task<TValue> Value)>? joined = null;
        foreach (var key in keys)
        {
            var promise = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            var mine = new Loading(generation, promise.Task);
            var current = loading.AddOrUpdate(key, mine, (_, other) => other.Generation == generation ? other : mine);
            if (ReferenceEquals(current, mine))
            {
                (owned ??= new(held.Comparer))[key] = new(mine, promise);
            }
            else
            {
                (joined ??= []).Add((key, current.Value));
            }
        }

        return (owned, joined);
    }

    private async Task<List<TValue>> LoadAsync(
        Dictionary<TKey, Claimed> owned,
        long generation,
        long now,
        Func<List<TKey>, Task<Func<TKey, TValue>>> load
    )
    {
        try
        {
            var loaded = await load([.. owned.Keys]);
            var values = new List<TValue>(owned.Count);
            foreach (var (key, (_, promise)) in owned)
            {
                var value = loaded(key);
                values.Add(value);
                Remember(key, new Held(generation, now, value));
                promise.TrySetResult(value);
            }

            return values;
        }
        finally
        {
            foreach (var (key, (mine, promise)) in owned)
            {
                // Cancelled rather than faulted, so a failure nobody waited for is not an unobserved exception.
                promise.TrySetCanceled();
                loading.TryRemove(KeyValuePair.Create(key, mine));
            }
        }
    }

    private void Remember(TKey key, Held value)
    {
        if (version.Generation != value.Generation)
        {
            return;
        }

        if (held.Count >= max)
        {
            held.Clear();
        }

        held[key] = value;
    }
}
