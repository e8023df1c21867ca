using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

/// <summary>
/// An operator's application for AEO status under one programme and track. Its state changes only through
/// <see cref="Apply"/>, with a decision from <see cref="ApplicationWorkflow"/>; every change is kept as an
/// <see cref="ApplicationEvent"/> (who, when, why, and whether the SLA clock runs).
/// </summary>
public sealed class AeoApplication
{
    private AeoApplication() { }

    public int Id { get; private set; }

    /// <summary>Human reference, e.g. <c>TW-2026-000042</c>.</summary>
    public string Reference { get; private set; } = "";

    public string ProgrammeCode { get; private set; } = "";

    public Tin OperatorTin { get; private set; }

    public Track Track { get; private set; }

    public int CriteriaPackId { get; private set; }

    public ApplicationState State { get; private set; }

    public ApplicationState? ResumeTo { get; private set; }

    public Side? PauseProposedBy { get; private set; }

    public DateOnly? PauseProposedResumeBy { get; private set; }

    public string? PauseProposalReason { get; private set; }

    public DateOnly? AgreedResumeBy { get; private set; }

    /// <summary>The customs official who is the applicant's named contact (a user name).</summary>
    public string? AccountManager { get; private set; }

    /// <summary>An SME association that asked for consultation on the operator's behalf.</summary>
    public string? OnBehalfOf { get; private set; }

    /// <summary>The supply chain whose master sponsors this application, sharing its evidence.</summary>
    public int? SponsorChainId { get; private set; }

    /// <summary>For a renewal or reassessment, the certificate being renewed.</summary>
    public int? RenewalOfCertificateId { get; private set; }

