namespace OpenAeo.Domain.Certification;

/// <summary>What an improvement action answers: an outcome-based answer, a visit finding, an open readiness gap, or a monitoring outcome
/// after the grant.</summary>
public enum ImprovementSource
{
    OutcomeAnswer,
    Finding,
    ReadinessGap,

    /// <summary>A self-review or reassessment closed with an improvement plan (ADR 0040); the key is <c>self-review:{id}</c> or
    /// <c>reassessment:{id}</c>.</summary>
    Monitoring,
}

/// <summary>
/// Where an improvement action stands: Filed by the trader → Accepted (the officer agrees the plan) → Completed (the
/// trader records the evidence) → Closed (the officer accepts the completion); Reopened (with a reason) from any of
/// them sends it back to the trader.
/// </summary>
public enum ImprovementStatus
{
    Filed,
    Accepted,
    Completed,
    Closed,
    Reopened,
}

/// <summary>
/// One action of an application's improvement plan: what is done, who at the operator does it, by which day (in the
/// programme's zone), and the evidence when it is done.
/// </summary>
public sealed class ImprovementAction : IApplicationPart
{
    public const int MaxDueDays = 3 * 366;

    private ImprovementAction() { }

    public int Id { get; private set; }

    public int ApplicationId { get; private set; }

    public ImprovementSource Source { get; private set; }

    /// <summary>The question code (answers, gaps) or the criteria group of a finding.</summary>
    public string SourceKey { get; private set; } = "";

    /// <summary>For a finding: the visit that recorded it.</summary>
    public int? VisitId { get; private set; }

    /// <summary>For a finding: its rating when the action was filed (PartlyMet or NotMet).</summary>
    public FindingRating? Rating { get; private set; }

    public string What { get; private set; } = "";

    /// <summary>The person or role at the operator who carries it out.</summary>
    public string Who { get; private set; } = "";

    public DateOnly DueOn { get; private set; }

    public ImprovementStatus Status { get; private set; }

    /// <summary>The officer agreed the plan (kept through completion; cleared by a reopening).</summary>
    public bool PlanAccepted { get; private set; }

    public string? CompletionText { get; private set; }

    public int? CompletionDocumentId { get; private set; }

    public DateOnly? CompletedOn { get; private set; }

    public string? ReopenReason { get; private set; }

    public string FiledBy { get; private set; } = "";

    public DateTimeOffset FiledAt { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The plan covers its source: the officer accepted it and has not reopened it.</summary>
    public bool Resolves => PlanAccepted && Status is ImprovementStatus.Accepted or ImprovementStatus.Completed or ImprovementStatus.Closed;

    public bool IsOverdue(DateOnly today) =>
        Status is ImprovementStatus.Filed or ImprovementStatus.Accepted or ImprovementStatus.Reopened && today > DueOn;

    public static Result<ImprovementAction> File(
        int applicationId,
        ImprovementSource source,
        string sourceKey,
        int? visitId,
        FindingRating? rating,
        string? what,
        string? who,
        DateOnly? dueOn,
        DateOnly today,
        DateTimeOffset now,
        string actor
    )
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(what))
        {
            errors.Add(new("improvement.what", "Say what will be done.", "what"));
        }

        if (string.IsNullOrWhiteSpace(who))
        {
            errors.Add(new("improvement.who", "Name the person or role at the company who does it.", "who"));
        }

        if (dueOn is not DateOnly due)
        {
            errors.Add(new("improvement.due", "An action has a due date.", "dueOn"));
        }
        else if (due < today || due.DayNumber - today.DayNumber > MaxDueDays)
        {
            errors.Add(new("improvement.due", $"The due date is between today ({today:yyyy-MM-dd}) and three years ahead.", "dueOn"));
        }

        if (source == ImprovementSource.Finding && rating is not (FindingRating.PartlyMet or FindingRating.NotMet))
        {
            errors.Add(new("improvement.source", "Only a PartlyMet or NotMet finding needs an improvement action.", "source"));
        }

        if (errors.Count > 0)
        {
            return Result<ImprovementAction>.Fail(errors);
        }

