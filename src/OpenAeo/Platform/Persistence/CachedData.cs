using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// The one row every node polls to learn that data it keeps in memory changed (ADR 0056): any save that adds, changes
/// or deletes a row of a cached kind writes a new random stamp here in the same transaction, so a node that sees
/// another stamp knows something it remembers may be stale, whichever process or node made the change.
/// </summary>
internal sealed class CachedDataStampRow
{
    public const int TheRow = 1;

    public int Id { get; set; }

    public long Stamp { get; set; }
}

internal sealed class CachedDataStampMapping : IEntityTypeConfiguration<CachedDataStampRow>
{
    public void Configure(EntityTypeBuilder<CachedDataStampRow> b)
    {
        b.ToTable("platform_cached_data_stamp");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasData(new CachedDataStampRow { Id = CachedDataStampRow.TheRow, Stamp = 0 });
    }
}

/// <summary>An entity type whose rows some cache keeps in memory: saving one moves the stamp.</summary>
internal sealed record CachedKind(Type EntityType);

/// <summary>
/// An entity type some cache keeps for at most <see cref="CachingOptions.KeptSeconds"/>: saving one moves this process's
/// generation but writes no stamp (ADR 0068). For rows written often inside long transactions (certificates and their
/// events, replicas), where a stamp written in the same transaction would make every such write wait for every other.
/// </summary>
internal sealed record LocallyCachedKind(Type EntityType);

internal sealed class CachingOptions
{
    /// <summary>How often a node reads the stamp: a change made by another node or process counts here within this time.</summary>
    public int VersionCheckSeconds { get; set; } = 1;

    /// <summary>
    /// How long an entry resting on a <see cref="LocallyCachedKind"/> is kept: a change made by another node or process
    /// counts here within this time, one made by this process at once.
    /// </summary>
    public double KeptSeconds { get; set; } = 2;
}

/// <summary>
/// What caches compare with: a generation that moves when this process saves a cached kind (at once) and when the
/// stamp in the database moved (seen within <see cref="CachingOptions.VersionCheckSeconds"/>, read by whichever request
/// first finds the last reading too old). A cache remembers the generation it read before loading; an entry whose
/// generation is not the current one is stale.
/// </summary>
internal sealed class CachedDataVersion(TimeProvider clock, Microsoft.Extensions.Options.IOptions<CachingOptions> options)
{
    private long generation;
    private long stamp;
    private long checkedAt = long.MinValue;
    private int checking;

    /// <summary>Raised whenever <see cref="Generation"/> moves, for caches that forget rather than compare.</summary>
    public event Action? Moved;

    public long Generation => Interlocked.Read(ref generation);

    /// <summary>
    /// Reads the stamp when the last reading is older than the check interval (one request at a time; the others go
    /// on with what is known), and returns the generation. <paramref name="db"/> is only resolved when the stamp is read.
    /// </summary>
    public async ValueTask<long> CurrentAsync(Func<OpenAeoDb> db, CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        var every = Math.Max(0, options.Value.VersionCheckSeconds) * clock.TimestampFrequency;
        var last = Interlocked.Read(ref checkedAt);
        if (last != long.MinValue && now - last < every)
        {
            return Generation;
        }

        if (Interlocked.CompareExchange(ref checking, 1, 0) != 0)
        {
            return Generation;
        }

        try
        {
            var read = await db()
                .Set<CachedDataStampRow>()
                .AsNoTracking()
                .Where(r => r.Id == CachedDataStampRow.TheRow)
                .Select(r => r.Stamp)
                .FirstOrDefaultAsync(ct);
            if (read != Interlocked.Exchange(ref stamp, read) && last != long.MinValue)
            {
                Move();
            }

            Interlocked.Exchange(ref checkedAt, now);
        }
        finally
        {
            Volatile.Write(ref checking, 0);
        }

        return Generation;
    }

    /// <summary>
    /// This process saved a <see cref="LocallyCachedKind"/> (or wrote rows past the change tracker that caches read):
    /// everything remembered before is stale here at once; other nodes see it when their entries' time is up.
    /// </summary>
    public void SavedHere() => Move();

