using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

/// <summary>How an officer closes a reviewed self-review or a reassessment.</summary>
public enum MonitoringOutcome
{
    /// <summary>The holder still meets the criteria; nothing more is needed.</summary>
    Confirmed,

    /// <summary>The holder files improvement actions on the application that granted the certificate (ADR 0032).</summary>
    ImprovementPlan,

    /// <summary>The certificate is suspended through the suspension use case, with its audit and status-log event.</summary>
    Suspension,

    /// <summary>
    /// Not an officer's outcome: the certificate was revoked while the reassessment was open, so there is nothing left to
    /// reassess (<see cref="Monitoring.CloseOnRevocation"/>).
    /// </summary>
    CertificateRevoked,
}

public enum ReassessmentKind
{
    /// <summary>Every N years (EU practice for certificates that do not expire).</summary>
    Periodic,

    /// <summary>Opened by an event: a border discrepancy, a suspension, a change of ownership or legal form.</summary>
    Triggered,

    /// <summary>Opened by an officer by hand.</summary>
    Manual,
}

/// <summary>What made a reassessment due.</summary>
public enum TriggerSource
{
    /// <summary>A Red-lane examination ended with a discrepancy for a declaration naming the holder.</summary>
    BorderDiscrepancy,

    /// <summary>The certificate was suspended.</summary>
    Suspension,

    /// <summary>The holder reported a change of ownership or legal form in its self-review.</summary>
    SelfReview,

    /// <summary>A change of the operator's legal name or form was recorded in the registry.</summary>
    Registry,

    /// <summary>An officer opened it by hand.</summary>
    Officer,

    /// <summary>The periodic cycle came round (the certification jobs open it ahead of its due day).</summary>
    Periodic,
}

/// <summary>One reason a reassessment is due: what, where it came from (a declaration, a review…), and when.</summary>
public sealed record MonitoringTrigger(TriggerSource Source, string Reason, string Reference, DateOnly On, string RecordedBy);

/// <summary>One answer of a self-review: did it change since the last review, and if so how.</summary>
public sealed record ChangeAnswer(bool Changed, string? Details);

/// <summary>
/// The questions of the annual self-review (changes since the last one) and the declaration that the answers are true.
/// </summary>
public sealed record SelfReviewAnswers(
    ChangeAnswer Premises,
    ChangeAnswer Ownership,
    ChangeAnswer Partners,
    ChangeAnswer Incidents,
    ChangeAnswer Other,
    bool Declared
)
{
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new List<DomainError>();
        foreach (var (answer, field, what) in Questions())
        {
            if (answer.Changed && string.IsNullOrWhiteSpace(answer.Details))
            {
                errors.Add(new("self-review.details", $"Say what changed: {what}.", field));
            }
        }

        if (!Declared)
        {
            errors.Add(new("self-review.declaration", "Declare that the answers are true and complete.", "declared"));
        }

        return errors;
    }

    /// <summary>A change of ownership or legal form makes a reassessment due: the certificate was granted to someone else.</summary>
    public bool ChangesTheHolder => Ownership.Changed;

    public int ChangeCount => Questions().Count(q => q.Answer.Changed);

    public IEnumerable<(ChangeAnswer Answer, string Field, string What)> Questions()
    {
        yield return (Premises, "premises", "premises (sites opened, closed or moved)");
        yield return (Ownership, "ownership", "ownership or legal form");
        yield return (Partners, "partners", "key business partners");
        yield return (Incidents, "incidents", "security incidents");
        yield return (Other, "other", "other changes");
    }
}

/// <summary>
/// The holder's annual self-review: the certificate year it covers (ending on <see cref="DueOn"/>), the answers, and the
/// officer's outcome.
/// </summary>
public sealed class SelfReview
{
    private SelfReview() { }

    public int Id { get; private set; }

    public int CertificateId { get; private set; }

    /// <summary>The anniversary that ends the certificate year this review covers.</summary>
    public DateOnly DueOn { get; private set; }

