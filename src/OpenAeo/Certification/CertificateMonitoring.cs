using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record ChangeAnswerResponse(bool Changed, string? Details);

public sealed record SelfReviewResponse(
    int Id,
    DateOnly DueOn,
    DateOnly SubmittedOn,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    ChangeAnswerResponse Premises,
    ChangeAnswerResponse Ownership,
    ChangeAnswerResponse Partners,
    ChangeAnswerResponse Incidents,
    ChangeAnswerResponse Other,
    string? Outcome,
    string? OutcomeReason,
    string? DecidedBy,
    DateTimeOffset? DecidedAt
);

public sealed record MonitoringTriggerResponse(string Source, string Reason, string Reference, DateOnly On, string RecordedBy);

public sealed record ReassessmentResponse(
    int Id,
    string Kind,
    DateOnly OpenedOn,
    DateOnly DueOn,
    bool Overdue,
    IReadOnlyList<MonitoringTriggerResponse> Triggers,
    string? Outcome,
    string? OutcomeReason,
    string? DecidedBy,
    DateOnly? DecidedOn
);

/// <summary>A certificate's monitoring plan on the programme's local day, with its self-reviews and reassessments, newest first.</summary>
/// <param name="SelfReviewOpensOn">The first day the next self-review can be done (the start of the certificate year it covers).</param>
/// <param name="SelfReviewRemindFrom">The day the reminder goes out and the review shows as due (the programme's window before the
/// anniversary).</param>
public sealed record MonitoringResponse(
    int CertificateId,
    string Number,
    string Status,
    DateOnly Today,
    DateOnly? SelfReviewDue,
    DateOnly? SelfReviewOpensOn,
    DateOnly? SelfReviewRemindFrom,
    bool SelfReviewOverdue,
    DateOnly? PeriodicReassessmentDue,
    ReassessmentResponse? OpenReassessment,
    int SelfReviewWindowDays,
    int ReassessmentYears,
    int TriggeredReassessmentDays,
    IReadOnlyList<SelfReviewResponse> SelfReviews,
    IReadOnlyList<ReassessmentResponse> Reassessments
);

/// <summary>
/// What the monitoring use cases share: a certificate's reviews and reassessments as the plan sees them, and the one way a
/// reassessment is triggered (from the border, a suspension, a self-review, the registry, an officer or the periodic cycle).
/// </summary>
internal static class CertificateMonitoring
{
    public sealed record Loaded(
        Certificate Certificate,
        Programme Programme,
        List<SelfReview> Reviews,
        List<Reassessment> Reassessments,
        DateOnly Today
    )
    {
        public Reassessment? Open => Reassessments.FirstOrDefault(r => r.IsOpen);

        public DateOnly? LastCovered => Reviews.Count == 0 ? null : Reviews.Max(r => r.DueOn);

        public DateOnly? LastReassessedOn => Reassessments.Where(r => r.DecidedOn is not null).Max(r => r.DecidedOn);

        /// <summary>The local day OpenAeo began to monitor the certificate: its grant, or the import of the register it came
        /// from.</summary>
        public DateOnly MonitoredFrom
        {
            get
            {
                var recorded = ApplicationContext.LocalToday(Programme, Certificate.IssuedAt);
                return recorded > Certificate.ValidFrom ? recorded : Certificate.ValidFrom;
            }
        }

        public MonitoringPlan Plan =>
            Monitoring.Plan(Certificate, MonitoredFrom, LastCovered, LastReassessedOn, Open, Programme.Monitoring, Programme.Calendar);
    }

