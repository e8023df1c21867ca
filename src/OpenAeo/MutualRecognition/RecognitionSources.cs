using System.Text;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// What <see cref="Recognition.Recognise"/> needs, loaded once: our certificate events as status entries (each in its
/// programme's time zone, as the publisher writes them) and each partner's verified replica entries with the agreement
/// that links us, for some TINs (one lookup, one declaration) or for every TIN (an import of a million declarations
/// decides against one snapshot).
/// </summary>
internal sealed class RecognitionSources
{
    private readonly Dictionary<string, List<StatusEntry>> local;
    private readonly Dictionary<string, List<PartnerRecord>> foreign;
    private readonly HashSet<string> consenting;

    private RecognitionSources(
        Dictionary<string, List<StatusEntry>> local,
        Dictionary<string, List<PartnerRecord>> foreign,
        HashSet<string> consenting,
        TimeZoneInfo here
    )
    {
        this.local = local;
        this.foreign = foreign;
        this.consenting = consenting;
        Here = here;
    }

    /// <summary>The time zone of this node's programme: the day a question asked here is about (MRA dates, "at" given as a date).</summary>
    public TimeZoneInfo Here { get; }

    /// <param name="mraDay">The day MRA dates are compared with; by default the day of <paramref name="at"/> in <see cref="Here"/>.</param>
    public RecognitionAnswer Recognise(Tin tin, DateTimeOffset at, OperatorRoles asRole = OperatorRoles.None, DateOnly? mraDay = null) =>
        Recognition.Recognise(
            tin,
            at,
            mraDay ?? CalendarDays.DayOf(at, Here),
            local.TryGetValue(tin.Value, out var l) ? l : [],
            foreign.TryGetValue(tin.Value, out var f) ? f : [],
            asRole
        );

    /// <summary>The entry an answer rests on: the partner's replicated entry it names, or our own certificate's latest event at
    /// <paramref name="at"/>.</summary>
    public StatusEntry? EntryOf(RecognitionAnswer answer, DateTimeOffset at)
    {
        if (answer.Provenance is { } p)
        {
            return foreign.TryGetValue(answer.Tin.Value, out var records)
                ? records.Where(r => r.Partner == p.Partner).SelectMany(r => r.Entries).FirstOrDefault(e => e.Sequence == p.Index)
                : null;
        }

        return local.TryGetValue(answer.Tin.Value, out var entries) ? Recognition.EntryAt(answer.Tin, at, entries) : null;
    }

    /// <summary>Whether a holder of one of our certificates consented to its status being shared (the public check asks).</summary>
    public bool Consents(Tin tin) => consenting.Contains(tin.Value);

    /// <summary>What these sources hold about <paramref name="tin"/> alone: what <see cref="RecognitionCache"/> keeps per TIN.</summary>
    public RecognitionSources Only(Tin tin) =>
        new(
            local.TryGetValue(tin.Value, out var l) ? new() { [tin.Value] = l } : [],
            foreign.TryGetValue(tin.Value, out var f) ? new() { [tin.Value] = f } : [],
            consenting.Contains(tin.Value) ? [tin.Value] : [],
            Here
        );

    /// <summary>Sources of distinct TINs (each from <see cref="Only"/>) as one; the first one's zone (they share the node's).</summary>
    public static RecognitionSources Combine(IReadOnlyList<RecognitionSources> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var combined = new RecognitionSources([], [], [], parts.Count == 0 ? TimeZoneInfo.Utc : parts[0].Here);
        foreach (var part in parts)
        {
            foreach (var (tin, entries) in part.local)
            {
                combined.local[tin] = entries;
            }

            foreach (var (tin, records) in part.foreign)
            {
                combined.foreign[tin] = records;
            }

            combined.consenting.UnionWith(part.consenting);
        }

        return combined;
    }

