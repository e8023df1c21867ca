using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

/// <summary>Where an AEO application stands. See <see cref="ApplicationWorkflow"/> for the moves between states.</summary>
public enum ApplicationState
{
    Draft,
    PriorConsultation,
    Submitted,
    UnderReview,
    InformationRequested,
    Paused,
    ValidationPlanned,
    Validated,

    /// <summary>Customs notified the applicant that it intends to reject, with reasons; the applicant is heard before the
    /// decision.</summary>
    IntentToReject,
    Granted,
    Rejected,
    Withdrawn,
}

/// <summary>Which side of the application acts: the operator applying, the customs administration, or a scheduled job.</summary>
public enum Side
{
    Applicant,
    Customs,
    System,
}

public enum ApplicationAction
{
    RequestConsultation,
    Submit,
    StartReview,
    RequestInformation,
    AnswerInformation,
    ProposePause,
    AcceptPause,
    DeclinePause,
    Resume,
    PlanValidation,
    CompleteValidation,
    RecognisePartnerValidation,
    Grant,
    Reject,
    Withdraw,

    /// <summary>The agreed resume-by date passed and the programme lapses paused applications.</summary>
    Lapse,

    /// <summary>Customs states its reasons to reject and opens the response period (the right to be heard).</summary>
    NotifyIntentToReject,

    /// <summary>The applicant answers a notice of intent (text and documents).</summary>
    RespondToNotice,

    /// <summary>Customs takes a notice back (the response convinced it); the application returns where it was.</summary>
    WithdrawNotice,

    /// <summary>A second officer approves a grant or rejection another officer prepared (four eyes).</summary>
    ApproveDecision,

    /// <summary>A prepared decision is sent back unapproved (by any officer, the preparer included).</summary>
    ReturnDecision,
}

/// <summary>
/// The programme's rules for decisions (programme settings): what unresolved NotMet findings do to a grant, whether a
/// second officer approves decisions, and how many local days an applicant has to answer a notice of intent.
/// </summary>
public sealed record DecisionRules(FindingsPolicy Findings, bool FourEyes, int HearingDays)
{
    public static readonly DecisionRules Default = new(FindingsPolicy.Block, false, 30);

    public static DecisionRules Of(Programme programme) => new(programme.FindingsPolicy, programme.FourEyes, programme.HearingDays);
}

/// <summary>A notice of intent to reject: the state it interrupted, the last day to respond, and whether the applicant responded.</summary>
/// <param name="RespondBy">The last local day of the response period (in the programme's zone).</param>
public sealed record Hearing(ApplicationState ReturnTo, DateOnly IssuedOn, DateOnly RespondBy, bool Responded)
{
    /// <summary>The applicant was heard: it responded, or the period ended without a response.</summary>
    public bool Heard(DateOnly today) => Responded || today > RespondBy;
}

/// <summary>A grant or rejection one officer prepared and a second must approve.</summary>
public sealed record PreparedDecision(ApplicationAction Action, string PreparedBy, DateOnly? FollowUpBy = null);

/// <summary>A pause one side proposed and the other has not yet accepted.</summary>
public sealed record PauseProposal(Side ProposedBy, DateOnly ResumeBy, string Reason);

/// <summary>The parts of an application the workflow decides on.</summary>
/// <param name="ResumeTo">While paused, the state the application returns to.</param>
/// <param name="AgreedResumeBy">While paused, the date both sides agreed.</param>
/// <param name="OpenInformationRequests">Requests the applicant has not answered yet.</param>
/// <param name="ReadinessGaps">What the self-assessment still lacks; submission needs none.</param>
public sealed record ApplicationStatus(
    ApplicationState State,
    ApplicationState? ResumeTo = null,
    PauseProposal? PendingPause = null,
    DateOnly? AgreedResumeBy = null,
    int OpenInformationRequests = 0,
    int ReadinessGaps = 0,
    Hearing? Hearing = null,
    PreparedDecision? PendingDecision = null,
    IReadOnlyList<string>? BlockingFindings = null,
    IReadOnlyList<string>? AwaitingAgencies = null
)
{
    /// <summary>NotMet findings without an accepted improvement plan (see <see cref="ImprovementPlans.BlockingFindings"/>), and agencies'
    /// criteria not met.</summary>
    public IReadOnlyList<string> Blocking => BlockingFindings ?? [];

    /// <summary>Agencies whose criteria the application asks and which have not signed off their part (see
    /// <see cref="AgencySignOffs.Awaited"/>).</summary>
    public IReadOnlyList<string> Awaited => AwaitingAgencies ?? [];

    public static readonly ApplicationStatus New = new(ApplicationState.Draft);
}