    public DateOnly SubmittedOn { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public string SubmittedBy { get; private set; } = "";

    public bool PremisesChanged { get; private set; }

    public string? PremisesDetails { get; private set; }

    public bool OwnershipChanged { get; private set; }

    public string? OwnershipDetails { get; private set; }

    public bool PartnersChanged { get; private set; }

    public string? PartnersDetails { get; private set; }

    public bool IncidentsReported { get; private set; }

    public string? IncidentsDetails { get; private set; }

    public bool OtherChanged { get; private set; }

    public string? OtherDetails { get; private set; }

    public MonitoringOutcome? Outcome { get; private set; }

    public string? OutcomeReason { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public SelfReviewAnswers Answers =>
        new(
            new(PremisesChanged, PremisesDetails),
            new(OwnershipChanged, OwnershipDetails),
            new(PartnersChanged, PartnersDetails),
            new(IncidentsReported, IncidentsDetails),
            new(OtherChanged, OtherDetails),
            true
        );

    /// <summary>
    /// The holder's review of the certificate year that is due next (<see cref="Monitoring.NextSelfReviewDue"/>). It may be
    /// done any day of that year: a trader that reports early is not made to wait; the window only sets the reminders.
    /// </summary>
    /// <param name="monitoredFrom">The local day the certificate was recorded in OpenAeo (the grant, or the import of an existing
    /// register): years before it are not asked for.</param>
    public static Result<SelfReview> Submit(
        Certificate certificate,
        DateOnly? lastCovered,
        DateOnly monitoredFrom,
        SelfReviewAnswers answers,
        DateOnly today,
        DateTimeOffset now,
        string actor
    )
    {
        if (certificate.Status is not (CertificateStatus.Active or CertificateStatus.Suspended))
        {
            return new DomainError(
                "self-review.closed",
                $"Certificate {certificate.Number} is {certificate.Status.ToString().ToLowerInvariant()}; it has no self-reviews any more."
            );
        }

        var due = Monitoring.NextSelfReviewDue(certificate.ValidFrom, lastCovered ?? monitoredFrom.AddDays(-1));
        var opens = Monitoring.CertificateYearStart(certificate.ValidFrom, due);
        if (today < opens)
        {
            return new DomainError(
                "self-review.not-open",
                $"The self-review of the certificate year ending {due:yyyy-MM-dd} can be done from "
                    + $"{opens:yyyy-MM-dd}; this year's review is done."
            );
        }

        if (answers.Validate() is { Count: > 0 } errors)
        {
            return Result<SelfReview>.Fail(errors);
        }

        static string? Clean(ChangeAnswer a) => a.Changed ? a.Details!.Trim() : null;
        return Result<SelfReview>.Ok(
            new SelfReview
            {
                CertificateId = certificate.Id,
                DueOn = due,
                SubmittedOn = today,
                SubmittedAt = now,
                SubmittedBy = actor,
                PremisesChanged = answers.Premises.Changed,
                PremisesDetails = Clean(answers.Premises),
                OwnershipChanged = answers.Ownership.Changed,
                OwnershipDetails = Clean(answers.Ownership),
                PartnersChanged = answers.Partners.Changed,
                PartnersDetails = Clean(answers.Partners),
                IncidentsReported = answers.Incidents.Changed,
                IncidentsDetails = Clean(answers.Incidents),
                OtherChanged = answers.Other.Changed,
                OtherDetails = Clean(answers.Other),
            }
        );
    }

    public DomainError? Decide(MonitoringOutcome outcome, string? reason, DateTimeOffset now, string officer)
    {
        if (Outcome is { } decided)
        {
            return new DomainError("monitoring.decided", $"This self-review was already reviewed ({decided}) by {DecidedBy}.");
        }

        if (Monitoring.OutcomeRefusal(outcome, reason) is { } refused)
        {
            return refused;
        }

        (Outcome, OutcomeReason, DecidedBy, DecidedAt) = (outcome, reason!.Trim(), officer, now);
        return null;
    }
}

/// <summary>
/// A reassessment of a certificate's holder: periodic, triggered by events (each recorded with its reason and source), or
/// opened by hand; due by a business day, and closed by an officer's outcome.
/// </summary>
public sealed class Reassessment
{
    private Reassessment() { }

    public int Id { get; private set; }

    public int CertificateId { get; private set; }

    public ReassessmentKind Kind { get; private set; }

    public DateOnly OpenedOn { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateOnly DueOn { get; private set; }

    public List<MonitoringTrigger> Triggers { get; private set; } = [];

    public MonitoringOutcome? Outcome { get; private set; }

    public string? OutcomeReason { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    public bool IsOpen => Outcome is null;

    public static Reassessment Open(
        int certificateId,
        ReassessmentKind kind,
        DateOnly dueOn,
        MonitoringTrigger trigger,
        DateTimeOffset now
    ) =>
        new()
        {
            CertificateId = certificateId,
            Kind = kind,
            OpenedOn = trigger.On,
            OpenedAt = now,
            DueOn = dueOn,
            Triggers = [trigger],
        };

    /// <summary>A further reason for the open reassessment; it becomes due by the earlier of the two days.</summary>
    public void Add(MonitoringTrigger trigger, DateOnly dueOn)
    {
        Triggers = [.. Triggers, trigger];
        if (dueOn < DueOn)
        {
            DueOn = dueOn;
        }
    }

    public DomainError? Decide(MonitoringOutcome outcome, string? reason, DateOnly today, DateTimeOffset now, string officer)
    {
        if (Outcome is { } decided)
        {
            return new DomainError("monitoring.decided", $"This reassessment was already completed ({decided}) by {DecidedBy}.");
        }

        if (Monitoring.OutcomeRefusal(outcome, reason) is { } refused)
        {
            return refused;
        }

        (Outcome, OutcomeReason, DecidedBy, DecidedAt, DecidedOn) = (outcome, reason!.Trim(), officer, now, today);
        return null;
    }

    internal void CloseAsRevoked(string reason, DateOnly today, DateTimeOffset now, string officer) =>
        (Outcome, OutcomeReason, DecidedBy, DecidedAt, DecidedOn) = (MonitoringOutcome.CertificateRevoked, reason, officer, now, today);
}

/// <summary>Where a certificate's monitoring stands on a day: the next self-review and the next or open reassessment.</summary>
/// <param name="SelfReviewDue">The anniversary that ends the certificate year not yet reviewed; null when the certificate is no longer
/// monitored.</param>
/// <param name="SelfReviewRemindFrom">The first day of the reminder window before it.</param>
/// <param name="PeriodicReassessmentDue">The next periodic reassessment (a business day); null when the programme has none or the
/// certificate ends first.</param>
public sealed record MonitoringPlan(
    DateOnly? SelfReviewDue,
    DateOnly? SelfReviewRemindFrom,
    DateOnly? SelfReviewOpensOn,
    DateOnly? PeriodicReassessmentDue,
    DateOnly? OpenReassessmentDue
)
{
    public bool SelfReviewInWindow(DateOnly today) => SelfReviewRemindFrom is { } from && today >= from;

    public bool SelfReviewOverdue(DateOnly today) => SelfReviewDue is { } due && today > due;

    public bool ReassessmentOverdue(DateOnly today) => OpenReassessmentDue is { } due && today > due;
}

/// <summary>The pure rules of monitoring after the grant (ADR 0040).</summary>
public static class Monitoring
{
    /// <summary>Days before a periodic reassessment is due on which the job opens it, so the visit can be planned.</summary>
    public const int PeriodicOpensDaysBefore = 90;

    /// <summary>
    /// The <paramref name="years"/>-th anniversary of <paramref name="from"/>; 29 February falls on 1 March in a common
    /// year, as the certificate's validity does (<see cref="ValidityPolicy.ValidUntil"/>).
    /// </summary>
    public static DateOnly Anniversary(DateOnly from, int years)
    {
        var day = from.AddYears(years);
        return from is { Month: 2, Day: 29 } && day.Day == 28 ? day.AddDays(1) : day;
    }

    /// <summary>The first anniversary after <paramref name="lastCovered"/> (the due day of the last review, or the day before monitoring
    /// began).</summary>
    public static DateOnly NextSelfReviewDue(DateOnly validFrom, DateOnly? lastCovered)
    {
        for (var k = 1; ; k++)
        {
            var day = Anniversary(validFrom, k);
            if (lastCovered is not { } covered || day > covered)
            {
                return day;
            }
        }
    }

    /// <summary>The first day of the certificate year that ends on <paramref name="due"/>: the previous anniversary, or the
    /// grant.</summary>
    public static DateOnly CertificateYearStart(DateOnly validFrom, DateOnly due)
    {
        var start = validFrom;
        for (var k = 1; Anniversary(validFrom, k) < due; k++)
        {
            start = Anniversary(validFrom, k);
        }

        return start;
    }

    /// <summary>The next business day on or after <paramref name="day"/>: a reassessment is work in the office and at the
    /// premises.</summary>
    public static DateOnly OnBusinessDay(DateOnly day, BusinessCalendar calendar)
    {
        while (!calendar.IsBusinessDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>
    /// The next periodic reassessment: N years after the last completed reassessment, else the first N-year anniversary of
    /// the grant on or after the day monitoring began (an imported certificate is not reassessed for the years before it
    /// was recorded), moved to a business day; none when the programme sets none or a fixed-term certificate ends first
    /// (its renewal is the reassessment).
    /// </summary>
    public static DateOnly? PeriodicDue(
        DateOnly validFrom,
        DateOnly? validUntil,
        DateOnly? lastReassessedOn,
        DateOnly monitoredFrom,
        MonitoringPolicy policy,
        BusinessCalendar calendar
    )
    {
        if (policy.ReassessmentYears <= 0)
        {
            return null;
        }

        var cycle = lastReassessedOn is { } last
            ? Anniversary(last, policy.ReassessmentYears)
            : Anniversary(validFrom, policy.ReassessmentYears);
        for (var k = 2; lastReassessedOn is null && cycle < monitoredFrom; k++)
        {
            cycle = Anniversary(validFrom, k * policy.ReassessmentYears);
        }

        var due = OnBusinessDay(cycle, calendar);
        return validUntil is { } until && due > until ? null : due;
    }

    /// <summary>The business day by which an event-triggered reassessment is due (the day of the event not counted).</summary>
    public static DateOnly TriggeredDue(DateOnly on, MonitoringPolicy policy, BusinessCalendar calendar) =>
        calendar.AddBusinessDays(on, policy.TriggeredReassessmentDays);

    public static bool Monitored(Certificate certificate) => certificate.Status is CertificateStatus.Active or CertificateStatus.Suspended;

    public static MonitoringPlan Plan(
        Certificate certificate,
        DateOnly monitoredFrom,
        DateOnly? lastCovered,
        DateOnly? lastReassessedOn,
        Reassessment? open,
        MonitoringPolicy policy,
        BusinessCalendar calendar
    )
    {
        if (!Monitored(certificate))
        {
            return new MonitoringPlan(null, null, null, null, open?.DueOn);
        }

        var due = NextSelfReviewDue(certificate.ValidFrom, lastCovered ?? monitoredFrom.AddDays(-1));
        return new MonitoringPlan(
            due,
            due.AddDays(-policy.SelfReviewWindowDays),
            CertificateYearStart(certificate.ValidFrom, due),
            PeriodicDue(certificate.ValidFrom, certificate.ValidUntil, lastReassessedOn, monitoredFrom, policy, calendar),
            open?.DueOn
        );
    }

    /// <summary>
    /// Records a reason for a reassessment: adds it to the open one (due by the earlier day) or opens a new one. Null when
    /// the certificate is no longer monitored (a discrepancy of a revoked holder changes nothing here).
    /// </summary>
    public static Reassessment? Trigger(
        Certificate certificate,
        Reassessment? open,
        ReassessmentKind kind,
        MonitoringTrigger trigger,
        DateOnly dueOn,
        DateTimeOffset now
    )
    {
        if (!Monitored(certificate))
        {
            return null;
        }

        if (open is not null)
        {
            open.Add(trigger, dueOn);
            return open;
        }

        return Reassessment.Open(certificate.Id, kind, dueOn, trigger, now);
    }

    /// <summary>Why an officer may not open a reassessment by hand as asked: it needs a reason, and a due day after the programme's
    /// today.</summary>
    public static DomainError? ManualRefusal(string? reason, DateOnly? dueOn, DateOnly today) =>
        string.IsNullOrWhiteSpace(reason) ? new DomainError("reassessment.reason", "Say why the holder is reassessed.", "reason")
        : dueOn is { } due && due <= today
            ? new DomainError("reassessment.due", $"A reassessment is due after today ({today:yyyy-MM-dd}).", "dueOn")
        : null;

    /// <summary>The outcomes an officer chooses from; <see cref="MonitoringOutcome.CertificateRevoked"/> is only the
    /// revocation's.</summary>
    public static IReadOnlyList<MonitoringOutcome> OfficerOutcomes { get; } =
    [MonitoringOutcome.Confirmed, MonitoringOutcome.ImprovementPlan, MonitoringOutcome.Suspension];

    public static DomainError? OutcomeRefusal(MonitoringOutcome outcome, string? reason) =>
        !OfficerOutcomes.Contains(outcome)
            ? new DomainError("monitoring.outcome", "The outcome is Confirmed, ImprovementPlan or Suspension.", "outcome")
        : string.IsNullOrWhiteSpace(reason) ? new DomainError("monitoring.reason", "An outcome states its reasons.", "reason")
        : null;

    /// <summary>
    /// A revocation closes the certificate's open reassessment on the programme's local day of the revocation, with the
    /// revocation as its reason: a revoked holder is not reassessed, and an open item would stay in the officers' queue
    /// for ever. Null when the certificate is not revoked or nothing is open (nothing to close).
    /// </summary>
    public static Reassessment? CloseOnRevocation(
        Certificate certificate,
        Reassessment? open,
        DateOnly today,
        DateTimeOffset now,
        string officer
    )
    {
        if (certificate.Status != CertificateStatus.Revoked || open is not { IsOpen: true })
        {
            return null;
        }

        open.CloseAsRevoked($"Closed: certificate {certificate.Number} revoked on {today:yyyy-MM-dd}.", today, now, officer);
        return open;
    }

    /// <summary>The improvement actions of a monitoring outcome are keyed <c>self-review:{id}</c> or <c>reassessment:{id}</c>.</summary>
    public static string ImprovementKey(bool selfReview, int id) => $"{(selfReview ? "self-review" : "reassessment")}:{id}";
}
