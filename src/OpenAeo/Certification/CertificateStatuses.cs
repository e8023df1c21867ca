using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;

namespace OpenAeo.Certification;

/// <summary>Our certificates' events as the status exchange asks for them (ADR 0049: MutualRecognition owns the question).</summary>
internal sealed class CertificateStatuses : IOwnStatuses
{
    public IQueryable<long> EventIds(OpenAeoDb db) => db.CertificateEvents().Select(e => e.Id);

    public IQueryable<Tin> Holders(OpenAeoDb db) => db.Certificates().Select(c => c.OperatorTin);

    public async Task<List<CertificateFact>> EventsAsync(OpenAeoDb db, List<long> ids, CancellationToken ct)
    {
        var events = await db.CertificateEvents().AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(ct);
        var certificateIds = events.Select(e => e.CertificateId).Distinct().ToList();
        var certificates = await db.Certificates()
            .AsNoTracking()
            .Where(c => certificateIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, ct);
        return [.. events.Select(e => Fact(certificates[e.CertificateId], e))];
    }

    public async Task<List<CertificateFact>> OfHoldersAsync(OpenAeoDb db, List<string> programmes, List<Tin>? holders, CancellationToken ct)
    {
        var certificates = db.Certificates().AsNoTracking().Include(c => c.Events).Where(c => programmes.Contains(c.ProgrammeCode));
        if (holders is not null)
        {
            certificates = certificates.Where(c => holders.Contains(c.OperatorTin));
        }

        return [.. (await certificates.ToListAsync(ct)).SelectMany(c => c.Events.Select(e => Fact(c, e))).OrderBy(f => f.EventId)];
    }

    private static CertificateFact Fact(Certificate c, CertificateEvent e) =>
        new(
            e.Id,
            c.Id,
            c.OperatorTin,
            c.ProgrammeCode,
            c.Tier,
            c.Number,
            e.Kind.ToStatusEvent(),
            e.EffectiveOn,
            c.ValidFrom,
            c.ValidUntil,
            e.RecordedAt
        );
}
