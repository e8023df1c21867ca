namespace OpenAeo.Domain.Clearance;

/// <summary>What the end of a documentary check or a cargo examination found.</summary>
public enum CheckResult
{
    Compliant,
    Discrepancy,
}

/// <summary>A step of the border's work, decided: the milestone to record, with the result and note it carries.</summary>
/// <param name="Result">For the end of a check or examination; null for other steps.</param>
/// <param name="Note">The officer's note, trimmed; null when none was given.</param>
public sealed record StepRecorded(ClearanceAction Action, Milestone Milestone, CheckResult? Result, string? Note)
{
    /// <summary>The milestone's note as the history shows it: the result, then what was written ("Discrepancy: 3 cartons short").</summary>
    public string? HistoryNote =>
        string.Join(": ", new[] { Result?.ToString(), Note }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } text ? text : null;

    /// <summary>
    /// A discrepancy found in a cargo examination makes the AEO holders responsible for the goods due for
    /// reassessment (ADR 0040); one found in a documentary check is corrected on the declaration.
    /// </summary>
    public bool ReassessesHolders => Action == ClearanceAction.EndExamination && Result == CheckResult.Discrepancy;
}

/// <summary>
/// The rules for recording a step after the lane: which action it is, who may record it (a trader only delivery),
/// a check's result (Compliant unless said otherwise; a discrepancy says what was found), then the order of work
/// (<see cref="ClearanceProgress.Next"/>).
/// </summary>
public static class ClearanceSteps
{
    /// <param name="byTrader">The step is recorded by the trader (importer, exporter or broker), not by customs.</param>
    public static Result<StepRecorded> Record(ClearanceState state, string? action, string? result, string? note, bool byTrader)
    {
        if (!Enum.TryParse<ClearanceAction>(action, true, out var step) || !Enum.IsDefined(step))
        {
            return new DomainError(
                "declaration.action",
                $"'{action}' is not an action; use one of {string.Join(", ", Enum.GetNames<ClearanceAction>())}.",
                "action"
            );
        }

        if (byTrader && step != ClearanceAction.Deliver)
        {
            return new DomainError("forbidden", "Only customs records checks, examinations and release.");
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        CheckResult? found = null;
        if (step is ClearanceAction.EndDocumentaryCheck or ClearanceAction.EndExamination)
        {
            found = result?.Trim() switch
            {
                null or "" => CheckResult.Compliant,
                var r when r.Equals(nameof(CheckResult.Compliant), StringComparison.OrdinalIgnoreCase) => CheckResult.Compliant,
                var r when r.Equals(nameof(CheckResult.Discrepancy), StringComparison.OrdinalIgnoreCase) => CheckResult.Discrepancy,
                _ => null,
            };
            if (found is null)
            {
                return new DomainError("declaration.result", "The result must be Compliant or Discrepancy.", "result");
            }

            if (found == CheckResult.Discrepancy && text is null)
            {
                return new DomainError("declaration.note", "A discrepancy needs a note saying what was found.", "note");
            }
        }

        var next = ClearanceProgress.Next(state, step);
        return next.IsOk
            ? Result<StepRecorded>.Ok(new StepRecorded(step, next.Value, found, text))
            : Result<StepRecorded>.Fail(next.Errors);
    }
}
