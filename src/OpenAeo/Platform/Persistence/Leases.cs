using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// A named lease in the database: while a row for a name exists and its holder lives, work under that name belongs to
/// the holder, whichever process or web node it runs in (ADR 0019). The row says who holds it and since when, so a
/// loser can say "replication of JP is already running (started at …)".
/// </summary>
internal sealed class LeaseRow
{
    /// <summary>What the lease guards, e.g. <c>replication:JP</c> or <c>certification-jobs</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Unique per acquisition: only the acquirer renews or releases it, and a take-over replaces it.</summary>
    public string Token { get; set; } = "";

    /// <summary>For people: <c>openaeo exchange pull (process 4242 on node-a)</c>.</summary>
    public string Holder { get; set; } = "";

    public string Host { get; set; } = "";

    public int ProcessId { get; set; }

    /// <summary>With the process id, tells the holder from a later process that reused its id.</summary>
    public DateTimeOffset ProcessStartedAt { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Renewed while the holder works; only matters to other hosts, which cannot see whether the holder's process lives.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>Who holds a lease another caller wanted, and since when.</summary>
internal sealed record LeaseHolder(string Holder, DateTimeOffset StartedAt)
{
    /// <summary>"replication of JP is already running (started at 2026-03-02 09:00:00 UTC by openaeo serve (process 4242 on
    /// node-a))".</summary>
    public string AlreadyRunning(string work, bool plural = false) =>
        $"{work} {(plural ? "are" : "is")} already running (started at {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC by {Holder}).";
}

/// <summary>The outcome of asking for a lease: held by this caller, or by someone else.</summary>
internal sealed record LeaseAttempt(HeldLease? Held, LeaseHolder? Holder)
{
    public bool Acquired => Held is not null;
}

/// <summary>
/// Leases over the <c>platform_leases</c> table, the same on SQLite and PostgreSQL and between processes (the CLI and the
/// server, several web nodes). Acquiring inserts the row (the primary key lets one insert win); a row whose holder is
/// gone is taken over with a compare-and-set on its token. "Gone" is decided without waiting when the holder ran on
/// this host (its process no longer exists: killed, crashed), and by expiry for a holder on another host, which
/// renews its lease while it works. Each operation uses its own short unit of work, never the caller's, so a lease
/// is committed before the guarded work starts and is not rolled back with it.
/// </summary>
internal sealed class DatabaseLeases(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DatabaseLeases> log)
{
    /// <summary>How long a lease lasts without renewal; the holder renews it every third of that.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public async Task<LeaseAttempt> TryAcquireAsync(string name, CancellationToken ct)
    {
        // Each pass either wins, finds a live holder, or saw the row change under it (released, taken over); a few
        // passes settle any realistic contention.
        LeaseHolder? last = null;
        for (var pass = 0; pass < 20; pass++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
            var now = clock.GetUtcNow();
            var mine = ThisProcess.NewLease(name, now);
            // SQLite lives on one host, where a holder's death is seen at once; only PostgreSQL needs renewals.
            var renew = !db.Database.IsSqlite();
            Exception? busy = null;
            try
            {
                if (await InsertIfAbsentAsync(db, mine, ct))
                {
                    return new LeaseAttempt(new HeldLease(this, mine, renew), null);
                }
            }
            catch (Exception e) when (DatabaseConflicts.Classify(e) == RaceLoss.Busy)
            {
                // SQLite's write lock stayed with another process (a long round of the same work, most likely).
                busy = e;
            }

            var current = await db.Leases().AsNoTracking().SingleOrDefaultAsync(l => l.Name == name, ct);
            if (current is null)
            {
                if (busy is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(busy);
                }

                continue;
            }

            last = new LeaseHolder(current.Holder, current.StartedAt);
            if (!IsAbandoned(current, now))
            {
                return new LeaseAttempt(null, last);
            }

            var taken = await db.Leases()
                .Where(l => l.Name == name && l.Token == current.Token)
                .ExecuteUpdateAsync(
                    s =>
                        s.SetProperty(l => l.Token, mine.Token)
                            .SetProperty(l => l.Holder, mine.Holder)
                            .SetProperty(l => l.Host, mine.Host)
                            .SetProperty(l => l.ProcessId, mine.ProcessId)
                            .SetProperty(l => l.ProcessStartedAt, mine.ProcessStartedAt)
                            .SetProperty(l => l.StartedAt, mine.StartedAt)
                            .SetProperty(l => l.ExpiresAt, mine.ExpiresAt),
                    ct
                );
            if (taken == 1)
            {
                log.LogWarning(
                    "Took over {Lease}: its holder, {Holder} since {Started}, is no longer running.",
                    name,
                    current.Holder,
                    current.StartedAt
                );
                return new LeaseAttempt(new HeldLease(this, mine, renew), null);
            }
        }

        return new LeaseAttempt(null, last ?? new LeaseHolder("another process", clock.GetUtcNow()));
    }

    /// <summary>
    /// <c>INSERT … ON CONFLICT DO NOTHING</c> (both providers): losing the insert is the normal answer here, so it must not
    /// be an error that EF Core logs with a stack trace on the console of whoever ran the verb.
    /// </summary>
    private static async Task<bool> InsertIfAbsentAsync(OpenAeoDb db, LeaseRow row, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(LeaseRow))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().ToList();
        var sql = db.GetInfrastructure().GetRequiredService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var values = string.Join(", ", properties.Select((_, i) => $"{{{i}}}"));
        var key = sql.DelimitIdentifier(entity.FindPrimaryKey()!.Properties.Single().GetColumnName(table)!);
        var arguments = properties
            .Select(p =>
            {
                var value = p.GetGetter().GetClrValue(row);
                return p.GetTypeMapping().Converter is { } converter && value is not null ? converter.ConvertToProvider(value) : value;
            })
            .ToArray();
        var text =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES ({values}) ON CONFLICT ({key}) DO NOTHING";
        return await db.Database.ExecuteSqlRawAsync(text, arguments!, ct) == 1;
    }

    /// <summary>Extends the lease if this holder still has it, in <paramref name="db"/>'s unit of work (or a new one); false when it was
    /// taken over.</summary>
    internal async Task<bool> RenewAsync(LeaseRow lease, OpenAeoDb? db, CancellationToken ct)
    {
        if (db is not null)
        {
            return await Extend(db);
        }

        await using var scope = scopes.CreateAsyncScope();
        return await Extend(scope.ServiceProvider.GetRequiredService<OpenAeoDb>());

        async Task<bool> Extend(OpenAeoDb on)
        {
            var until = clock.GetUtcNow() + Lifetime;
            return await on.Leases()
                    .Where(l => l.Name == lease.Name && l.Token == lease.Token)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), ct) == 1;
        }
    }

    internal async Task ReleaseAsync(LeaseRow lease)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
            await db.Leases().Where(l => l.Name == lease.Name && l.Token == lease.Token).ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The work is done either way; the row is freed when this process ends (same host) or expires (others).
            log.LogWarning(e, "Could not release {Lease}; it frees itself when this process ends.", lease.Name);
        }
    }

    internal TimeProvider Clock => clock;

    internal ILogger Log => log;

    private static bool IsAbandoned(LeaseRow lease, DateTimeOffset now) =>
        lease.Host == ThisProcess.Host ? !ThisProcess.IsAlive(lease.ProcessId, lease.ProcessStartedAt) : lease.ExpiresAt <= now;

    /// <summary>This process as a lease holder, and whether another process on this host still runs.</summary>
    private static class ThisProcess
    {
        public static readonly string Host = Environment.MachineName;

        private static readonly int Id = Environment.ProcessId;

        private static readonly DateTimeOffset Started = StartOf(Process.GetCurrentProcess()) ?? DateTimeOffset.UnixEpoch;

        private static readonly string Description = Describe();

        public static LeaseRow NewLease(string name, DateTimeOffset now) =>
            new()
            {
                Name = name,
                Token = Guid.NewGuid().ToString("N"),
                Holder = Description,
                Host = Host,
                ProcessId = Id,
                ProcessStartedAt = Started,
                StartedAt = now,
                ExpiresAt = now + Lifetime,
            };

        public static bool IsAlive(int processId, DateTimeOffset startedAt)
        {
            if (processId == Id && Same(startedAt, Started))
            {
                return true;
            }

            try
            {
                using var process = Process.GetProcessById(processId);
                // A killed child its parent has not reaped yet is a zombie: still listed, already dead.
                if (
                    OperatingSystem.IsLinux()
                    && File.Exists($"/proc/{processId}/stat")
                    && File.ReadAllText($"/proc/{processId}/stat").Split(')').LastOrDefault()?.TrimStart() is { Length: > 0 } rest
                    && rest[0] is 'Z' or 'X'
                )
                {
                    return false;
                }

                // Not the same process when it started at another time: the id was reused.
                return StartOf(process) is not { } start || Same(start, startedAt);
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (IOException)
            {
                return false;
            }
        }

        private static bool Same(DateTimeOffset a, DateTimeOffset b) => (a - b).Duration() < TimeSpan.FromSeconds(1);

        private static DateTimeOffset? StartOf(Process process)
        {
            try
            {
                return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Not ours to inspect: assume the holder lives and let expiry decide.
                return null;
            }
        }

        private static string Describe()
        {
            // The verbs, without configuration switches: "openaeo exchange pull", or "openaeo serve" for the server.
            var verbs = Environment.GetCommandLineArgs().Skip(1).TakeWhile(a => !a.StartsWith('-')).ToList();
            var what = verbs.Count == 0 ? "openaeo serve" : "openaeo " + string.Join(' ', verbs);
            var text = $"{what} (process {Id} on {Host})";
            return text.Length <= 300 ? text : text[..300];
        }
    }
}

