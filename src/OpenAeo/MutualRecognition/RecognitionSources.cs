using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Persistence;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// What <see cref="Recognition.Recognise"/> needs, loaded once: our certificate events as status entries and each
/// partner's verified replica entries with the agreement that links us, for some TINs (one lookup, one declaration)
/// or for every TIN (an import of a million declarations decides against one snapshot).
/// </summary>
internal sealed class RecognitionSources
{
    private readonly Dictionary<string, List<StatusEntry>> local;
    private readonly Dictionary<string, List<PartnerRecord>> foreign;

    private RecognitionSources(Dictionary<string, List<StatusEntry>> local, Dictionary<string, List<PartnerRecord>> foreign)
    {
        this.local = local;
        this.foreign = foreign;
    }

    public RecognitionAnswer Recognise(Tin tin, DateTimeOffset at, OperatorRoles asRole = OperatorRoles.None, DateOnly? mraDay = null) =>
        Recognition.Recognise(tin, at,
            local.TryGetValue(tin.Value, out var l) ? l : [],
            foreign.TryGetValue(tin.Value, out var f) ? f : [],
            asRole, mraDay);

    /// <param name="tins">The TINs to load; null loads every TIN (for batches).</param>
    public static async Task<RecognitionSources> LoadAsync(OpenAeoDb db, IReadOnlyCollection<string>? tins, CancellationToken ct)
    {
        var operators = db.Operators().AsNoTracking();
        IQueryable<Domain.Certification.Certificate> certificates = db.Certificates().AsNoTracking().Include(c => c.Events);
        var replica = db.ReplicaEntries().AsNoTracking();
        if (tins is not null)
        {
            var typed = tins.Select(t => Tin.Parse(t)).Where(t => t.IsOk).Select(t => t.Value).ToList();
            operators = operators.Where(o => typed.Contains(o.Tin));
            certificates = certificates.Where(c => typed.Contains(c.OperatorTin));
            replica = replica.Where(e => tins.Contains(e.Tin));
        }

        var certificateList = await certificates.ToListAsync(ct);
        var certified = certificateList.Select(c => c.OperatorTin).ToHashSet();
        var operatorList = await operators.Where(o => certified.Contains(o.Tin)).ToListAsync(ct);
        var local = new Dictionary<string, List<StatusEntry>>();
        foreach (var op in operatorList)
        {
            // Our own register is the authority: consent matters for publishing, not for answering at home.
            local[op.Tin.Value] = [.. certificateList.Where(c => c.OperatorTin == op.Tin).SelectMany(c => c.Events.Select(e => (c, e))).OrderBy(x => x.e.Id).Select((x, i) =>
                new StatusEntry(i, op.Tin, op.LegalName, op.EconomyCode, x.c.ProgrammeCode, x.c.Tier, op.Roles, x.c.Number, (StatusEvent)(int)x.e.Kind,
                    new DateTimeOffset(x.e.EffectiveOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), x.c.ValidFrom, x.c.ValidUntil, x.e.RecordedAt))];
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

                var parsed = StatusEntry.Parse(Encoding.UTF8.GetBytes(row.Json));
                if (parsed.IsOk)
                {
                    var key = (row.Tin, row.Partner);
                    if (!byTin.TryGetValue(key, out var list))
                    {
                        byTin[key] = list = [];
                    }

                    list.Add(parsed.Value!);
                }
            }

            // A retired partner's replica is kept for provenance but nobody keeps it current: risk information at most, never MRA benefits.
            var terms = partners.Values.ToDictionary(p => p.Economy,
                p => p.Health != PartnerHealth.Retired && p.MraId is { } id && mras.TryGetValue(id, out var m) ? MraRegistry.Terms(m, blocs) : null);
            foreach (var ((tin, partner), entries) in byTin)
            {
                if (!foreign.TryGetValue(tin, out var records))
                {
                    foreign[tin] = records = [];
                }

                records.Add(new PartnerRecord(partner, terms[partner], partners[partner].TreeSize, entries));
            }
        }

        return new RecognitionSources(local, foreign);
    }
}
