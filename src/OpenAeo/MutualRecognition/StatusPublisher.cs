using Microsoft.EntityFrameworkCore;
using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Persistence;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// Appends certificate events to the status log (ADR 0008): every event after the last one published, in event id
/// order, for operators that consented to the exchange; then a <c>ConsentWithdrawn</c> entry for each operator whose
/// consent was withdrawn since it was last published as consenting, and the current state of the certificates of an
/// operator that newly consented. Idempotent and catching up: it remembers the last event id it read, so it can run
/// from a background loop, at the start of every exchange request and from the CLI.
/// </summary>
internal static class StatusPublisher
{
    // One publisher at a time in this process; across processes the entry index primary key refuses a second writer.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<int> RunAsync(OpenAeoDb db, NodeIdentity node, TimeProvider clock, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var total = 0;
            while (await PublishBatchAsync(db, node, clock, ct) is { EventsRead: > 0 } batch)
            {
                total += batch.Appended;
            }

            return total + await PublishConsentChangesAsync(db, node, clock, ct);
        }
        catch (DbUpdateException)
        {
            // Another process published the same events first; what it published is in the log, nothing to redo.
            db.ChangeTracker.Clear();
            return 0;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Publishes up to one batch of new certificate events; reads none when no events are left.</summary>
    private static async Task<(int EventsRead, int Appended)> PublishBatchAsync(OpenAeoDb db, NodeIdentity node, TimeProvider clock, CancellationToken ct)
    {
        const int Batch = 2_000;
        var cursor = await db.PublisherCursors().SingleOrDefaultAsync(ct);
        if (cursor is null)
        {
            cursor = new PublisherCursor();
            db.PublisherCursors().Add(cursor);
        }

        var last = cursor.LastEventId;
        var events = await db.CertificateEvents().AsNoTracking().Where(e => e.Id > last).OrderBy(e => e.Id).Take(Batch).ToListAsync(ct);
        if (events.Count == 0)
        {
            db.ChangeTracker.Clear();
            return (0, 0);
        }

        var certificateIds = events.Select(e => e.CertificateId).Distinct().ToList();
        var certificates = await db.Certificates().AsNoTracking().Where(c => certificateIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var tins = certificates.Values.Select(c => c.OperatorTin).Distinct().ToList();
        var operators = await db.Operators().AsNoTracking().Where(o => tins.Contains(o.Tin)).ToDictionaryAsync(o => o.Tin, ct);
        var published = await db.PublishedOperators().Where(p => tins.Contains(p.Tin)).ToDictionaryAsync(p => p.Tin, ct);
        var now = clock.GetUtcNow();
        var entries = new List<Func<long, StatusEntry>>();
        foreach (var e in events)
        {
            var certificate = certificates[e.CertificateId];
            var op = operators[certificate.OperatorTin];
            if (!op.ConsentToExchange)
            {
                continue;
            }

            MarkConsenting(db, published, op.Tin, true);
            entries.Add(seq => Entry(seq, node, op, certificate, (StatusEvent)(int)e.Kind, e.EffectiveOn, now));
        }

        cursor.LastEventId = events[^1].Id;
        if (entries.Count > 0)
        {
            await StatusLog.AppendAsync(db, node, clock, entries, ct);
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (events.Count, entries.Count);
    }

    private static async Task<int> PublishConsentChangesAsync(OpenAeoDb db, NodeIdentity node, TimeProvider clock, CancellationToken ct)
    {
        var withdrawn = await db.PublishedOperators().Where(p => p.Consenting)
            .Join(db.Operators().Where(o => !o.ConsentToExchange), p => p.Tin, o => o.Tin, (p, o) => o)
            .ToListAsync(ct);
        var newlyConsenting = await db.Operators().Where(o => o.ConsentToExchange)
            .Where(o => !db.PublishedOperators().Any(p => p.Tin == o.Tin && p.Consenting))
            .Where(o => db.Certificates().Any(c => c.OperatorTin == o.Tin))
            .ToListAsync(ct);
        if (withdrawn.Count == 0 && newlyConsenting.Count == 0)
        {
            return 0;
        }

        var tins = withdrawn.Concat(newlyConsenting).Select(o => o.Tin).ToList();
        var certificates = (await db.Certificates().AsNoTracking().Include(c => c.Events).Where(c => tins.Contains(c.OperatorTin)).ToListAsync(ct))
            .ToLookup(c => c.OperatorTin);
        var published = await db.PublishedOperators().ToDictionaryAsync(p => p.Tin, ct);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var entries = new List<Func<long, StatusEntry>>();
        foreach (var op in withdrawn)
        {
            MarkConsenting(db, published, op.Tin, false);
            foreach (var certificate in certificates[op.Tin])
            {
                entries.Add(seq => Entry(seq, node, op, certificate, StatusEvent.ConsentWithdrawn, today, now));
            }
        }

        foreach (var op in newlyConsenting)
        {
            MarkConsenting(db, published, op.Tin, true);
            foreach (var certificate in certificates[op.Tin])
            {
                // The certificate as it stands: its latest event says whether it is valid.
                var latest = certificate.Events.OrderBy(e => e.Id).Last();
                entries.Add(seq => Entry(seq, node, op, certificate, (StatusEvent)(int)latest.Kind, latest.EffectiveOn, now));
            }
        }

        if (entries.Count > 0)
        {
            await StatusLog.AppendAsync(db, node, clock, entries, ct);
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return entries.Count;
    }

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

    private static StatusEntry Entry(long sequence, NodeIdentity node, Operator op, Certificate certificate, StatusEvent kind, DateOnly effectiveOn, DateTimeOffset now) =>
        new(sequence, op.Tin, op.LegalName, node.Economy, certificate.ProgrammeCode, certificate.Tier, op.Roles, certificate.Number, kind,
            new DateTimeOffset(effectiveOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), certificate.ValidFrom, certificate.ValidUntil, now);
}
