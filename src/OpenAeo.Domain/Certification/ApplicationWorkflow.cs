using OpenAeo.Domain.Shared;

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
}

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
    int ReadinessGaps = 0)
{
    public static readonly ApplicationStatus New = new(ApplicationState.Draft);
}

/// <summary>What someone asks the workflow to do, on which day (in the programme's economy).</summary>
public sealed record ApplicationCommand(ApplicationAction Action, Side Side, DateOnly Today, DateOnly? ResumeBy = null, string? Reason = null);

/// <summary>The outcome of a move: the new status and whether the SLA clock runs from now on.</summary>
public sealed record ApplicationDecision(ApplicationStatus Next, bool ClockRuns);

/// <summary>
/// The certification state machine, as a pure and total function: every state × action × side gives either a
/// new status or an error, never an exception.
/// </summary>
/// <remarks>
/// <code>
/// Draft → (PriorConsultation) → Submitted → UnderReview → ValidationPlanned → Validated → Granted | Rejected
///                                   UnderReview ⇄ InformationRequested   (the applicant answers)
///                                   any open state ⇄ Paused              (both sides agree a resume-by date)
///                                   any open state → Withdrawn           (by the applicant; Lapse by the system)
/// </code>
/// The SLA clock runs from submission while customs has the file (Submitted, UnderReview, ValidationPlanned,
/// Validated) and stops while the applicant has it (InformationRequested) or both agreed to pause.
/// </remarks>
public static class ApplicationWorkflow
{
    public const int MaxPauseDays = 366;

    public static bool IsOpen(ApplicationState state) => state is not (ApplicationState.Granted or ApplicationState.Rejected or ApplicationState.Withdrawn);

    /// <summary>States in which the SLA clock runs.</summary>
    public static bool ClockRuns(ApplicationState state) =>
        state is ApplicationState.Submitted or ApplicationState.UnderReview or ApplicationState.ValidationPlanned or ApplicationState.Validated;

    /// <summary>States from which the two sides may agree a pause.</summary>
    public static bool Pausable(ApplicationState state) =>
        state is ApplicationState.PriorConsultation or ApplicationState.Submitted or ApplicationState.UnderReview
            or ApplicationState.InformationRequested or ApplicationState.ValidationPlanned or ApplicationState.Validated;

    /// <summary>Which side may take an action (the pause handshake is checked separately: either side proposes, the other accepts).</summary>
    public static bool Allowed(ApplicationAction action, Side side) => action switch
    {
        ApplicationAction.RequestConsultation or ApplicationAction.Submit or ApplicationAction.AnswerInformation or ApplicationAction.Withdraw => side == Side.Applicant,
        ApplicationAction.StartReview or ApplicationAction.RequestInformation or ApplicationAction.PlanValidation or ApplicationAction.CompleteValidation
            or ApplicationAction.RecognisePartnerValidation or ApplicationAction.Grant or ApplicationAction.Reject => side == Side.Customs,
        ApplicationAction.ProposePause or ApplicationAction.AcceptPause or ApplicationAction.DeclinePause => side is Side.Applicant or Side.Customs,
        ApplicationAction.Resume => true,
        ApplicationAction.Lapse => side == Side.System,
        _ => false,
    };