    public static async Task<Loaded> Load(OpenAeoDb db, Certificate certificate, DateTimeOffset now, CancellationToken ct)
    {
        var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == certificate.ProgrammeCode, ct);
        var reviews = await db.SelfReviews().Where(r => r.CertificateId == certificate.Id).ToListAsync(ct);
        var reassessments = await db.Reassessments().Where(r => r.CertificateId == certificate.Id).ToListAsync(ct);
        return new Loaded(certificate, programme, reviews, reassessments, ApplicationContext.LocalToday(programme, now));
    }

    /// <summary>Every certificate under monitoring (active or suspended) with its reviews and reassessments, for the queue
    /// (<paramref name="tracked"/> false) and the jobs, which change what they load.</summary>
    public static async Task<List<Loaded>> LoadAllAsync(
        OpenAeoDb db,
        IReadOnlyDictionary<string, Programme> programmes,
        DateTimeOffset now,
        bool tracked,
        CancellationToken ct
    )
    {
        var monitored = db.Certificates().Where(c => c.Status == CertificateStatus.Active || c.Status == CertificateStatus.Suspended);
        var certificates = await (tracked ? monitored : monitored.AsNoTracking()).ToListAsync(ct);
        var reviews = (await db.SelfReviews().AsNoTracking().ToListAsync(ct)).ToLookup(r => r.CertificateId);
        var reassessments = (await (tracked ? db.Reassessments() : db.Reassessments().AsNoTracking()).ToListAsync(ct)).ToLookup(r =>
            r.CertificateId
        );
        return
        [
            .. certificates.Select(c =>
            {
                var programme = programmes[c.ProgrammeCode];
                return new Loaded(
                    c,
                    programme,
                    [.. reviews[c.Id]],
                    [.. reassessments[c.Id]],
                    ApplicationContext.LocalToday(programme, now)
                );
            }),
        ];
    }

    /// <summary>Saves the unit of work and answers with the plan as it now stands; a concurrent change (ADR 0019) saves nothing and says
    /// so.</summary>
    public static async Task<Result<MonitoringResponse>> SaveAndDescribe(
        OpenAeoDb db,
        Certificate certificate,
        DateTimeOffset now,
        DomainError onRace,
        CancellationToken ct
    )
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException x) when (DatabaseConflicts.Classify(x) is RaceLoss.Duplicate or RaceLoss.Changed)
        {
            db.ChangeTracker.Clear();
            return onRace;
        }

        return Result<MonitoringResponse>.Ok(Describe(await Load(db, certificate, now, ct)));
    }

    public static MonitoringResponse Describe(Loaded m)
    {
        var plan = m.Plan;
        var c = m.Certificate;
        var policy = m.Programme.Monitoring;
        return new MonitoringResponse(
            c.Id,
            c.Number,
            c.Status.ToString(),
            m.Today,
            plan.SelfReviewDue,
            plan.SelfReviewOpensOn,
            plan.SelfReviewRemindFrom,
            plan.SelfReviewOverdue(m.Today),
            plan.PeriodicReassessmentDue,
            m.Open is { } open ? Describe(open, m.Today) : null,
            policy.SelfReviewWindowDays,
            policy.ReassessmentYears,
            policy.TriggeredReassessmentDays,
            [.. m.Reviews.OrderByDescending(r => r.DueOn).Select(Describe)],
            [.. m.Reassessments.OrderByDescending(r => r.OpenedAt).ThenByDescending(r => r.Id).Select(r => Describe(r, m.Today))]
        );
    }

    public static SelfReviewResponse Describe(SelfReview r)
    {
        var a = r.Answers;
        static ChangeAnswerResponse Of(ChangeAnswer x) => new(x.Changed, x.Details);
        return new SelfReviewResponse(
            r.Id,
            r.DueOn,
            r.SubmittedOn,
            r.SubmittedAt,
            r.SubmittedBy,
            Of(a.Premises),
            Of(a.Ownership),
            Of(a.Partners),
            Of(a.Incidents),
            Of(a.Other),
            r.Outcome?.ToString(),
            r.OutcomeReason,
            r.DecidedBy,
            r.DecidedAt
        );
    }

    public static ReassessmentResponse Describe(Reassessment r, DateOnly today) =>
        new(
            r.Id,
            r.Kind.ToString(),
            r.OpenedOn,
            r.DueOn,
            r.IsOpen && today > r.DueOn,
            [.. r.Triggers.Select(t => new MonitoringTriggerResponse(t.Source.ToString(), t.Reason, t.Reference, t.On, t.RecordedBy))],
            r.Outcome?.ToString(),
            r.OutcomeReason,
            r.DecidedBy,
            r.DecidedOn
        );

    /// <summary>
    /// Records a reason for reassessing the holder of each monitored certificate of <paramref name="tin"/>, in the caller's
    /// unit of work (the caller saves): joins the open reassessment or opens one due within the programme's business days.
    /// Clearance calls this when a Red-lane examination finds a discrepancy, in the same transaction as the result.
    /// </summary>
    /// <returns>The certificates whose reassessment the trigger opened or joined.</returns>
    public static async Task<IReadOnlyList<string>> TriggerForHolder(
        OpenAeoDb db,
        string tin,
        TriggerSource source,
        string reason,
        string reference,
        DateTimeOffset now,
        string actor,
        CancellationToken ct
    )
    {
        var holder = Tin.FromTrusted(tin);
        var certificates = await db.Certificates()
            .Where(c => c.OperatorTin == holder && (c.Status == CertificateStatus.Active || c.Status == CertificateStatus.Suspended))
            .ToListAsync(ct);
        var touched = new List<string>();
        foreach (var certificate in certificates)
        {
            if (await Trigger(db, certificate, ReassessmentKind.Triggered, source, reason, reference, now, actor, ct) is not null)
            {
                touched.Add(certificate.Number);
            }
        }

        return touched;
    }

    /// <summary>One certificate's trigger (see <see cref="TriggerForHolder"/>); the caller saves.</summary>
    public static async Task<Reassessment?> Trigger(
        OpenAeoDb db,
        Certificate certificate,
        ReassessmentKind kind,
        TriggerSource source,
        string reason,
        string reference,
        DateTimeOffset now,
        string actor,
        CancellationToken ct,
        DateOnly? dueOn = null
    )
    {
        var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == certificate.ProgrammeCode, ct);
        var today = ApplicationContext.LocalToday(programme, now);
        // An open reassessment added in this unit of work (two triggers in one request) is found among the tracked ones first.
        var open = db.Reassessments().Local.FirstOrDefault(r => r.CertificateId == certificate.Id && r.IsOpen)
            ?? await db.Reassessments().FirstOrDefaultAsync(r => r.CertificateId == certificate.Id && r.Outcome == null, ct);
        var trigger = new MonitoringTrigger(source, reason, reference, today, actor);
        var due = dueOn ?? Monitoring.TriggeredDue(today, programme.Monitoring, programme.Calendar);
        var opened = open is null;
        var reassessment = Monitoring.Trigger(certificate, open, kind, trigger, due, now);
        if (reassessment is null)
        {
            return null;
        }

        if (opened)
        {
            db.Reassessments().Add(reassessment);
        }

        db.Audit(
            now,
            actor,
            opened ? "reassessment.opened" : "reassessment.triggered",
            $"certificate:{certificate.Number}",
            reason,
            new
            {
                kind = reassessment.Kind.ToString(),
                source = source.ToString(),
                reference,
                dueOn = reassessment.DueOn,
            }
        );
        await db.NotifyOnceAsync(
            Notification.Create(
                Notification.ForOperator(certificate.OperatorTin.Value),
                $"reassessment:{certificate.Number}:{source}:{reference}:{now.UtcTicks}",
                $"Certificate {certificate.Number}: reassessment due by {reassessment.DueOn:yyyy-MM-dd}",
                $"{Words(source)}: {reason}",
                $"/certificates/{certificate.Id}",
                now,
                NotificationKind.Notices
            ),
            ct
        );
        return reassessment;
    }

    /// <summary>The officers told about a certificate's monitoring: the account manager of the application that granted it, else the
    /// programme officers.</summary>
    public static async Task<IReadOnlyList<string>> OfficersOf(OpenAeoDb db, Certificate certificate, CancellationToken ct)
    {
        var manager = certificate.ApplicationId is int id
            ? await db.Applications().AsNoTracking().Where(a => a.Id == id).Select(a => a.AccountManager).SingleOrDefaultAsync(ct)
            : null;
        return manager is not null
            ? [manager]
            : await db.Users()
                .AsNoTracking()
                .Where(u => u.Role == Role.ProgrammeOfficer)
                .OrderBy(u => u.Name)
                .Select(u => u.Name)
                .ToListAsync(ct);
    }

    public static string Words(TriggerSource source) =>
        source switch
        {
            TriggerSource.BorderDiscrepancy => "A discrepancy was found at a Red-lane examination",
            TriggerSource.Suspension => "The certificate was suspended",
            TriggerSource.SelfReview => "A change of ownership or legal form was reported in the self-review",
            TriggerSource.Registry => "A change of the operator's legal name was recorded in the registry",
            TriggerSource.Periodic => "The periodic reassessment is due",
            _ => "Customs opened a reassessment",
        };
}
