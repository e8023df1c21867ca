using System.Text;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// Loads what <see cref="PartnerValidation.Decide"/> needs to recognise a partner's validation visit: the MRAs (blocs
/// expanded), whether a data-sharing arrangement links the two economies, and the partner's verified replica entries for
/// the certificate the officer names (read as <see cref="RecognitionSources"/> reads them: only entries inside the partner's
/// last verified tree whose JSON parses to the stored TIN and position).
/// </summary>
internal static class PartnerCertificates
{
    public static async Task<Result<PartnerCertificateLink>> LinkAsync(
        OpenAeoDb db,
        string home,
        string partner,
        DateOnly day,
        DateTimeOffset at,
        string? partnerTin,
        string? certificateNumber,
        CancellationToken ct
    )
    {
        var number = string.IsNullOrWhiteSpace(certificateNumber) ? null : certificateNumber.Trim();
        Tin? tin = null;
        if (!string.IsNullOrWhiteSpace(partnerTin))
        {
            var parsed = Tin.Parse(partnerTin);
            if (!parsed.IsOk)
            {
                return new DomainError("visit.partner-tin", parsed.Errors[0].Message, "partnerTin");
            }

            tin = parsed.Value;
        }
        else if (number is null)
        {
            return new DomainError(
                "visit.partner-certificate",
                $"Name the certificate {partner} customs hold for the operator: its number, the operator's TIN there, or both.",
                "certificateNumber"
            );
        }

        var blocs = await MraRegistry.BlocMembersAsync(db, ct);
        var mras = (await db.Mras().AsNoTracking().ToListAsync(ct)).Select(m => MraRegistry.Terms(m, blocs)).ToList();
        var dataSharing = (await db.DataSharing().AsNoTracking().ToListAsync(ct)).Any(d =>
            MraRegistry.Expand(d.Parties, blocs) is var parties && parties.Contains(home) && parties.Contains(partner)
        );

        var entries = new List<StatusEntry>();
        var node = await db.Partners().AsNoTracking().SingleOrDefaultAsync(p => p.Economy == partner, ct);
        if (node is { TreeSize: > 0 })
        {
            var rows = db.ReplicaEntries().AsNoTracking().Where(e => e.Partner == partner && e.Index < node.TreeSize);
            if (tin is { } t)
            {
                rows = rows.Where(e => e.Tin == t.Value);
            }

            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                var entry = StatusEntry.Parse(Encoding.UTF8.GetBytes(row.Json));
                if (
                    entry.IsOk
                    && entry.Value!.Tin.Value == row.Tin
                    && entry.Value.Sequence == row.Index
                    && (number is null || string.Equals(entry.Value.CertificateNumber, number, StringComparison.OrdinalIgnoreCase))
                )
                {
                    entries.Add(entry.Value);
                }
            }
        }

        return PartnerValidation.Decide(home, partner, day, mras, dataSharing, entries, number, at);
    }
}