        return Result<ImprovementAction>.Ok(
            new ImprovementAction
            {
                ApplicationId = applicationId,
                Source = source,
                SourceKey = sourceKey,
                VisitId = visitId,
                Rating = rating,
                What = what!.Trim(),
                Who = who!.Trim(),
                DueOn = dueOn!.Value,
                Status = ImprovementStatus.Filed,
                FiledBy = actor,
                FiledAt = now,
                UpdatedAt = now,
            }
        );
    }

    /// <summary>The trader records the evidence that the action is done (text, a document, or both).</summary>
    public DomainError? Complete(string? text, int? documentId, DateOnly today, DateTimeOffset now)
    {
        if (Status == ImprovementStatus.Closed)
        {
            return new("improvement.closed", "This action was completed and accepted; nothing more is needed.");
        }

        if (string.IsNullOrWhiteSpace(text) && documentId is null)
        {
            return new("improvement.evidence", "Completing an action needs evidence: a text, a document, or both.", "text");
        }

        (Status, CompletionText, CompletionDocumentId, CompletedOn, UpdatedAt) = (
            ImprovementStatus.Completed,
            text?.Trim(),
            documentId,
            today,
            now
        );
        return null;
    }

    /// <summary>The officer accepts the plan (Filed, Reopened) or the completion (Completed).</summary>
    public DomainError? Accept(DateTimeOffset now, string officer)
    {
        var next = Status switch
        {
            ImprovementStatus.Filed or ImprovementStatus.Reopened => ImprovementStatus.Accepted,
            ImprovementStatus.Completed => ImprovementStatus.Closed,
            _ => (ImprovementStatus?)null,
        };
        if (next is null)
        {
            return new("improvement.transition", $"An action that is {Status} has nothing to accept.");
        }

        (Status, PlanAccepted, ReopenReason, ReviewedBy, ReviewedAt, UpdatedAt) = (next.Value, true, null, officer, now, now);
        return null;
    }

    /// <summary>The officer sends the action back with a reason; the plan must be accepted again.</summary>
    public DomainError? Reopen(string? reason, DateTimeOffset now, string officer)
    {
        if (Status == ImprovementStatus.Reopened)
        {
            return new("improvement.transition", "The action is already reopened; the trader revises or completes it.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new("improvement.reason", "Reopening an action says why.", "reason");
        }

        (Status, PlanAccepted, ReopenReason, ReviewedBy, ReviewedAt, UpdatedAt) = (
            ImprovementStatus.Reopened,
            false,
            reason.Trim(),
            officer,
            now,
            now
        );
        return null;
    }
}

/// <summary>A visit finding with the visit that recorded it.</summary>
public sealed record VisitFinding(int VisitId, Finding Finding);

public static class ImprovementPlans
{
    /// <summary>
    /// Who may act on an application's plan now: the applicant files and completes actions, customs accepts and reopens
    /// them, and a rejected or withdrawn application's plan is closed.
    /// </summary>
    public static DomainError? MayAct(Side acting, Side required, ApplicationState state) =>
        acting != required
            ? new DomainError(
                "improvement.side",
                required == Side.Applicant
                    ? "Improvement actions are filed and completed by the applicant."
                    : "Improvement actions are accepted or reopened by customs."
            )
        : state is ApplicationState.Rejected or ApplicationState.Withdrawn
            ? new DomainError("application.closed", $"The application is {state}; its improvement plan is closed.")
        : null;

    /// <summary>
    /// The NotMet findings of the latest visit with findings that no accepted improvement action covers, as the
    /// workflow's refusal names them ("Cargo security (NotMet)"). An earlier visit's findings were superseded.
    /// </summary>
    public static IReadOnlyList<string> BlockingFindings(IReadOnlyList<VisitFinding> findings, IReadOnlyList<ImprovementAction> actions)
    {
        if (findings.Count == 0)
        {
            return [];
        }

        var latest = findings.Max(f => f.VisitId);
        var resolved = actions
            .Where(a => a.Source == ImprovementSource.Finding && a.VisitId == latest && a.Resolves)
            .Select(a => a.SourceKey)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return
        [
            .. findings
                .Where(f => f.VisitId == latest && f.Finding.Rating == FindingRating.NotMet && !resolved.Contains(f.Finding.Group))
                .Select(f => $"{f.Finding.Group} (NotMet)")
                .Distinct()
                .Order(StringComparer.Ordinal),
        ];
    }
}