    public bool InformationEverRequested { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public int? CertificateId { get; private set; }

    /// <summary>Coded reasons of a rejection (programme-editable codes) and the officer's text.</summary>
    public List<string> RejectionCodes { get; private set; } = [];

    public string? DecisionText { get; private set; }

    public List<ApplicationEvent> Events { get; private set; } = [];

    // The notice of intent to reject (the right to be heard) while IntentToReject, kept after the decision it led to.
    public ApplicationState? HearingReturnTo { get; private set; }

    public DateOnly? NoticeIssuedOn { get; private set; }

    /// <summary>The last local day of the response period.</summary>
    public DateOnly? NoticeRespondBy { get; private set; }

    /// <summary>The programme's rejection reason codes the notice states, and its text.</summary>
    public List<string> NoticeCodes { get; private set; } = [];

    public string? NoticeText { get; private set; }

    public string? NoticeResponse { get; private set; }

    /// <summary>Documents of the application the applicant attached to its response.</summary>
    public List<int> NoticeResponseDocuments { get; private set; } = [];

    public DateTimeOffset? NoticeRespondedAt { get; private set; }

    // A grant or rejection prepared by one officer, waiting for a second one (four eyes), with what it will record.
    public ApplicationAction? PreparedAction { get; private set; }

    public string? PreparedBy { get; private set; }

    public DateTimeOffset? PreparedAt { get; private set; }

    public DateOnly? PreparedFollowUpBy { get; private set; }

    public string? PreparedTier { get; private set; }

    public string? PreparedCertificateNumber { get; private set; }

    public DateOnly? PreparedValidFrom { get; private set; }

    public string? PreparedText { get; private set; }

    public List<string> PreparedCodes { get; private set; } = [];

    /// <summary>The officer who approved the decision under four eyes (the preparer is in <see cref="DecidedPreparedBy"/>).</summary>
    public string? ApprovedBy { get; private set; }

    public string? DecidedPreparedBy { get; private set; }

    public Hearing? Hearing =>
        State == ApplicationState.IntentToReject && HearingReturnTo is { } back && NoticeIssuedOn is { } on && NoticeRespondBy is { } by
            ? new Hearing(back, on, by, NoticeRespondedAt is not null)
            : null;

    public PreparedDecision? PendingDecision =>
        PreparedAction is { } action && PreparedBy is { } by ? new PreparedDecision(action, by, PreparedFollowUpBy) : null;

    public PauseProposal? PendingPause =>
        PauseProposedBy is Side side && PauseProposedResumeBy is DateOnly date
            ? new PauseProposal(side, date, PauseProposalReason ?? "")
            : null;

    public static Result<AeoApplication> Start(
        string reference,
        Programme programme,
        Operator applicant,
        Track track,
        int criteriaPackId,
        int? sponsorChainId,
        int? renewalOf,
        DateTimeOffset now,
        DateOnly today,
        string actor
    )
    {
        if (programme.EconomyCode != applicant.EconomyCode)
        {
            return new DomainError(
                "application.programme",
                $"{applicant.Tin} is established in {applicant.EconomyCode}; it applies to that economy's programme, not {programme.Code}.",
                "programme"
            );
        }

        if (programme.Status != ProgrammeStatus.Operational)
        {
            return new DomainError("application.programme", $"{programme.Name} is not operational yet.", "programme");
        }

        var tracks = track switch
        {
            Track.Sme => Tracks.Sme,
            Track.Ecommerce => Tracks.Ecommerce,
            _ => Tracks.Standard,
        };
        if (!programme.Tracks.HasFlag(tracks))
        {
            return new DomainError("application.track", $"{programme.Name} does not offer the {track} track.", "track");
        }

        if (track == Track.Sme && applicant.SmeClass(programme.SmeDefinition) != SmeClass.Sme)
        {
            return new DomainError(
                "application.track",
                $"The SME track is for operators the programme counts as SMEs ({programme.SmeDefinition}); declare "
                    + "the number of employees first, or use the Standard track.",
                "track"
            );
        }

        if (track == Track.Ecommerce && (applicant.Roles & (OperatorRoles.EcommercePlatform | OperatorRoles.EcommerceMerchant)) == 0)
        {
            return new DomainError("application.track", "The e-commerce track is for e-commerce platforms and merchants.", "track");
        }

        if (programme.EligibleRoles != OperatorRoles.None && (applicant.Roles & programme.EligibleRoles) == 0)
        {
            return new DomainError(
                "application.roles",
                $"{programme.Name} certifies only {OperatorRoleNames.Format(programme.EligibleRoles, ", ")}.",
                "operator"
            );
        }

        var application = new AeoApplication
        {
            Reference = reference,
            ProgrammeCode = programme.Code,
            OperatorTin = applicant.Tin,
            Track = track,
            CriteriaPackId = criteriaPackId,
            State = ApplicationState.Draft,
            SponsorChainId = sponsorChainId,
            RenewalOfCertificateId = renewalOf,
            CreatedAt = now,
            UpdatedAt = now,
        };
        application.Events.Add(
            new ApplicationEvent(
                now,
                today,
                actor,
                Side.Applicant,
                "Started",
                null,
                ApplicationState.Draft,
                false,
                renewalOf is null ? null : "renewal"
            )
        );
        return Result<AeoApplication>.Ok(application);
    }

    public ApplicationStatus Status(
        int openInformationRequests,
        int readinessGaps,
        IReadOnlyList<string>? blockingFindings = null,
        IReadOnlyList<string>? awaitingAgencies = null
    ) =>
        new(
            State,
            ResumeTo,
            PendingPause,
            AgreedResumeBy,
            openInformationRequests,
            readinessGaps,
            Hearing,
            PendingDecision,
            blockingFindings,
            awaitingAgencies
        );

    /// <summary>Records a decision of the workflow as the new state and an event.</summary>
    public ApplicationEvent Apply(
        ApplicationCommand command,
        ApplicationDecision decision,
        DateTimeOffset now,
        string actor,
        string? details = null
    )
    {
        var from = State;
        var next = decision.Next;
        State = next.State;
        ResumeTo = next.ResumeTo;
        AgreedResumeBy = next.AgreedResumeBy;
        PauseProposedBy = next.PendingPause?.ProposedBy;
        PauseProposedResumeBy = next.PendingPause?.ResumeBy;
        PauseProposalReason = next.PendingPause?.Reason;
        InformationEverRequested |= command.Action == ApplicationAction.RequestInformation;
        if (next.Hearing is { } hearing)
        {
            (HearingReturnTo, NoticeIssuedOn, NoticeRespondBy) = (hearing.ReturnTo, hearing.IssuedOn, hearing.RespondBy);
        }
        else if (command.Action == ApplicationAction.WithdrawNotice)
        {
            // A withdrawn notice is over; its text stays in the events and the audit trail.
            (
                HearingReturnTo,
                NoticeIssuedOn,
                NoticeRespondBy,
                NoticeCodes,
                NoticeText,
                NoticeResponse,
                NoticeResponseDocuments,
                NoticeRespondedAt
            ) = (null, null, null, [], null, null, [], null);
        }

        if (decision.Decided is not null && command.Action == ApplicationAction.ApproveDecision)
        {
            (DecidedPreparedBy, ApprovedBy) = (PreparedBy, command.Actor);
        }

        if (next.PendingDecision is { } prepared)
        {
            (PreparedAction, PreparedBy, PreparedFollowUpBy) = (prepared.Action, prepared.PreparedBy, prepared.FollowUpBy);
            PreparedAt ??= now;
        }
        else
        {
            (
                PreparedAction,
                PreparedBy,
                PreparedAt,
                PreparedFollowUpBy,
                PreparedTier,
                PreparedCertificateNumber,
                PreparedValidFrom,
                PreparedText,
                PreparedCodes
            ) = (null, null, null, null, null, null, null, null, []);
        }

        UpdatedAt = now;
        if (command.Action == ApplicationAction.Submit)
        {
            SubmittedAt = now;
        }

        if (!ApplicationWorkflow.IsOpen(State))
        {
            DecidedAt = now;
        }

        var e = new ApplicationEvent(
            now,
            command.Today,
            actor,
            command.Side,
            command.Action.ToString(),
            from,
            State,
            decision.ClockRuns,
            command.Reason,
            details
        );
        Events.Add(e);
        return e;
    }

    /// <summary>What a notice of intent states: the programme's reason codes and the officer's words.</summary>
    public void RecordNotice(IReadOnlyList<string> codes, string text) =>
        (NoticeCodes, NoticeText, NoticeResponse, NoticeResponseDocuments, NoticeRespondedAt) = ([.. codes], text, null, [], null);

    /// <summary>The applicant's response to the notice (a later response within the period replaces the earlier one).</summary>
    public void RecordResponse(string text, IReadOnlyList<int> documents, DateTimeOffset now) =>
        (NoticeResponse, NoticeResponseDocuments, NoticeRespondedAt) = (text, [.. documents], now);

    /// <summary>What a prepared grant or rejection will record when a second officer approves it.</summary>
    public void RecordPreparedDetails(
        string? tier,
        string? certificateNumber,
        DateOnly? validFrom,
        string? text,
        IReadOnlyList<string> codes
    ) =>
        (PreparedTier, PreparedCertificateNumber, PreparedValidFrom, PreparedText, PreparedCodes) = (
            tier,
            certificateNumber,
            validFrom,
            text,
            [.. codes]
        );

    public void AssignAccountManager(string userName, DateTimeOffset now)
    {
        AccountManager = userName;
        UpdatedAt = now;
    }

    public void ActingFor(string? association) => OnBehalfOf = string.IsNullOrWhiteSpace(association) ? OnBehalfOf : association.Trim();

    public void RecordGrant(int certificateId, string? text)
    {
        CertificateId = certificateId;
        DecisionText = text;
    }

    public void RecordRejection(IReadOnlyList<string> codes, string text)
    {
        RejectionCodes = [.. codes];
        DecisionText = text;
    }

    /// <summary>The clock's history, for <see cref="SlaClock"/>.</summary>
    public IReadOnlyList<ClockChange> ClockChanges() => ClockChangesOf(Events);

    /// <summary>The clock's history in an application's events: every change of state, and the submission.</summary>
    public static IReadOnlyList<ClockChange> ClockChangesOf(IEnumerable<ApplicationEvent> events) =>
        [
            .. events
                .Where(e => e.From != e.To || e.Action == nameof(ApplicationAction.Submit))
                .OrderBy(e => e.At)
                .Select(e => new ClockChange(e.LocalDate, e.ClockRuns)),
        ];
}

/// <summary>One step in an application's history.</summary>
public sealed class ApplicationEvent
{
    private ApplicationEvent() { }

    public ApplicationEvent(
        DateTimeOffset at,
        DateOnly localDate,
        string actor,
        Side side,
        string action,
        ApplicationState? from,
        ApplicationState to,
        bool clockRuns,
        string? reason,
        string? details = null
    )
    {
        At = at;
        LocalDate = localDate;
        Actor = actor;
        Side = side;
        Action = action;
        From = from;
        To = to;
        ClockRuns = clockRuns;
        Reason = reason;
        Details = details;
    }

    public long Id { get; private set; }

    public int ApplicationId { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The day in the programme's time zone; the SLA clock counts these.</summary>
    public DateOnly LocalDate { get; private set; }

    public string Actor { get; private set; } = "";

    public Side Side { get; private set; }

    public string Action { get; private set; } = "";

    public ApplicationState? From { get; private set; }

    public ApplicationState To { get; private set; }

    public bool ClockRuns { get; private set; }

    public string? Reason { get; private set; }

    public string? Details { get; private set; }
}
