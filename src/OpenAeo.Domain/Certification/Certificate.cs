using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

public enum CertificateStatus
{
    Active,
    Suspended,
    Revoked,
    Expired,
}

/// <summary>What happened to a certificate; the mutual-recognition status log publishes these.</summary>
public enum CertificateEventKind
{
    Granted,
    Suspended,
    Reinstated,
    Revoked,
    Expired,
    Amended,
}

/// <summary>One event in a certificate's life, with the day it takes effect and who recorded it.</summary>
public sealed class CertificateEvent
{
    private CertificateEvent() { }

    public CertificateEvent(CertificateEventKind kind, DateOnly effectiveOn, DateTimeOffset recordedAt, string actor, string? reason)
    {
        Kind = kind;
        EffectiveOn = effectiveOn;
        RecordedAt = recordedAt;
        Actor = actor;
        Reason = reason;
    }

    public long Id { get; private set; }

    public int CertificateId { get; private set; }

    public CertificateEventKind Kind { get; private set; }

    public DateOnly EffectiveOn { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string Actor { get; private set; } = "";

    public string? Reason { get; private set; }
}

/// <summary>
/// An AEO certificate: Active → Suspended → Reinstated (Active) | Revoked; Expired when its validity ends.
/// Revoked and Expired are final; renewal opens a new application.
/// </summary>
public sealed class Certificate
{
    private Certificate() { }

    public int Id { get; private set; }

    public string Number { get; private set; } = "";

    public string ProgrammeCode { get; private set; } = "";

    public Tin OperatorTin { get; private set; }

