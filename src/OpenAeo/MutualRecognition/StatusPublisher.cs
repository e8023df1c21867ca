using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// Appends certificate events to the status log (ADR 0008, ADR 0012): every certificate event not yet in the gap-free
/// record of published events (<c>mr_published_events</c>), in event id order, for operators that consented to the
/// exchange and certificates of this node's own economy's programmes; then a <c>ConsentWithdrawn</c> entry for each
/// operator whose consent was withdrawn since it was last published as consenting, and the current state of the
/// certificates of an operator that newly consented. Each entry's dates are days in its programme's time zone, which the
/// entry names. Idempotent and catching up, also after an event committed out of id order (PostgreSQL assigns ids at
/// insert, not at commit): it selects what the record lacks rather than what lies above a cursor, and writes the record
/// in the transaction that appends the entries, so a second publisher on the same database fails on the record's key
/// and publishes nothing twice.
/// </summary>
internal static class StatusPublisher
{
    /// <summary>
    /// Publishes what is pending and records, when the run completed, that everything up to the watermark read before
    /// it is in the log; exchange requests that then read the same watermark skip the publisher (ADR 0010).
    /// </summary>
    public static async Task<int> RunAsync(OpenAeoDb db, NodeIdentity node, TimeProvider clock, PublicationMark mark, CancellationToken ct)
    {
        var seen = await LogWatermark.ReadAsync(db, ct);
        return await CatchUpAsync(db, node, clock, mark, seen, ct);
    }

    /// <summary>Runs the publisher for a watermark the caller read (before this call) and marks it published if the run
    /// completed.</summary>
    public static async Task<int> CatchUpAsync(
        OpenAeoDb db,
        NodeIdentity node,
        TimeProvider clock,
        PublicationMark mark,
        LogWatermark seen,
        CancellationToken ct
    )
    {
        var (appended, completed) = await RunCheckedAsync(db, node, clock, mark, ct);
        if (completed)
        {
            mark.Published(seen);
        }

        return appended;
    }

    private static async Task<(int Appended, bool Completed)> RunCheckedAsync(
        OpenAeoDb db,
        NodeIdentity node,
        TimeProvider clock,
        PublicationMark mark,
        CancellationToken ct
    )
    {
        // One publisher at a time in this host; across hosts the log's writer lock on PostgreSQL (ADR 0053), and on both
        // providers the log's and the record's keys, refuse a second writer.
        await mark.Gate.WaitAsync(ct);
        try
        {
            var programmes = await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
            var total = 0;
            while (await PublishBatchAsync(db, node, programmes, clock, ct) is { EventsRead: > 0 } batch)
            {
                total += batch.Appended;
            }

            return (total + await PublishConsentChangesAsync(db, node, programmes, clock, ct), true);
        }
        catch (DbUpdateException)
        {
            // Another publisher published the same events first; what it published is in the log, nothing to redo. This
            // run did not see everything through, so it marks nothing published: the next request runs it again.
            db.ChangeTracker.Clear();
            return (0, false);
        }
        finally
        {
            mark.Gate.Release();
        }
    }

