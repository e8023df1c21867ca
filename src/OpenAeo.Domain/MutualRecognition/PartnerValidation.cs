using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.MutualRecognition;

/// <summary>
/// The partner's certificate a recognised validation visit rests on, as our verified replica of the partner's log shows it.
/// </summary>
/// <param name="Mra">The MRA that allows the recognition (<c>MRA-12</c>): in force, or agreeing joint validations before it is.</param>
/// <param name="LogIndex">The position of the partner's log entry the certificate's status was read from.</param>
/// <param name="JointValidation">True when the MRA is not in force yet and the visit is recognised under its action plan's joint
/// validations.</param>
public sealed record PartnerCertificateLink(
    string Partner,
    Tin Tin,
    string? CertificateNumber,
    string Mra,
    long LogIndex,
    bool JointValidation = false
)
{
    /// <summary>For people and the audit trail: <c>MRA-12</c> or <c>MRA-12 (joint validation under its action plan)</c>.</summary>
    public string Basis => JointValidation ? $"{Mra} (joint validation under its action plan)" : Mra;
}

/// <summary>
/// Whether a partner administration's validation visit may be recognised instead of repeated (issue #14 item 7): only under
/// an MRA in force between this economy and the partner's on the programme's local day — or, before it is in force, under
/// the joint validations its action plan records from a day (ADR 0047) — and only for an operator the
/// partner's replicated log shows as an active AEO. It lives with mutual recognition because it is the same question
/// <see cref="Recognition"/> asks (which agreement, in force on which day, what the partner's log says), asked of a visit.
/// </summary>
public static class PartnerValidation
{
    /// <param name="home">This node's economy.</param>
    /// <param name="partner">The economy whose customs performed the visit.</param>
    /// <param name="day">The programme's local day (MRA dates are days there).</param>
    /// <param name="mras">Every MRA the node knows, with bloc parties expanded to their members.</param>
    /// <param name="dataSharing">Whether only a data-sharing arrangement links the two economies (named in the refusal).</param>
    /// <param name="entries">The partner's verified replica entries for the named certificate (its TIN and/or number).</param>
    /// <param name="certificateNumber">The certificate number the request named, if any.</param>
    /// <param name="at">The instant the partner's status is read at.</param>
    public static Result<PartnerCertificateLink> Decide(
        string home,
        string partner,
        DateOnly day,
        IReadOnlyCollection<MraTerms> mras,
        bool dataSharing,
        IReadOnlyList<StatusEntry> entries,
        string? certificateNumber,
        DateTimeOffset at
    )
    {
        if (string.Equals(home, partner, StringComparison.Ordinal))
        {
            return new DomainError(
                "visit.partner",
                $"{partner} is this programme's own economy; its visits are recorded as visits, not recognised from a partner.",
                "partnerEconomy"
            );
        }

        var linking = mras.Where(m =>
                m.Parties.Contains(home, StringComparer.Ordinal) && m.Parties.Contains(partner, StringComparer.Ordinal)
            )
            .ToList();
        var inForce = linking.Where(m => m.IsInForceOn(day)).OrderBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault();
        var joint = inForce is null
            ? linking.Where(m => m.AllowsJointValidationOn(day)).OrderBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault()
            : null;
        var basis = inForce ?? joint;
        if (basis is null)
        {
            var why =
                linking.Count > 0
                    ? $"the MRA between {home} and {partner} ({string.Join(", ", linking.Select(m => m.Id))}) is not "
                        + $"in force on {day:yyyy-MM-dd} and records no joint validations on that day"
                : dataSharing
                    ? $"{home} and {partner} share AEO status under a data-sharing arrangement only, which gives no "
                        + "recognition of validations"
                : $"there is no MRA between {home} and {partner}";
            return new DomainError(
                "visit.no-mra",
                $"A validation by {partner} customs is recognised only under an MRA in force between {home} and "
                    + $"{partner} (or the joint validations of its action plan); {why}.",
                "partnerEconomy"
            );
        }

        var named = certificateNumber is { Length: > 0 } ? $"certificate {certificateNumber}" : "the named operator";
        var tins = entries.Where(e => string.Equals(e.Economy, partner, StringComparison.Ordinal)).Select(e => e.Tin).Distinct().ToList();
        if (tins.Count == 0)
        {
            return new DomainError(
                "visit.partner-certificate",
                $"{partner} customs' replicated log does not know {named}; a recognised validation names a "
                    + "certificate the partner publishes.",
                "certificateNumber"
            );
        }

        if (tins.Count > 1)
        {
            return new DomainError(
                "visit.partner-certificate",
                $"{named} is published by {partner} for several operators ({string.Join(", ", tins)}); name the partner's TIN too.",
                "partnerTin"
            );
        }

        var entry = Recognition.EntryAt(tins[0], at, entries.Where(e => string.Equals(e.Economy, partner, StringComparison.Ordinal)));
        if (entry is null || !entry.IsAeoAt(at))
        {
            var status = entry is null ? "not yet in effect" : entry.Event.ToString().ToLowerInvariant();
            return new DomainError(
                "visit.partner-certificate",
                $"{partner} customs do not show {named} ({tins[0]}) as an active AEO: its latest status is {status}.",
                "certificateNumber"
            );
        }

        return Result<PartnerCertificateLink>.Ok(
            new PartnerCertificateLink(
                partner,
                tins[0],
                entry.CertificateNumber ?? certificateNumber,
                basis.Id,
                entry.Sequence,
                inForce is null
            )
        );
    }
}