/// <summary>What someone asks the workflow to do, on which day (in the programme's economy).</summary>
/// <param name="Actor">Who asks (a user name): four eyes compares the approver with the preparer.</param>
/// <param name="FollowUpBy">For a conditional grant: the day by which open findings are followed up.</param>
public sealed record ApplicationCommand(
    ApplicationAction Action,
    Side Side,
    DateOnly Today,
    DateOnly? ResumeBy = null,
    string? Reason = null,
    string Actor = "",
    DecisionRules? Rules = null,
    DateOnly? FollowUpBy = null
)
{
    public DecisionRules DecisionRules => Rules ?? DecisionRules.Default;
}

/// <summary>The outcome of a move: the new status and whether the SLA clock runs from now on.</summary>
/// <param name="Decided">Grant or Reject when that decision took effect now (directly, or by an approval under four eyes).</param>
public sealed record ApplicationDecision(ApplicationStatus Next, bool ClockRuns, ApplicationAction? Decided = null);

/// <summary>
/// The certification state machine, as a pure and total function: every state × action × side gives either a
/// new status or an error, never an exception.
/// </summary>
/// <remarks>
/// <code>
/// Draft → (PriorConsultation) → Submitted → UnderReview → ValidationPlanned → Validated → Granted
///                                   UnderReview ⇄ InformationRequested   (the applicant answers)
///   UnderReview | InformationRequested | ValidationPlanned | Validated → IntentToReject → Rejected
///                                   IntentToReject → (WithdrawNotice) back where it was
///                                   any open state ⇄ Paused              (both sides agree a resume-by date)
///                                   any open state → Withdrawn           (by the applicant; Lapse by the system)
/// </code>
/// A rejection needs a heard notice of intent (the applicant responded or the response period ended, EU UCC art.
/// 22(6)). A grant under <see cref="FindingsPolicy.Block"/> needs every NotMet finding to have an accepted
/// improvement plan; under <see cref="FindingsPolicy.ConditionalGrant"/> it needs a follow-up date instead. Under every
/// policy a grant waits for the sign-off of each agency whose criteria the application asks (ADR 0042). With four
/// eyes, Grant and Reject only prepare the decision and <see cref="ApplicationAction.ApproveDecision"/> by another
/// officer makes it. The SLA clock runs from submission while customs has the file (Submitted, UnderReview,
/// ValidationPlanned, Validated) and stops while the applicant has it (InformationRequested, IntentToReject) or both
/// agreed to pause.
/// </remarks>
public static class ApplicationWorkflow
{
    public const int MaxPauseDays = 366;

    public static bool IsOpen(ApplicationState state) =>
        state is not (ApplicationState.Granted or ApplicationState.Rejected or ApplicationState.Withdrawn);

    /// <summary>States in which the SLA clock runs.</summary>
    public static bool ClockRuns(ApplicationState state) =>
        state
            is ApplicationState.Submitted
                or ApplicationState.UnderReview
                or ApplicationState.ValidationPlanned
                or ApplicationState.Validated;

    /// <summary>States from which the two sides may agree a pause.</summary>
    public static bool Pausable(ApplicationState state) =>
        state
            is ApplicationState.PriorConsultation
                or ApplicationState.Submitted
                or ApplicationState.UnderReview
                or ApplicationState.InformationRequested
                or ApplicationState.ValidationPlanned
                or ApplicationState.Validated;

    /// <summary>States from which customs may announce that it intends to reject.</summary>
    public static bool Rejectable(ApplicationState state) =>
        state
            is ApplicationState.UnderReview
                or ApplicationState.InformationRequested
                or ApplicationState.ValidationPlanned
                or ApplicationState.Validated;