    public static Result<ApplicationDecision> Decide(ApplicationStatus current, ApplicationCommand command)
    {
        var (action, side) = (command.Action, command.Side);
        if (!IsOpen(current.State))
        {
            return Error("application.closed", $"The application is {current.State}; nothing more can happen to it.");
        }

        if (!Allowed(action, side))
        {
            return Error("application.side", $"{Describe(action)} is not for the {side.ToString().ToLowerInvariant()} side.");
        }

        var state = current.State;
        return (state, action) switch
        {
            (ApplicationState.Draft, ApplicationAction.RequestConsultation) => Move(current, ApplicationState.PriorConsultation),
            (ApplicationState.Draft or ApplicationState.PriorConsultation, ApplicationAction.Submit) when current.ReadinessGaps > 0 =>
                Error("application.not-ready", $"The self-assessment has {current.ReadinessGaps} open point{(current.ReadinessGaps == 1 ? "" : "s")}; see the readiness view."),
            (ApplicationState.Draft or ApplicationState.PriorConsultation, ApplicationAction.Submit) => Move(current, ApplicationState.Submitted),
            (ApplicationState.Submitted, ApplicationAction.StartReview) => Move(current, ApplicationState.UnderReview),
            (ApplicationState.UnderReview or ApplicationState.ValidationPlanned or ApplicationState.Validated, ApplicationAction.RequestInformation) =>
                Move(current with { OpenInformationRequests = current.OpenInformationRequests + 1 }, ApplicationState.InformationRequested),
            (ApplicationState.InformationRequested, ApplicationAction.RequestInformation) =>
                Move(current with { OpenInformationRequests = current.OpenInformationRequests + 1 }, ApplicationState.InformationRequested),
            (ApplicationState.InformationRequested, ApplicationAction.AnswerInformation) => Answer(current),
            (ApplicationState.UnderReview, ApplicationAction.PlanValidation) => Move(current, ApplicationState.ValidationPlanned),
            (ApplicationState.ValidationPlanned, ApplicationAction.CompleteValidation) => Move(current, ApplicationState.Validated),
            (ApplicationState.UnderReview or ApplicationState.ValidationPlanned, ApplicationAction.RecognisePartnerValidation) => Move(current, ApplicationState.Validated),
            (ApplicationState.Validated, ApplicationAction.Grant) => Move(current, ApplicationState.Granted),
            (ApplicationState.UnderReview or ApplicationState.InformationRequested or ApplicationState.ValidationPlanned or ApplicationState.Validated, ApplicationAction.Reject) =>
                RequireReason(command) ?? Move(current, ApplicationState.Rejected),
            (_, ApplicationAction.Withdraw) => Move(current with { PendingPause = null }, ApplicationState.Withdrawn),
            (_, ApplicationAction.ProposePause) => ProposePause(current, command),
            (_, ApplicationAction.AcceptPause) => AcceptPause(current, command),
            (_, ApplicationAction.DeclinePause) => DeclinePause(current, command),
            (ApplicationState.Paused, ApplicationAction.Resume) => Resume(current),
            (ApplicationState.Paused, ApplicationAction.Lapse) => Move(current with { ResumeTo = null, AgreedResumeBy = null }, ApplicationState.Withdrawn),
            _ => Error("application.transition", $"{Describe(action)} is not possible while the application is {Describe(state)}."),
        };
    }

    private static Result<ApplicationDecision> Answer(ApplicationStatus current)
    {
        var open = Math.Max(0, current.OpenInformationRequests - 1);
        return Move(current with { OpenInformationRequests = open }, open == 0 ? ApplicationState.UnderReview : ApplicationState.InformationRequested);
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
            ?? Result<ApplicationDecision>.Ok(new(current with { PendingPause = new PauseProposal(command.Side, resumeBy, command.Reason!.Trim()) }, ClockRuns(current.State)));
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

        return Move(current with { ResumeTo = current.State, AgreedResumeBy = proposal.ResumeBy, PendingPause = null }, ApplicationState.Paused);
    }

    private static Result<ApplicationDecision> DeclinePause(ApplicationStatus current, ApplicationCommand command) =>
        current.PendingPause is null
            ? Error("application.no-proposal", "There is no pause proposal to decline.")
            : Result<ApplicationDecision>.Ok(new(current with { PendingPause = null }, ClockRuns(current.State)));

    private static Result<ApplicationDecision> Resume(ApplicationStatus current) =>
        Move(current with { ResumeTo = null, AgreedResumeBy = null }, current.ResumeTo ?? ApplicationState.UnderReview);

    private static Result<ApplicationDecision> Move(ApplicationStatus current, ApplicationState next)
    {
        // A proposal made in one state does not carry into the next: the situation it was about has changed.
        var pending = next == current.State ? current.PendingPause : null;
        var status = current with { State = next, PendingPause = pending };
        if (next != ApplicationState.Paused)
        {
            status = status with { ResumeTo = null, AgreedResumeBy = null };
        }

        return Result<ApplicationDecision>.Ok(new(status, ClockRuns(next)));
    }

    private static Result<ApplicationDecision>? RequireReason(ApplicationCommand command) =>
        string.IsNullOrWhiteSpace(command.Reason) ? Error("application.reason", $"{Describe(command.Action)} needs a reason.", "reason") : (Result<ApplicationDecision>?)null;

    private static Result<ApplicationDecision> Error(string code, string message, string? field = null) => new DomainError(code, message, field);

    public static string Describe(ApplicationAction action) => action switch
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
        _ => action.ToString(),
    };

    public static string Describe(ApplicationState state) => state switch
    {
        ApplicationState.PriorConsultation => "in prior consultation",
        ApplicationState.UnderReview => "under review",
        ApplicationState.InformationRequested => "waiting for information",
        ApplicationState.ValidationPlanned => "waiting for its validation visit",
        _ => state.ToString().ToLowerInvariant(),
    };
}