    /// <summary>
    /// This process saved a cached kind with <paramref name="written"/> as the new stamp: everything remembered before is
    /// stale at once, and the next reading of the stamp is not taken for another node's change (unless one came since).
    /// </summary>
    public void Saved(long written)
    {
        Interlocked.Exchange(ref stamp, written);
        Move();
    }

    private void Move()
    {
        Interlocked.Increment(ref generation);
        Moved?.Invoke();
    }
}

/// <summary>
/// Moves the stamp in the same save (and so the same transaction) as any change to a <see cref="CachedKind"/>, and the
/// local generation when that save is done and again when its transaction commits (a request that loaded in between
/// saw the old rows).
/// </summary>
internal sealed class CachedDataChanges(IEnumerable<CachedKind> kinds, IEnumerable<LocallyCachedKind> local, CachedDataVersion version)
    : ISaveChangesInterceptor,
        IDbTransactionInterceptor
{
    private readonly HashSet<Type> types = [.. kinds.Select(k => k.EntityType)];
    private readonly HashSet<Type> localTypes = [.. local.Select(k => k.EntityType)];

    /// <summary>Per unit of work: the stamp its save wrote (null when it changed only locally cached kinds).</summary>
    private readonly ConditionalWeakTable<DbContext, StrongBox<long?>> pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Notice(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        Notice(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Notice(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var (stamped, local) = (false, false);
        foreach (var e in context.ChangeTracker.Entries())
        {
            if (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                stamped |= types.Contains(e.Metadata.ClrType);
                local |= localTypes.Contains(e.Metadata.ClrType);
            }
        }

        if (!stamped)
        {
            if (local && !pending.TryGetValue(context, out _))
            {
                pending.Add(context, new StrongBox<long?>(null));
            }

            return;
        }

        var rows = context.Set<CachedDataStampRow>();
        var row = rows.Local.FirstOrDefault(r => r.Id == CachedDataStampRow.TheRow);
        if (row is null)
        {
            row = new CachedDataStampRow { Id = CachedDataStampRow.TheRow };
            rows.Attach(row);
        }

        // A new random stamp rather than "plus one": two racing saves each write one no node has seen, and nothing is read first.
        row.Stamp = Random.Shared.NextInt64(1, long.MaxValue);
        context.Entry(row).Property(r => r.Stamp).IsModified = true;
        pending.AddOrUpdate(context, new StrongBox<long?>(row.Stamp));
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var written))
        {
            Moved(written.Value);
            if (context.Database.CurrentTransaction is null)
            {
                pending.Remove(context);
            }
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var written) && pending.Remove(context))
        {
            Moved(written.Value);
        }
    }

    private void Moved(long? stamp)
    {
        if (stamp is { } written)
        {
            version.Saved(written);
        }
        else
        {
            version.SavedHere();
        }
    }
}

internal static class CachedDataSetup
{
    public static IServiceCollection AddCachedData(this IServiceCollection services)
    {
        services.AddOptions<CachingOptions>().BindConfiguration("Caching");
        services.AddSingleton<CachedDataVersion>();
        services.AddSingleton<CachedDataChanges>();
        services.ConfigureDbContext<SqliteOpenAeoDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<CachedDataChanges>()));
        services.ConfigureDbContext<PostgresOpenAeoDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<CachedDataChanges>()));
        return services;
    }

    /// <summary>A capability's rows some cache keeps: saving one moves the stamp every node polls.</summary>
    public static IServiceCollection AddCachedKinds(this IServiceCollection services, params Type[] entityTypes)
    {
        foreach (var type in entityTypes)
        {
            services.AddSingleton(new CachedKind(type));
        }

        return services;
    }

    /// <summary>A capability's rows some cache keeps for <see cref="CachingOptions.KeptSeconds"/> at most (no stamp).</summary>
    public static IServiceCollection AddLocallyCachedKinds(this IServiceCollection services, params Type[] entityTypes)
    {
        foreach (var type in entityTypes)
        {
            services.AddSingleton(new LocallyCachedKind(type));
        }

        return services;
    }
}