    /// <summary>Which side may take an action (the pause handshake is checked separately: either side proposes, the other
    /// accepts).</summary>
    public static bool Allowed(ApplicationAction action, Side side) =>
        action switch
        {
            ApplicationAction.RequestConsultation
            or ApplicationAction.Submit
            or ApplicationAction.AnswerInformation
            or ApplicationAction.Withdraw
            or ApplicationAction.RespondToNotice => side == Side.Applicant,
            ApplicationAction.StartReview
            or ApplicationAction.RequestInformation
            or ApplicationAction.PlanValidation
            or ApplicationAction.CompleteValidation
            or ApplicationAction.RecognisePartnerValidation
            or ApplicationAction.Grant
            or ApplicationAction.Reject
            or ApplicationAction.NotifyIntentToReject
            or ApplicationAction.WithdrawNotice
            or ApplicationAction.ApproveDecision
            or ApplicationAction.ReturnDecision => side == Side.Customs,
            ApplicationAction.ProposePause or ApplicationAction.AcceptPause or ApplicationAction.DeclinePause => side
                is Side.Applicant
                    or Side.Customs,
            ApplicationAction.Resume => true,
            ApplicationAction.Lapse => side == Side.System,
            _ => false,
        };

    /// <summary>The refusal a side gets for an action that is not its own; null when the side may take it.</summary>
    public static DomainError? SideRefusal(ApplicationAction action, Side side) =>
        Allowed(action, side)
            ? null
            : new DomainError("application.side", $"{Describe(action)} is not for the {side.ToString().ToLowerInvariant()} side.");

    public static Result<ApplicationDecision> Decide(ApplicationStatus current, ApplicationCommand command)
    {
        var (action, side) = (command.Action, command.Side);
        if (!IsOpen(current.State))
        {
            return Error("application.closed", $"The application is {current.State}; nothing more can happen to it.");
        }

        if (SideRefusal(action, side) is { } refused)
        {
            return refused;
        }

        var state = current.State;
        return (state, action) switch
        {
            (ApplicationState.Draft, ApplicationAction.RequestConsultation) => Move(current, ApplicationState.PriorConsultation),
            (ApplicationState.Draft or ApplicationState.PriorConsultation, ApplicationAction.Submit) when current.ReadinessGaps > 0 =>
                Error(
                    "application.not-ready",
                    $"The self-assessment has {current.ReadinessGaps} open point"
                        + $"{(current.ReadinessGaps == 1 ? "" : "s")}; see the readiness view."
                ),
            (ApplicationState.Draft or ApplicationState.PriorConsultation, ApplicationAction.Submit) => Move(
                current,
                ApplicationState.Submitted
            ),
            (ApplicationState.Submitted, ApplicationAction.StartReview) => Move(current, ApplicationState.UnderReview),
            (
                ApplicationState.UnderReview
                    or ApplicationState.ValidationPlanned
                    or ApplicationState.Validated,
                ApplicationAction.RequestInformation
            ) => Move(
                current with
                {
                    OpenInformationRequests = current.OpenInformationRequests + 1,
                },
                ApplicationState.InformationRequested
            ),
            (ApplicationState.InformationRequested, ApplicationAction.RequestInformation) => Move(
                current with
                {
                    OpenInformationRequests = current.OpenInformationRequests + 1,
                },
                ApplicationState.InformationRequested
            ),
            (ApplicationState.InformationRequested, ApplicationAction.AnswerInformation) => Answer(current),
            (ApplicationState.UnderReview, ApplicationAction.PlanValidation) => Move(current, ApplicationState.ValidationPlanned),
            (ApplicationState.ValidationPlanned, ApplicationAction.CompleteValidation) => Move(current, ApplicationState.Validated),
            (ApplicationState.UnderReview or ApplicationState.ValidationPlanned, ApplicationAction.RecognisePartnerValidation) => Move(
                current,
                ApplicationState.Validated
            ),
            (ApplicationState.Validated, ApplicationAction.Grant) => Grant(current, command),
            (_, ApplicationAction.NotifyIntentToReject) when Rejectable(state) => NotifyIntent(current, command),
            (ApplicationState.IntentToReject, ApplicationAction.RespondToNotice) => Respond(current, command),
            (ApplicationState.IntentToReject, ApplicationAction.WithdrawNotice) => RequireReason(command)
                ?? Move(current, current.Hearing?.ReturnTo ?? ApplicationState.UnderReview),
            (ApplicationState.IntentToReject, ApplicationAction.Reject) => Reject(current, command),
            (_, ApplicationAction.Reject) when Rejectable(state) => Error(
                "application.not-heard",
                "A rejection starts with a notice of intent stating the reasons; the applicant is heard before the decision."
            ),
            (_, ApplicationAction.ApproveDecision) => Approve(current, command),
            (_, ApplicationAction.ReturnDecision) => current.PendingDecision is null
                ? Error("application.no-decision", "There is no prepared decision to return.")
                : RequireReason(command) ?? Result<ApplicationDecision>.Ok(new(current with { PendingDecision = null }, ClockRuns(state))),
            (_, ApplicationAction.Withdraw) => Move(current with { PendingPause = null }, ApplicationState.Withdrawn),
            (_, ApplicationAction.ProposePause) => ProposePause(current, command),
            (_, ApplicationAction.AcceptPause) => AcceptPause(current, command),
            (_, ApplicationAction.DeclinePause) => DeclinePause(current, command),
            (ApplicationState.Paused, ApplicationAction.Resume) => Resume(current),
            (ApplicationState.Paused, ApplicationAction.Lapse) => Move(
                current with
                {
                    ResumeTo = null,
                    AgreedResumeBy = null,
                },
                ApplicationState.Withdrawn
            ),
            _ => Error("application.transition", $"{Describe(action)} is not possible while the application is {Describe(state)}."),
        };
    }