    /// <summary>Publishes up to one batch of unpublished certificate events; reads none when no events are left.</summary>
    private static async Task<(int EventsRead, int Appended)> PublishBatchAsync(
        OpenAeoDb db,
        NodeIdentity node,
        Dictionary<string, Programme> programmes,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        const int Batch = 2_000;
        // Selecting what to publish is part of the append: under the writer lock, so no other node selects it too.
        await using var append = await StatusLog.BeginAppendAsync(db, ct);
        var statuses = OwnStatuses.Of(db);
        var ids = await statuses
            .EventIds(db)
            .Where(id => !db.PublishedEvents().Any(p => p.EventId == id))
            .OrderBy(id => id)
            .Take(Batch)
            .ToListAsync(ct);
        if (ids.Count == 0)
        {
            db.ChangeTracker.Clear();
            return (0, 0);
        }

        var events = await statuses.EventsAsync(db, ids, ct);
        var tins = events.Select(e => e.Holder).Distinct().ToList();
        var operators = await db.Operators().AsNoTracking().Where(o => tins.Contains(o.Tin)).ToDictionaryAsync(o => o.Tin, ct);
        var published = await db.PublishedOperators().Where(p => tins.Contains(p.Tin)).ToDictionaryAsync(p => p.Tin, ct);
        var now = clock.GetUtcNow();
        var entries = new List<Func<long, StatusEntry>>();
        var publishedIds = new List<long>();
        foreach (var e in events)
        {
            var op = operators[e.Holder];
            var programme = programmes[e.Programme];
            if (!op.ConsentToExchange || !IsOwn(programme, node))
            {
                // Recorded as handled, without an entry: skipped for good (ADR 0008), not picked up again on every run.
                db.PublishedEvents().Add(new PublishedEvent { EventId = e.EventId });
                continue;
            }

            MarkConsenting(db, published, op.Tin, true);
            publishedIds.Add(e.EventId);
            entries.Add(seq => Entry(seq, op, e, programme, e.Kind, e.EffectiveOn, now));
        }

        if (entries.Count > 0)
        {
            var first = await StatusLog.AppendAsync(db, node, clock, entries, ct);
            db.PublishedEvents().AddRange(publishedIds.Select((id, i) => new PublishedEvent { EventId = id, EntryIndex = first + i }));
        }

        await db.SaveChangesAsync(ct);
        if (append is not null)
        {
            await append.CommitAsync(ct);
        }

        db.ChangeTracker.Clear();
        return (ids.Count, entries.Count);
    }

    private static async Task<int> PublishConsentChangesAsync(
        OpenAeoDb db,
        NodeIdentity node,
        Dictionary<string, Programme> programmes,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var append = await StatusLog.BeginAppendAsync(db, ct);
        var statuses = OwnStatuses.Of(db);
        var holders = statuses.Holders(db);
        var withdrawn = await db.PublishedOperators()
            .Where(p => p.Consenting)
            .Join(db.Operators().Where(o => !o.ConsentToExchange), p => p.Tin, o => o.Tin, (p, o) => o)
            .ToListAsync(ct);
        var newlyConsenting = await db.Operators()
            .Where(o => o.ConsentToExchange)
            .Where(o => !db.PublishedOperators().Any(p => p.Tin == o.Tin && p.Consenting))
            .Where(o => holders.Contains(o.Tin))
            .ToListAsync(ct);
        if (withdrawn.Count == 0 && newlyConsenting.Count == 0)
        {
            return 0;
        }

        var tins = withdrawn.Concat(newlyConsenting).Select(o => o.Tin).ToList();
        var own = programmes.Values.Where(p => IsOwn(p, node)).Select(p => p.Code).ToList();
        // Each certificate once, with its events in id order (the facts come in id order).
        var certificates = (await statuses.OfHoldersAsync(db, own, tins, ct))
            .GroupBy(f => f.CertificateId)
            .OrderBy(c => c.Key)
            .ToLookup(c => c.First().Holder);
        var published = await db.PublishedOperators().Where(p => tins.Contains(p.Tin)).ToDictionaryAsync(p => p.Tin, ct);
        var now = clock.GetUtcNow();
        var entries = new List<Func<long, StatusEntry>>();
        foreach (var op in withdrawn)
        {
            MarkConsenting(db, published, op.Tin, false);
            foreach (var certificate in certificates[op.Tin])
            {
                // Benefits stop on the day consent was withdrawn, in the programme's zone (the operator's last change is
                // that withdrawal unless it changed something else since; never later than now).
                var latest = certificate.Last();
                var programme = programmes[latest.Programme];
                var day = CalendarDays.DayOf(op.UpdatedAt < now ? op.UpdatedAt : now, ZoneOf(programme));
                entries.Add(seq => Entry(seq, op, latest, programme, StatusEvent.ConsentWithdrawn, day, now));
            }
        }

        foreach (var op in newlyConsenting)
        {
            MarkConsenting(db, published, op.Tin, true);
            foreach (var certificate in certificates[op.Tin])
            {
                // The certificate as it stands: its latest event says whether it is valid.
                var latest = certificate.Last();
                entries.Add(seq => Entry(seq, op, latest, programmes[latest.Programme], latest.Kind, latest.EffectiveOn, now));
            }
        }

        if (entries.Count > 0)
        {
            await StatusLog.AppendAsync(db, node, clock, entries, ct);
        }

        await db.SaveChangesAsync(ct);
        if (append is not null)
        {
            await append.CommitAsync(ct);
        }

        db.ChangeTracker.Clear();
        return entries.Count;
    }

