using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.MutualRecognition;

/// <summary>The answer to "is this operator an AEO we must treat as one?", from strongest to weakest.</summary>
public enum RecognitionResult
{
    /// <summary>Our own programme certifies the operator.</summary>
    LocalAeo,

    /// <summary>A partner's AEO, recognised under an MRA in force on the date, for a role (and tier) the MRA covers: MRA benefits
    /// apply.</summary>
    RecognisedUnderMra,

    /// <summary>A partner's AEO we know of, but no MRA benefit applies: a data-sharing arrangement only, an MRA not in force on the date,
    /// or a role or tier outside its scope. Risk information only.</summary>
    KnownForeignAeo,

    /// <summary>The status known to us says the operator is not an AEO on the date (never granted yet, suspended, revoked, expired, consent
    /// withdrawn).</summary>
    NotAeo,

    /// <summary>Nothing we hold speaks about the operator on that date.</summary>
    Unknown,
}

/// <summary>The replicated log entry an answer rests on: whose log, which entry, in which verified tree.</summary>
/// <param name="TreeSize">The size of the partner's last verified tree head, which includes the entry.</param>
public sealed record Provenance(string Partner, long Index, long TreeSize);

/// <summary>
/// The result of <see cref="Recognition.Recognise"/>: <paramref name="Mra"/> is set for
/// <see cref="RecognitionResult.RecognisedUnderMra"/>; <paramref name="Partner"/> and <paramref name="Provenance"/>
/// whenever a partner's log decided the answer. Answers from the local certificate register carry neither: the
/// register is the authority and has no log position.
/// </summary>
public sealed record RecognitionAnswer(Tin Tin, RecognitionResult Result, string? Mra, string? Partner, Provenance? Provenance);

/// <summary>
/// What recognition needs to know about a Mutual Recognition Arrangement: its parties, its lifecycle dates and its
/// scope. Benefits arise only while it is in force: from <paramref name="InForceFrom"/> until it is suspended or terminated
/// (a signed MRA not yet in force gives none, as the implementation phase of an MRA shows).
/// </summary>
/// <param name="Parties">Economy codes of the parties (a plurilateral MRA's bloc expanded to its members).</param>
/// <param name="Roles">Operator roles the MRA recognises; <see cref="OperatorRoles.None"/> means every role, as for a programme.</param>
/// <param name="Tiers">Tiers the MRA recognises (e.g. only a programme's top tier); empty means every tier.</param>
public sealed record MraTerms(
    string Id,
    IReadOnlyCollection<string> Parties,
    DateOnly? SignedOn,
    DateOnly? InForceFrom,
    DateOnly? SuspendedOn,
    DateOnly? TerminatedOn,
    OperatorRoles Roles,
    IReadOnlyCollection<string> Tiers,
    DateOnly? JointValidationFrom = null
)
{
    public bool IsInForceOn(DateOnly day) => InForceFrom <= day && !(SuspendedOn <= day) && !(TerminatedOn <= day);

    /// <summary>
    /// Whether the parties recognise each other's validation visits on <paramref name="day"/> before the MRA is in force:
    /// the joint validations of its action plan, from the day they agreed them until a suspension or termination.
    /// </summary>
    public bool AllowsJointValidationOn(DateOnly day) => JointValidationFrom <= day && !(SuspendedOn <= day) && !(TerminatedOn <= day);

    /// <summary>
    /// Whether the MRA recognises an operator with these roles and tier; with <paramref name="asRole"/> (the part the
    /// operator plays in a declaration, e.g. exporter) the operator must hold that role and the MRA must cover it.
    /// </summary>
    public bool Covers(OperatorRoles operatorRoles, string? tier, OperatorRoles asRole = OperatorRoles.None)
    {
        var roleCovered =
            asRole == OperatorRoles.None
                ? Roles == OperatorRoles.None || (operatorRoles & Roles) != 0
                : operatorRoles.HasFlag(asRole) && (Roles == OperatorRoles.None || Roles.HasFlag(asRole));
        var tierCovered = Tiers.Count == 0 || (tier is not null && Tiers.Contains(tier, StringComparer.OrdinalIgnoreCase));
        return roleCovered && tierCovered;
    }
}

/// <summary>What one partner's verified replica holds about the operator, and the agreement that links us.</summary>
/// <param name="Partner">The partner's economy code.</param>
/// <param name="Mra">The MRA with the partner; null for a data-sharing arrangement.</param>
/// <param name="TreeSize">The size of the partner's last verified tree head.</param>
/// <param name="Entries">The partner's log entries for the operator's TIN (its history; order does not matter).</param>
public sealed record PartnerRecord(string Partner, MraTerms? Mra, long TreeSize, IReadOnlyList<StatusEntry> Entries);