    private static Result<ApplicationDecision> Grant(ApplicationStatus current, ApplicationCommand command)
    {
        var blocking = current.Blocking;
        if (current.Awaited.Count > 0)
        {
            // No setting lets a grant past a missing sign-off: the agency has not judged its criteria at all.
            return Error("application.agencies", $"The grant is waiting for the sign-off of {string.Join(", ", current.Awaited)}.");
        }

        if (command.FollowUpBy is DateOnly followUp && followUp <= command.Today)
        {
            return Error("application.follow-up", "A follow-up date is after today.", "followUpBy");
        }

        if (blocking.Count > 0 && command.DecisionRules.Findings == FindingsPolicy.Block)
        {
            return Error(
                "application.blocked",
                "The grant is blocked until every NotMet finding has an accepted improvement plan; blocking: "
                    + $"{string.Join("; ", blocking)}."
            );
        }

        if (blocking.Count > 0 && command.FollowUpBy is null)
        {
            return Error(
                "application.follow-up",
                $"A conditional grant with NotMet findings without an accepted plan ({string.Join("; ", blocking)}"
                    + ") names the day they are followed up.",
                "followUpBy"
            );
        }

        return Decided(current, command, ApplicationState.Granted);
    }

    private static Result<ApplicationDecision> NotifyIntent(ApplicationStatus current, ApplicationCommand command)
    {
        var days = command.DecisionRules.HearingDays;
        return RequireReason(command)
            ?? Move(
                current with
                {
                    Hearing = new Hearing(current.State, command.Today, command.Today.AddDays(days), false),
                    PendingDecision = null,
                },
                ApplicationState.IntentToReject
            );
    }

    private static Result<ApplicationDecision> Respond(ApplicationStatus current, ApplicationCommand command)
    {
        var hearing = current.Hearing!;
        if (command.Today > hearing.RespondBy)
        {
            return Error(
                "application.period-ended",
                $"The response period ended on {hearing.RespondBy:yyyy-MM-dd}; customs may now decide."
            );
        }

        return RequireReason(command)
            ?? Result<ApplicationDecision>.Ok(new(current with { Hearing = hearing with { Responded = true } }, false));
    }