    /// <param name="nodeEconomy">This node's economy: only its own programmes' certificates are local AEOs (ADR 0012).</param>
    /// <param name="tins">The TINs to load; null loads every TIN (for batches).</param>
    public static async Task<RecognitionSources> LoadAsync(
        OpenAeoDb db,
        string nodeEconomy,
        IReadOnlyCollection<Tin>? tins,
        CancellationToken ct
    )
    {
        var programmes = await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        var home = programmes.Values.Where(p => p.EconomyCode == nodeEconomy).OrderBy(p => p.Code, StringComparer.Ordinal).FirstOrDefault();
        var here = home is null ? TimeZoneInfo.Utc : TimeZones.Find(home.TimeZone) ?? TimeZoneInfo.Utc;
        var own = programmes.Values.Where(p => p.EconomyCode == nodeEconomy).Select(p => p.Code).ToList();

        var operators = db.Operators().AsNoTracking();
        var replica = db.ReplicaEntries().AsNoTracking();
        List<Tin>? typed = null;
        if (tins is not null)
        {
            typed = [.. tins];
            // The replica's Tin column is the text of a parsed TIN (the entry's own), so the texts match it.
            var texts = typed.Select(t => t.Value).ToList();
            operators = operators.Where(o => typed.Contains(o.Tin));
            replica = replica.Where(e => texts.Contains(e.Tin));
        }

        var facts = await OwnStatuses.Of(db).OfHoldersAsync(db, own, typed, ct);
        var certified = facts.Select(f => f.Holder).ToHashSet();
        var operatorList = await operators.Where(o => certified.Contains(o.Tin)).ToListAsync(ct);
        var local = new Dictionary<string, List<StatusEntry>>();
        var consenting = operatorList.Where(o => o.ConsentToExchange).Select(o => o.Tin.Value).ToHashSet();
        foreach (var op in operatorList)
        {
            // Our own register is the authority: consent matters for publishing, not for answering at home. The entries
            // are the ones the publisher writes, so a certificate reads the same here and at every partner.
            local[op.Tin.Value] =
            [
                .. facts
                    .Where(f => f.Holder == op.Tin)
                    .Select((f, i) => StatusPublisher.Entry(i, op, f, programmes[f.Programme], f.Kind, f.EffectiveOn, f.RecordedAt)),
            ];
        }

        var blocs = await MraRegistry.BlocMembersAsync(db, ct);
        var mras = await db.Mras().AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        var partners = await db.Partners().AsNoTracking().Where(p => p.TreeSize > 0).ToDictionaryAsync(p => p.Economy, ct);
        var foreign = new Dictionary<string, List<PartnerRecord>>();
        if (partners.Count > 0)
        {
            var byTin = new Dictionary<(string Tin, string Partner), List<StatusEntry>>();
            await foreach (var row in replica.AsAsyncEnumerable().WithCancellation(ct))
            {
                if (!partners.TryGetValue(row.Partner, out var p) || row.Index >= p.TreeSize)
                {
                    continue;
                }

                // Only what verifies: the JSON was checked against the partner's signed root when it arrived; its stored
                // Tin column is derived from it and is believed only while the two agree (exchange verify reports it).
                var parsed = StatusEntry.Parse(Encoding.UTF8.GetBytes(row.Json));
                if (parsed.IsOk && parsed.Value!.Tin.Value == row.Tin && parsed.Value.Sequence == row.Index)
                {
                    var key = (row.Tin, row.Partner);
                    if (!byTin.TryGetValue(key, out var list))
                    {
                        byTin[key] = list = [];
                    }

                    list.Add(parsed.Value);
                }
            }

            // A retired partner's replica is kept for provenance but nobody keeps it current: risk information at most, never MRA benefits.
            var terms = partners.Values.ToDictionary(
                p => p.Economy,
                p =>
                    p.Health != PartnerHealth.Retired && p.MraId is { } id && mras.TryGetValue(id, out var m)
                        ? MraRegistry.Terms(m, blocs)
                        : null
            );
            foreach (var ((tin, partner), entries) in byTin)
            {
                if (!foreign.TryGetValue(tin, out var records))
                {
                    foreign[tin] = records = [];
                }

                records.Add(new PartnerRecord(partner, terms[partner], partners[partner].TreeSize, entries));
            }
        }

        return new RecognitionSources(local, foreign, consenting, here);
    }
}
