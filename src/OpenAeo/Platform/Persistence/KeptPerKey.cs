using System.Collections.Concurrent;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// Rows read per key (a TIN, as a request names it) kept in memory for <c>Caching:KeptSeconds</c> and forgotten at once
/// when <see cref="CachedDataVersion"/> moves (ADR 0068): a save in this process is seen by the next request, one on
/// another node within the kept time. Only data is kept; callers decide on it at the instant they are asked about.
/// Bounded: past its most keys it starts again empty, so a walk over a whole register refills it with what
/// is asked next.
/// </summary>
internal sealed class KeptPerKey<TKey, TValue>
    where TKey : notnull
{
    private readonly CachedDataVersion version;
    private readonly TimeProvider clock;
    private readonly long keptTicks;
    private readonly int max;
    private readonly ConcurrentDictionary<TKey, Held> held;

    /// <param name="Loaded">The clock's timestamp when loading began: the value is kept for the kept time after it.</param>
    private sealed record Held(long Generation, long Loaded, TValue Value);

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
        version.Moved += held.Clear;
    }

    /// <summary>
    /// The values of the distinct keys of <paramref name="wanted"/>, held ones first: from memory, and one <paramref name="load"/> for the
    /// keys not held or held from before a change. <paramref name="db"/> is resolved only when the stamp has to be read.
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

        var loaded = await load(missing);
        foreach (var key in missing)
        {
            var value = loaded(key);
            values.Add(value);
            Remember(key, new Held(generation, now, value));
        }

        return values;
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