    private static Result<ApplicationDecision> Reject(ApplicationStatus current, ApplicationCommand command)
    {
        if (current.Hearing is not { } hearing || !hearing.Heard(command.Today))
        {
            var until = current.Hearing?.RespondBy;
            return Error(
                "application.not-heard",
                $"The applicant has until {until:yyyy-MM-dd} to respond to the notice of intent; the rejection "
                    + "waits for the response or the end of that day."
            );
        }

        return RequireReason(command) ?? Decided(current, command, ApplicationState.Rejected);
    }

    /// <summary>A grant or rejection whose conditions hold: made now, or prepared for a second officer under four eyes.</summary>
    private static Result<ApplicationDecision> Decided(ApplicationStatus current, ApplicationCommand command, ApplicationState next)
    {
        if (!command.DecisionRules.FourEyes)
        {
            var moved = Move(current, next);
            return moved.IsOk ? Result<ApplicationDecision>.Ok(moved.Value! with { Decided = command.Action }) : moved;
        }

        if (current.PendingDecision is { } pending)
        {
            return Error(
                "application.decision-pending",
                $"{Describe(pending.Action)} was already prepared by {pending.PreparedBy}; a second officer "
                    + "approves it or it is returned first."
            );
        }

        if (string.IsNullOrWhiteSpace(command.Actor))
        {
            return Error("application.four-eyes", "Under four eyes a decision names the officer who prepares it.");
        }

        return Result<ApplicationDecision>.Ok(
            new(
                current with
                {
                    PendingDecision = new PreparedDecision(command.Action, command.Actor, command.FollowUpBy),
                },
                ClockRuns(current.State)
            )
        );
    }

    private static Result<ApplicationDecision> Approve(ApplicationStatus current, ApplicationCommand command)
    {
        if (current.PendingDecision is not { } pending)
        {
            return Error("application.no-decision", "There is no prepared decision to approve.");
        }

        if (
            string.IsNullOrWhiteSpace(command.Actor) || string.Equals(pending.PreparedBy, command.Actor, StringComparison.OrdinalIgnoreCase)
        )
        {
            return Error(
                "application.four-eyes",
                $"{Describe(pending.Action)} was prepared by {pending.PreparedBy}; a second officer approves it (four eyes)."
            );
        }

        // The conditions are checked again: findings, the hearing or the rules may have changed since it was prepared.
        var again = command with
        {
            Action = pending.Action,
            FollowUpBy = pending.FollowUpBy,
            Rules = command.DecisionRules with { FourEyes = false },
        };
        return pending.Action == ApplicationAction.Grant
            ? Grant(current with { PendingDecision = null }, again)
            : Reject(current with { PendingDecision = null }, again);
    }

    private static Result<ApplicationDecision> Answer(ApplicationStatus current)
    {
        var open = Math.Max(0, current.OpenInformationRequests - 1);
        return Move(
            current with
            {
                OpenInformationRequests = open,
            },
            open == 0 ? ApplicationState.UnderReview : ApplicationState.InformationRequested
        );
    }

    private static Result<ApplicationDecision> ProposePause(ApplicationStatus current, ApplicationCommand command)
    {
        if (!Pausable(current.State))
        {
            return Error("application.transition", $"An application that is {Describe(current.State)} cannot be paused.");
        }

        if (command.ResumeBy is not DateOnly resumeBy || resumeBy <= command.Today)
        {
            return Error("application.resume-by", "A pause needs a resume-by date after today.", "resumeBy");
        }

        if (resumeBy.DayNumber - command.Today.DayNumber > MaxPauseDays)
        {
            return Error("application.resume-by", $"A pause lasts at most {MaxPauseDays} days.", "resumeBy");
        }

        return RequireReason(command)
            ?? Result<ApplicationDecision>.Ok(
                new(
                    current with
                    {
                        PendingPause = new PauseProposal(command.Side, resumeBy, command.Reason!.Trim()),
                    },
                    ClockRuns(current.State)
                )
            );
    }