/// <summary>
/// <c>recognition(tin, at)</c> of status-exchange.md: whether an operator is a local AEO, a partner's AEO recognised
/// under an MRA, a partner's AEO known for risk purposes only, not an AEO, or unknown, at an instant. Clearance calls
/// it with the lodgement time, the recognition API with the date asked for.
/// </summary>
public static class Recognition
{
    /// <summary>
    /// The status on <paramref name="at"/> of each source is, per certificate, its entry with the latest <c>effectiveAt</c>
    /// not after <paramref name="at"/> (ties broken by log order; <see cref="EntryAt"/>): a Granted, Reinstated or Amended certificate
    /// within its
    /// validity dates makes an AEO; a Suspended, Revoked, Expired or ConsentWithdrawn event does not. Each entry's dates
    /// are days in its issuing programme's time zone (<see cref="StatusEntry.IsAeoAt"/>), so a certificate granted this
    /// morning counts from the start of this day there, whatever the UTC date. The strongest answer of all sources wins
    /// (local first, then partners by economy code).
    /// </summary>
    /// <param name="mraDay">The calendar day MRA dates are compared with: the day of <paramref name="at"/> where the question
    /// is asked (clearance passes the lodgement date in the office's time zone, the day declarant and officer see; the
    /// recognition API the day in this node's programme zone).</param>
    /// <param name="localEvents">Our own certificate events for the TIN, as status entries in recording order.</param>
    /// <param name="asRole">The role the operator plays in the question (e.g. exporter); None for any role.</param>
    public static RecognitionAnswer Recognise(
        Tin tin,
        DateTimeOffset at,
        DateOnly mraDay,
        IReadOnlyList<StatusEntry> localEvents,
        IReadOnlyList<PartnerRecord> partners,
        OperatorRoles asRole = OperatorRoles.None
    )
    {
        var candidates = new List<RecognitionAnswer>();
        if (EntryAt(tin, at, localEvents) is { } local)
        {
            candidates.Add(new(tin, local.IsAeoAt(at) ? RecognitionResult.LocalAeo : RecognitionResult.NotAeo, null, null, null));
        }

        foreach (var partner in partners.OrderBy(p => p.Partner, StringComparer.Ordinal))
        {
            if (EntryAt(tin, at, partner.Entries) is not { } entry)
            {
                continue;
            }

            var result = ForeignResult(entry, partner, at, asRole, mraDay);
            var mra = result == RecognitionResult.RecognisedUnderMra ? partner.Mra!.Id : null;
            candidates.Add(new(tin, result, mra, partner.Partner, new Provenance(partner.Partner, entry.Sequence, partner.TreeSize)));
        }

        // OrderBy is stable, so among equal answers the local one, then the first partner by code, is kept.
        return candidates.OrderBy(c => c.Result).FirstOrDefault() ?? new(tin, RecognitionResult.Unknown, null, null, null);
    }

    private static RecognitionResult ForeignResult(
        StatusEntry entry,
        PartnerRecord partner,
        DateTimeOffset at,
        OperatorRoles asRole,
        DateOnly day
    )
    {
        if (!entry.IsAeoAt(at))
        {
            return RecognitionResult.NotAeo;
        }

        // A log vouches for its own economy's programmes only: an entry naming another economy (a node that certified
        // for a programme not its own) is risk information at most, never an MRA benefit.
        return
            partner.Mra is { } mra
            && string.Equals(entry.Economy, partner.Partner, StringComparison.Ordinal)
            && mra.Parties.Contains(partner.Partner, StringComparer.Ordinal)
            && mra.IsInForceOn(day)
            && mra.Covers(entry.Roles, entry.Tier, asRole)
            ? RecognitionResult.RecognisedUnderMra
            : RecognitionResult.KnownForeignAeo;
    }

    /// <summary>
    /// The entry the operator's status at <paramref name="at"/> rests on. Each certificate has its own history (its
    /// latest effective entry, later log position breaking ties): an operator can hold several, and a renewal's new
    /// certificate is granted before the old one expires, so the old one's expiry must not end the new one. The entry of
    /// a certificate that makes an AEO at that instant wins; when none does, the latest entry of all says why not.
    /// Entries without a certificate number (a partner's log may omit it) count as one certificate.
    /// </summary>
    public static StatusEntry? EntryAt(Tin tin, DateTimeOffset at, IEnumerable<StatusEntry> entries)
    {
        StatusEntry? best = null;
        var bestIsAeo = false;
        foreach (
            var certificate in entries
                .Where(e => e.Tin == tin && e.EffectiveAt <= at)
                .GroupBy(e => e.CertificateNumber ?? "", StringComparer.Ordinal)
        )
        {
            var current = certificate.OrderBy(e => e.EffectiveAt).ThenBy(e => e.Sequence).Last();
            var isAeo = current.IsAeoAt(at);
            if (best is null || (isAeo && !bestIsAeo) || (isAeo == bestIsAeo && IsLater(current, best)))
            {
                (best, bestIsAeo) = (current, isAeo);
            }
        }

        return best;
    }

    private static bool IsLater(StatusEntry a, StatusEntry b) =>
        a.EffectiveAt > b.EffectiveAt || (a.EffectiveAt == b.EffectiveAt && a.Sequence > b.Sequence);
}
