using Microsoft.EntityFrameworkCore.Infrastructure;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>What the public check names: economies and programmes by code, MRAs by id.</summary>
internal sealed record RegisterNames(
    IReadOnlyDictionary<string, string> Economies,
    IReadOnlyDictionary<string, string> Programmes,
    IReadOnlyDictionary<int, Mra> Mras
);

/// <summary>
/// What recognition reads about one TIN (<see cref="RecognitionSources.Only"/>: our certificates' events as status entries,
/// consent, partners' verified replica entries with the agreements that link us), kept in memory per TIN (ADR 0068).
/// A suspension or a revocation saved in this process is answered by the next request: certificates, their events,
/// operators, partners and replicas are locally cached kinds, whose save moves this process's generation. One saved by
/// another node or process counts within <c>Caching:KeptSeconds</c>, the longest an entry is kept; programmes, economies
/// and MRAs move the shared stamp and count within <c>Caching:VersionCheckSeconds</c>. The answer itself is decided on
/// every call, at the instant asked about: only data is kept, never a status. Bounded: a walk over the whole register
/// refills it with what is asked next.
/// </summary>
internal sealed class RecognitionCache
{
    private const int MaxTins = 100_000;

    /// <summary>Rarely changed kinds recognition reads: their save moves the stamp every node polls.</summary>
    public static readonly Type[] Kinds = [typeof(Programme), typeof(Economy), typeof(Mra)];

    /// <summary>
    /// Kinds written often, some inside long transactions (a replication round stores entries and its frontier together;
    /// Certification registers its certificates and events): kept for <c>Caching:KeptSeconds</c>, without a stamp.
    /// </summary>
    public static readonly Type[] LocalKinds = [typeof(Operator), typeof(Partner), typeof(ReplicaFrontierNode), typeof(ReplicaEntry)];

    private readonly CachedDataVersion version;
    private readonly KeptPerKey<(string Economy, Tin Tin), RecognitionSources> tins;

    private sealed record HeldNames(long Generation, RegisterNames Names);

    private HeldNames? names;

    public RecognitionCache(CachedDataVersion version, TimeProvider clock, Microsoft.Extensions.Options.IOptions<CachingOptions> options)
    {
        this.version = version;
        tins = new(version, clock, options.Value, MaxTins);
    }

    /// <summary>The registered cache, from the unit of work's services (as <see cref="OwnStatuses.Of"/>, ADR 0049).</summary>
    public static RecognitionCache Of(OpenAeoDb db) => db.GetService<RecognitionCache>();

    /// <summary>
    /// The sources for <paramref name="wanted"/>: from memory, and one load for those not held (or held from before a change).
    /// </summary>
    public Task<RecognitionSources> SourcesAsync(OpenAeoDb db, string nodeEconomy, IReadOnlyCollection<Tin> wanted, CancellationToken ct) =>
        SourcesAsync(() => db, nodeEconomy, wanted, ct);

    /// <param name="db">Resolved only when something has to be read.</param>
    public async Task<RecognitionSources> SourcesAsync(
        Func<OpenAeoDb> db,
        string nodeEconomy,
        IReadOnlyCollection<Tin> wanted,
        CancellationToken ct
    )
    {
        var parts = await tins.GetAsync(
            db,
            wanted.Select(t => (nodeEconomy, t)),
            async missing =>
            {
                var loaded = await RecognitionSources.LoadAsync(db(), nodeEconomy, [.. missing.Select(k => k.Tin)], ct);
                return key => loaded.Only(key.Tin);
            },
            ct
        );
        return RecognitionSources.Combine(parts);
    }

    /// <summary>Economy and programme names and the MRAs, as the public check words its answer; kept like the sources.</summary>
    public async Task<RegisterNames> NamesAsync(Func<OpenAeoDb> unitOfWork, CancellationToken ct)
    {
        var generation = await version.CurrentAsync(unitOfWork, ct);
        if (Volatile.Read(ref names) is { } known && known.Generation == generation)
        {
            return known.Names;
        }

        var db = unitOfWork();
        var loaded = new RegisterNames(
            await db.Economies().AsNoTracking().ToDictionaryAsync(e => e.Code, e => e.Name, ct),
            await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, ct),
            await db.Mras().AsNoTracking().ToDictionaryAsync(m => m.Id, ct)
        );
        if (version.Generation == generation)
        {
            Volatile.Write(ref names, new HeldNames(generation, loaded));
        }

        return loaded;
    }
}