    private static Result<ApplicationDecision> AcceptPause(ApplicationStatus current, ApplicationCommand command)
    {
        if (current.PendingPause is not { } proposal)
        {
            return Error("application.no-proposal", "There is no pause proposal to accept.");
        }

        if (!Pausable(current.State))
        {
            return Error("application.transition", $"An application that is {Describe(current.State)} cannot be paused.");
        }

        if (proposal.ProposedBy == command.Side)
        {
            return Error("application.side", "A pause is accepted by the other side than the one that proposed it.");
        }

        if (proposal.ResumeBy <= command.Today)
        {
            return Error("application.resume-by", "The proposed resume-by date has passed; propose a new one.", "resumeBy");
        }

        return Move(
            current with
            {
                ResumeTo = current.State,
                AgreedResumeBy = proposal.ResumeBy,
                PendingPause = null,
            },
            ApplicationState.Paused
        );
    }

    private static Result<ApplicationDecision> DeclinePause(ApplicationStatus current, ApplicationCommand command) =>
        current.PendingPause is null
            ? Error("application.no-proposal", "There is no pause proposal to decline.")
            : Result<ApplicationDecision>.Ok(new(current with { PendingPause = null }, ClockRuns(current.State)));

    private static Result<ApplicationDecision> Resume(ApplicationStatus current) =>
        Move(current with { ResumeTo = null, AgreedResumeBy = null }, current.ResumeTo ?? ApplicationState.UnderReview);

    private static Result<ApplicationDecision> Move(ApplicationStatus current, ApplicationState next)
    {
        // A proposal (of a pause or a decision) made in one state does not carry into the next: the situation it was about has changed.
        var same = next == current.State;
        var status = current with
        {
            State = next,
            PendingPause = same ? current.PendingPause : null,
            PendingDecision = same ? current.PendingDecision : null,
            Hearing = next == ApplicationState.IntentToReject ? current.Hearing : null,
        };
        if (next != ApplicationState.Paused)
        {
            status = status with { ResumeTo = null, AgreedResumeBy = null };
        }

        return Result<ApplicationDecision>.Ok(new(status, ClockRuns(next)));
    }

    private static Result<ApplicationDecision>? RequireReason(ApplicationCommand command) =>
        string.IsNullOrWhiteSpace(command.Reason)
            ? Error("application.reason", $"{Describe(command.Action)} needs a reason.", "reason")
            : (Result<ApplicationDecision>?)null;

    private static Result<ApplicationDecision> Error(string code, string message, string? field = null) =>
        new DomainError(code, message, field);

    public static string Describe(ApplicationAction action) =>
        action switch
        {
            ApplicationAction.RequestConsultation => "Asking for prior consultation",
            ApplicationAction.Submit => "Submitting",
            ApplicationAction.StartReview => "Starting the review",
            ApplicationAction.RequestInformation => "Requesting information",
            ApplicationAction.AnswerInformation => "Answering a request",
            ApplicationAction.ProposePause => "Proposing a pause",
            ApplicationAction.AcceptPause => "Accepting a pause",
            ApplicationAction.DeclinePause => "Declining a pause",
            ApplicationAction.Resume => "Resuming",
            ApplicationAction.PlanValidation => "Planning a validation visit",
            ApplicationAction.CompleteValidation => "Completing the validation",
            ApplicationAction.RecognisePartnerValidation => "Recognising a partner's validation",
            ApplicationAction.Grant => "Granting",
            ApplicationAction.Reject => "Rejecting",
            ApplicationAction.Withdraw => "Withdrawing",
            ApplicationAction.Lapse => "Lapsing",
            ApplicationAction.NotifyIntentToReject => "Notifying an intent to reject",
            ApplicationAction.RespondToNotice => "Responding to the notice of intent",
            ApplicationAction.WithdrawNotice => "Withdrawing the notice of intent",
            ApplicationAction.ApproveDecision => "Approving the decision",
            ApplicationAction.ReturnDecision => "Returning the decision",
            _ => action.ToString(),
        };

    public static string Describe(ApplicationState state) =>
        state switch
        {
            ApplicationState.PriorConsultation => "in prior consultation",
            ApplicationState.UnderReview => "under review",
            ApplicationState.InformationRequested => "waiting for information",
            ApplicationState.ValidationPlanned => "waiting for its validation visit",
            ApplicationState.IntentToReject => "under a notice of intent to reject",
            _ => state.ToString().ToLowerInvariant(),
        };
}