    public string? Tier { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    /// <summary>The last valid day; null when the programme grants indefinitely.</summary>
    public DateOnly? ValidUntil { get; private set; }

    public CertificateStatus Status { get; private set; }

    public DateOnly StatusSince { get; private set; }

    public string? StatusReason { get; private set; }

    /// <summary>The application that granted it; null for certificates imported from an existing register.</summary>
    public int? ApplicationId { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public List<CertificateEvent> Events { get; private set; } = [];

    /// <summary>For a conditional grant: the day by which open findings are followed up (ADR 0032).</summary>
    public DateOnly? FollowUpBy { get; private set; }

    // The notice of intent to revoke (the holder's right to be heard) and a revocation prepared under four eyes.
    public DateOnly? RevocationNoticeOn { get; private set; }

    public DateOnly? RevocationRespondBy { get; private set; }

    public string? RevocationNoticeReason { get; private set; }

    public string? RevocationNoticeBy { get; private set; }

    public string? RevocationResponse { get; private set; }

    public DateTimeOffset? RevocationRespondedAt { get; private set; }

    public string? RevocationPreparedBy { get; private set; }

    public string? RevocationPreparedReason { get; private set; }

    /// <summary>The notice is open: issued, and the certificate not yet revoked nor the notice withdrawn.</summary>
    public bool RevocationNoticeOpen => RevocationNoticeOn is not null && Status is CertificateStatus.Active or CertificateStatus.Suspended;

    /// <summary>The holder was heard: it responded, or the response period ended.</summary>
    public bool RevocationHeard(DateOnly today) =>
        RevocationNoticeOpen && (RevocationRespondedAt is not null || today > RevocationRespondBy);

    public void RecordFollowUp(DateOnly? followUpBy) => FollowUpBy = followUpBy;

    /// <summary>Announces the intent to revoke with the reasons; the holder has <paramref name="hearingDays"/> local days to
    /// respond.</summary>
    public DomainError? NotifyIntentToRevoke(string? reason, int hearingDays, DateOnly today, string officer)
    {
        if (Status is not (CertificateStatus.Active or CertificateStatus.Suspended))
        {
            return NotAllowed("revoked", "Only an active or suspended certificate can be revoked").Errors[0];
        }

        if (RevocationNoticeOpen)
        {
            return new DomainError(
                "certificate.notice-open",
                $"A notice of intent to revoke was issued on {RevocationNoticeOn:yyyy-MM-dd}; decide on it or withdraw it first."
            );
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new DomainError("certificate.reason", "A notice of intent to revoke states its reasons.", "reason");
        }

        SetRevocationNotice(today, today.AddDays(hearingDays), reason.Trim(), officer);
        return null;
    }

    /// <summary>Opens a notice (its day, response deadline, reasons, officer) or clears it (all null); either way no earlier
    /// response or prepared revocation carries over.</summary>
    private void SetRevocationNotice(DateOnly? on, DateOnly? respondBy, string? reason, string? by) =>
        (
            RevocationNoticeOn,
            RevocationRespondBy,
            RevocationNoticeReason,
            RevocationNoticeBy,
            RevocationResponse,
            RevocationRespondedAt,
            RevocationPreparedBy,
            RevocationPreparedReason
        ) = (on, respondBy, reason, by, null, null, null, null);

    public DomainError? RespondToRevocationNotice(string? text, DateOnly today, DateTimeOffset now)
    {
        if (!RevocationNoticeOpen)
        {
            return new DomainError("certificate.no-notice", "There is no notice of intent to respond to.");
        }

        if (today > RevocationRespondBy)
        {
            return new DomainError("certificate.period-ended", $"The response period ended on {RevocationRespondBy:yyyy-MM-dd}.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new DomainError("certificate.response", "A response says something.", "text");
        }

        (RevocationResponse, RevocationRespondedAt) = (text.Trim(), now);
        return null;
    }

    public DomainError? WithdrawRevocationNotice(string? reason)
    {
        if (!RevocationNoticeOpen)
        {
            return new DomainError("certificate.no-notice", "There is no notice of intent to withdraw.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new DomainError("certificate.reason", "Withdrawing a notice says why.", "reason");
        }

        SetRevocationNotice(null, null, null, null);
        return null;
    }

    /// <summary>
    /// A revocation after a heard notice. With four eyes the first officer only prepares it (no event: nothing changes
    /// for the status log) and <see cref="ApproveRevocation"/> by another officer revokes.
    /// </summary>
    /// <returns>The revocation event, or null when it was prepared for approval.</returns>
    public Result<CertificateEvent?> RequestRevocation(string? reason, bool fourEyes, DateOnly today, DateTimeOffset now, string officer)
    {
        if (Heard(today) is { } unheard)
        {
            return unheard;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new DomainError("certificate.reason", "A revocation needs a reason.", "reason");
        }

        if (!fourEyes)
        {
            var revoked = Revoke(reason, today, now, officer);
            return revoked.IsOk ? Result<CertificateEvent?>.Ok(revoked.Value) : Result<CertificateEvent?>.Fail(revoked.Errors);
        }

        if (RevocationPreparedBy is { } preparer)
        {
            return new DomainError(
                "certificate.decision-pending",
                $"A revocation was already prepared by {preparer}; a second officer approves it."
            );
        }

        (RevocationPreparedBy, RevocationPreparedReason) = (officer, reason.Trim());
        return Result<CertificateEvent?>.Ok(null);
    }

    public Result<CertificateEvent> ApproveRevocation(DateOnly today, DateTimeOffset now, string officer)
    {
        if (RevocationPreparedBy is not { } preparer || !RevocationNoticeOpen)
        {
            return new DomainError("certificate.no-decision", "There is no prepared revocation to approve.");
        }

        if (string.Equals(preparer, officer, StringComparison.OrdinalIgnoreCase))
        {
            return new DomainError(
                "certificate.four-eyes",
                $"The revocation was prepared by {preparer}; a second officer approves it (four eyes)."
            );
        }

        return Heard(today) is { } unheard ? unheard : Revoke(RevocationPreparedReason, today, now, officer);
    }

    private DomainError? Heard(DateOnly today) =>
        !RevocationNoticeOpen
            ? new DomainError(
                "certificate.not-heard",
                "A revocation starts with a notice of intent stating the reasons; the holder is heard before the decision."
            )
        : !RevocationHeard(today)
            ? new DomainError(
                "certificate.not-heard",
                $"The holder has until {RevocationRespondBy:yyyy-MM-dd} to respond to the notice of intent; the "
                    + "revocation waits for the response or the end of that day."
            )
        : null;

    /// <summary>
    /// A new certificate. <paramref name="validUntil"/> follows from the programme's validity policy when granted
    /// by OpenAeo; an import may carry its own.
    /// </summary>
    public static Result<Certificate> Issue(
        string number,
        string programmeCode,
        Tin tin,
        string? tier,
        IReadOnlyList<string> programmeTiers,
        DateOnly validFrom,
        DateOnly? validUntil,
        int? applicationId,
        DateTimeOffset now,
        string actor
    )
    {
        var errors = new List<DomainError>();
        number = (number ?? "").Trim().ToUpperInvariant();
        if (number.Length is < 3 or > 40 || !number.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '.'))
        {
            errors.Add(new("certificate.number", "A certificate number is 3 to 40 letters, digits, hyphens, slashes or dots.", "number"));
        }

        tier = string.IsNullOrWhiteSpace(tier) ? null : tier.Trim();
        if (tier is not null && !programmeTiers.Contains(tier, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(
                new(
                    "certificate.tier",
                    programmeTiers.Count == 0
                        ? "This programme has no tiers."
                        : $"The tier is one of: {string.Join(", ", programmeTiers)}.",
                    "tier"
                )
            );
        }
        else if (tier is null && programmeTiers.Count > 0)
        {
            errors.Add(
                new("certificate.tier", $"This programme certifies in tiers; choose one of: {string.Join(", ", programmeTiers)}.", "tier")
            );
        }

        if (validUntil is DateOnly until && until < validFrom)
        {
            errors.Add(new("certificate.validity", "A certificate cannot end before it starts.", "validUntil"));
        }

        if (errors.Count > 0)
        {
            return Result<Certificate>.Fail(errors);
        }

        var canonicalTier = tier is null ? null : programmeTiers.First(t => t.Equals(tier, StringComparison.OrdinalIgnoreCase));
        var certificate = new Certificate
        {
            Number = number,
            ProgrammeCode = programmeCode,
            OperatorTin = tin,
            Tier = canonicalTier,
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            Status = CertificateStatus.Active,
            StatusSince = validFrom,
            ApplicationId = applicationId,
            IssuedAt = now,
        };
        certificate.Events.Add(new CertificateEvent(CertificateEventKind.Granted, validFrom, now, actor, null));
        return Result<Certificate>.Ok(certificate);
    }

    public bool IsValidOn(DateOnly day) =>
        Status == CertificateStatus.Active && day >= ValidFrom && (ValidUntil is null || day <= ValidUntil);

    /// <summary>Suspends from <paramref name="effectiveFrom"/> (today or earlier: a suspension is never scheduled silently).</summary>
    public Result<CertificateEvent> Suspend(string? reason, DateOnly effectiveFrom, DateOnly today, DateTimeOffset now, string actor)
    {
        if (Status != CertificateStatus.Active)
        {
            return NotAllowed("suspended", "Only an active certificate can be suspended");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new DomainError("certificate.reason", "A suspension needs a reason.", "reason");
        }

        if (effectiveFrom > today)
        {
            return new DomainError(
                "certificate.effectiveFrom",
                "A suspension takes effect today or on an earlier date, not in the future.",
                "effectiveFrom"
            );
        }

        if (effectiveFrom < ValidFrom)
        {
            return new DomainError(
                "certificate.effectiveFrom",
                "A suspension cannot take effect before the certificate was valid.",
                "effectiveFrom"
            );
        }

        // The status on a day is the certificate's last event effective by then; a suspension dated before the last
        // reinstatement would sort before it and leave the certificate valid in the status log.
        if (effectiveFrom < StatusSince)
        {
            return new DomainError(
                "certificate.effectiveFrom",
                $"A suspension cannot take effect before the certificate's last change ({StatusSince:yyyy-MM-dd}).",
                "effectiveFrom"
            );
        }

        return Change(CertificateStatus.Suspended, CertificateEventKind.Suspended, effectiveFrom, reason.Trim(), now, actor);
    }

    public Result<CertificateEvent> Reinstate(string? reason, DateOnly today, DateTimeOffset now, string actor)
    {
        if (Status != CertificateStatus.Suspended)
        {
            return NotAllowed("reinstated", "Only a suspended certificate can be reinstated");
        }

        if (ValidUntil is DateOnly until && until < today)
        {
            return new DomainError("certificate.transition", $"The certificate's validity ended on {until:yyyy-MM-dd}; renew it instead.");
        }

        return Change(CertificateStatus.Active, CertificateEventKind.Reinstated, today, reason, now, actor);
    }

    public Result<CertificateEvent> Revoke(string? reason, DateOnly today, DateTimeOffset now, string actor)
    {
        if (Status is not (CertificateStatus.Active or CertificateStatus.Suspended))
        {
            return NotAllowed("revoked", "Only an active or suspended certificate can be revoked");
        }

        return string.IsNullOrWhiteSpace(reason)
            ? new DomainError("certificate.reason", "A revocation needs a reason.", "reason")
            : Change(CertificateStatus.Revoked, CertificateEventKind.Revoked, today, reason.Trim(), now, actor);
    }

    /// <summary>Expires the certificate when its last valid day is before <paramref name="today"/>; null when not due.</summary>
    public CertificateEvent? ExpireIfDue(DateOnly today, DateTimeOffset now)
    {
        if (ValidUntil is not DateOnly until || until >= today || Status is CertificateStatus.Revoked or CertificateStatus.Expired)
        {
            return null;
        }

        return Change(CertificateStatus.Expired, CertificateEventKind.Expired, until.AddDays(1), "validity ended", now, "system").Value;
    }

    /// <summary>
    /// How many days before its last valid day a fixed-term certificate may be renewed. A renewal is a new
    /// assessment that takes up to the SLA (90 business days, over four months) plus any information requests, so
    /// the window opens early enough to finish before the certificate ends; the reminders (90 and 30 days) fall in it.
    /// </summary>
    public const int RenewalWindowDays = 180;

    /// <summary>The first day a renewal may be opened; null when the certificate is indefinite or revoked (nothing to renew).</summary>
    public DateOnly? RenewalOpensOn =>
        Status == CertificateStatus.Revoked || ValidUntil is not DateOnly until ? null : until.AddDays(-RenewalWindowDays);

    /// <summary>
    /// Whether a renewal (reassessment) application may be opened on <paramref name="today"/> (the programme's
    /// local day): a fixed-term certificate from <see cref="RenewalWindowDays"/> before its last valid day, and after
    /// it has expired. An indefinite certificate has no end to renew before; a revoked one is over.
    /// </summary>
    public DomainError? RenewalRefusal(DateOnly today) =>
        this switch
        {
            { Status: CertificateStatus.Revoked } => new DomainError(
                "certificate.transition",
                $"Certificate {Number} was revoked; the operator applies anew."
            ),
            { ValidUntil: null } => new DomainError(
                "certificate.transition",
                $"Certificate {Number} is valid indefinitely; there is no end date to renew it before."
            ),
            { RenewalOpensOn: { } opens } when today < opens => new DomainError(
                "certificate.transition",
                $"Certificate {Number} is valid until {ValidUntil:yyyy-MM-dd}; its renewal opens on "
                    + $"{opens:yyyy-MM-dd}, {RenewalWindowDays} days before."
            ),
            _ => null,
        };

    /// <summary>Days until the last valid day (0 on that day); null for indefinite certificates.</summary>
    public int? DaysToExpiry(DateOnly today) => ValidUntil is DateOnly until ? until.DayNumber - today.DayNumber : null;

    private Result<CertificateEvent> Change(
        CertificateStatus status,
        CertificateEventKind kind,
        DateOnly effective,
        string? reason,
        DateTimeOffset now,
        string actor
    )
    {
        Status = status;
        StatusSince = effective;
        StatusReason = reason;
        var e = new CertificateEvent(kind, effective, now, actor, reason);
        Events.Add(e);
        return Result<CertificateEvent>.Ok(e);
    }

    private Result<CertificateEvent> NotAllowed(string verb, string rule) =>
        new DomainError(
            "certificate.transition",
            $"{rule}; certificate {Number} is {Status.ToString().ToLowerInvariant()}, so it cannot be {verb}."
        );
}
