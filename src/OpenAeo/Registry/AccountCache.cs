using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpenAeo.Platform.Security;

namespace OpenAeo.Registry;

/// <summary>
/// What every authenticated request asks about its account (whose API key is this? is this sign-in cookie still
/// current?), remembered for a few seconds so a keyed request costs no database round trip (issue 18, ADR 0046).
/// A change made through this process (disable, enable, key issued, rotated or revoked, password reset) forgets
/// everything at once; a change made by another node or by <c>openaeo users …</c> in another process counts here
/// within <see cref="SignInOptions.AccountCacheSeconds"/>. Only answers that let a request in are remembered: an
/// unknown key always reaches the database, so the cache cannot be filled from outside. A key is remembered as presented,
/// not as its SHA-256: hashing it on every request cost a keyed request a tenth of its throughput, and the key stays in
/// this process's memory after every request that carries it anyway (ADR 0075).
/// </summary>
internal sealed class AccountCache
{
    private readonly TimeProvider clock;
    private readonly IOptions<SignInOptions> options;

    public AccountCache(TimeProvider clock, IOptions<SignInOptions> options, CachedDataVersion version)
    {
        this.clock = clock;
        this.options = options;
        Version = version;

        // Any save of an account moves the shared generation (ADR 0056): through this process at once (after the save and
        // again at commit), through another node or process at this node's next look at the stamp.
        version.Moved += ForgetAll;
    }

    /// <summary>The shared stamp (ADR 0056), read before the cache is asked so another node's change is seen within seconds.</summary>
    public CachedDataVersion Version { get; }

    /// <summary>Beyond this many keys or sessions the cache starts again empty; a node serves far fewer callers.</summary>
    public const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, Remembered<IReadOnlyList<Claim>>> keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(int Id, int Version), Remembered<bool>> sessions = new();
    private long generation;

    private sealed record Remembered<T>(T Value, DateTimeOffset Until, long Generation);

    private TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.AccountCacheSeconds);

    /// <summary>Read before asking the database; an answer remembered with an older generation is never used.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public IReadOnlyList<Claim>? Key(string apiKey) =>
        keys.TryGetValue(apiKey, out var remembered) && IsFresh(remembered) ? remembered.Value : null;

    public void RememberKey(string apiKey, IReadOnlyList<Claim> claims, long askedAt) => Remember(keys, apiKey, claims, askedAt);

    public bool IsSessionCurrent(int id, int version) => sessions.TryGetValue((id, version), out var remembered) && IsFresh(remembered);

    public void RememberSession(int id, int version, long askedAt) => Remember(sessions, (id, version), true, askedAt);

    /// <summary>After any change to an account: nothing remembered before counts any more, in this process.</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref generation);
        keys.Clear();
        sessions.Clear();
    }

    private bool IsFresh<T>(Remembered<T> remembered) => remembered.Generation == Generation && clock.GetUtcNow() < remembered.Until;

    private void Remember<TKey, T>(ConcurrentDictionary<TKey, Remembered<T>> entries, TKey key, T value, long askedAt)
        where TKey : notnull
    {
        // An answer read before a change that this process has since made may be stale: keep it out. One read after
        // the change is remembered with the new generation.
        if (Lifetime <= TimeSpan.Zero || askedAt != Generation)
        {
            return;
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[key] = new Remembered<T>(value, clock.GetUtcNow() + Lifetime, askedAt);
    }
}

/// <summary>
/// The account lookup the authentication handlers use: the cache first, the database (through <see cref="Accounts"/>,
/// resolved only on a miss so a cached request opens no database context) otherwise.
/// </summary>
internal sealed class CachedAccountLookup(AccountCache cache, IServiceProvider services) : IAccountLookup
{
    public async ValueTask<ClaimsPrincipal?> FindByApiKeyAsync(string apiKey, CancellationToken ct)
    {
        await cache.Version.CurrentAsync(services.GetRequiredService<OpenAeoDb>, ct);
        if (cache.Key(apiKey) is { } known)
        {
            return Principal(known);
        }

        var askedAt = cache.Generation;
        var claims = await services.GetRequiredService<Accounts>().FindClaimsByApiKeyAsync(apiKey, ct);
        if (claims is null)
        {
            return null;
        }

        cache.RememberKey(apiKey, claims, askedAt);
        return Principal(claims);
    }

    /// <summary>A request's own principal over an API key's claims: requests never share one, so none can change another's.</summary>
    private static ClaimsPrincipal Principal(IReadOnlyList<Claim> claims) =>
        new(new ClaimsIdentity(claims, ApiKeyAuthenticationHandler.SchemeName));

    public async Task<bool> IsSessionCurrentAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var ids = Accounts.SessionOf(principal);
        await cache.Version.CurrentAsync(services.GetRequiredService<OpenAeoDb>, ct);
        if (ids is { } session && cache.IsSessionCurrent(session.Id, session.Version))
        {
            return true;
        }

        var askedAt = cache.Generation;
        var current = await services.GetRequiredService<Accounts>().IsSessionCurrentAsync(principal, ct);
        if (current && ids is { } known)
        {
            cache.RememberSession(known.Id, known.Version, askedAt);
        }

        return current;
    }
}