/// <summary>A lease this caller holds: renewed in the background while the work runs, released on dispose.</summary>
internal sealed class HeldLease : IAsyncDisposable
{
    private readonly DatabaseLeases leases;
    private readonly LeaseRow row;
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;
    private volatile bool lost;

    internal HeldLease(DatabaseLeases leases, LeaseRow row, bool renew)
    {
        this.leases = leases;
        this.row = row;
        renewing = renew ? RenewAsync() : Task.CompletedTask;
    }

    public string Name => row.Name;

    /// <summary>
    /// True when the lease is still this caller's, checked (and extended) in the guarded work's own transaction just
    /// before it commits: a holder that was presumed gone (paused longer than the lease lasts) does not commit over
    /// its successor, and on PostgreSQL the row stays locked until the commit, so no take-over slips in between.
    /// </summary>
    public async Task<bool> StillHeldAsync(OpenAeoDb db, CancellationToken ct) => !lost && await leases.RenewAsync(row, db, ct);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await renewing;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stop.Dispose();
        if (!lost)
        {
            await leases.ReleaseAsync(row);
        }
    }

    private async Task RenewAsync()
    {
        var every = DatabaseLeases.Lifetime / 3;
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(every, leases.Clock, stop.Token);
            try
            {
                if (!await leases.RenewAsync(row, null, stop.Token))
                {
                    lost = true;
                    leases.Log.LogError("Lost {Lease}: another process took it over while this one still worked.", row.Name);
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy database: the next renewal comes well before the lease ends.
                leases.Log.LogWarning(e, "Could not renew {Lease}; trying again.", row.Name);
            }
        }
    }
}

internal static class LeaseStore
{
    public static DbSet<LeaseRow> Leases(this OpenAeoDb db) => db.Set<LeaseRow>();
}

internal sealed class LeaseMapping : IEntityTypeConfiguration<LeaseRow>
{
    public void Configure(EntityTypeBuilder<LeaseRow> b)
    {
        b.ToTable("platform_leases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(200);
        b.Property(l => l.Token).HasMaxLength(32);
        b.Property(l => l.Holder).HasMaxLength(300);
        b.Property(l => l.Host).HasMaxLength(200);
    }
}