    /// <summary>Whether the programme is this node's own economy's: only those certificates go into its log (ADR 0012).</summary>
    public static bool IsOwn(Programme programme, NodeIdentity node) =>
        string.Equals(programme.EconomyCode, node.Economy, StringComparison.Ordinal);

    private static void MarkConsenting(OpenAeoDb db, Dictionary<Tin, PublishedOperator> published, Tin tin, bool consenting)
    {
        if (published.TryGetValue(tin, out var row))
        {
            row.Consenting = consenting;
            return;
        }

        row = new PublishedOperator { Tin = tin, Consenting = consenting };
        published[tin] = row;
        db.PublishedOperators().Add(row);
    }

    private static TimeZoneInfo ZoneOf(Programme programme) => TimeZones.Find(programme.TimeZone) ?? TimeZoneInfo.Utc;

    /// <summary>
    /// The entry for a certificate event: named by the issuing programme's economy and time zone, effective from the start
    /// of <paramref name="effectiveOn"/> there, with the certificate's details as they stand.
    /// </summary>
    public static StatusEntry Entry(
        long sequence,
        Operator op,
        CertificateFact certificate,
        Programme programme,
        StatusEvent kind,
        DateOnly effectiveOn,
        DateTimeOffset recordedAt
    ) =>
        new(
            sequence,
            op.Tin,
            op.LegalName,
            programme.EconomyCode,
            certificate.Programme,
            certificate.Tier,
            op.Roles,
            certificate.Number,
            kind,
            StatusEntry.StartOfDay(effectiveOn, programme.TimeZone),
            certificate.ValidFrom,
            certificate.ValidUntil,
            recordedAt,
            programme.TimeZone
        );
}

/// <summary>
/// How far the things the publisher reads have moved: the last certificate event id and the last audit entry id. Both
/// are primary keys, so reading them is two index look-ups. A consent change has no event of its own, but every
/// operator change writes an audit entry in its transaction (ADR 0005), so a new audit id stands in for "consent may
/// have changed"; any other audit entry only costs one extra publisher run.
/// </summary>
internal readonly record struct LogWatermark(long LastEventId, long LastAuditId)
{
    public static async Task<LogWatermark> ReadAsync(OpenAeoDb db, CancellationToken ct)
    {
        var events = await OwnStatuses.Of(db).EventIds(db).MaxAsync(id => (long?)id, ct) ?? 0;
        var audit = await db.AuditEntries().MaxAsync(a => (long?)a.Id, ct) ?? 0;
        return new(events, audit);
    }

    public bool IsAtOrBefore(LogWatermark other) => LastEventId <= other.LastEventId && LastAuditId <= other.LastAuditId;
}

/// <summary>
/// The watermark up to which this process knows the log is complete (set only by a publisher run that completed). One
/// per host, not static: tests run several apps on different databases in one process.
/// </summary>
internal sealed class PublicationMark
{
    private readonly Lock gate = new();

    /// <summary>One publisher run at a time in this host (a host per app: tests run several nodes in one process).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);
    private LogWatermark? published;

    /// <summary>
    /// The mark now. A caller takes it <em>before</em> reading the watermark and the log, so that whatever run set it had
    /// committed its entries before that read began.
    /// </summary>
    public LogWatermark? Current
    {
        get
        {
            lock (gate)
            {
                return published;
            }
        }
    }

    /// <summary>True when nothing the publisher reads has changed since a completed run: serving without publishing is safe.</summary>
    public static bool Covers(LogWatermark? published, LogWatermark seen) => published is { } p && seen.IsAtOrBefore(p);

    public void Published(LogWatermark seen)
    {
        lock (gate)
        {
            // Runs may finish out of order; never move the mark back (the later-started run saw the larger ids).
            published = published is { } p
                ? new(Math.Max(p.LastEventId, seen.LastEventId), Math.Max(p.LastAuditId, seen.LastAuditId))
                : seen;
        }
    }
}
