namespace OpenAeo.Domain.Certification;

/// <summary>Something the applicant did that leaves the next step with customs, so an officer is told.</summary>
public enum ApplicantMove
{
    Submitted,
    InformationAnswered,
    PauseProposed,
    PauseAccepted,
    PauseDeclined,
    NoticeAnswered,
}

/// <summary>
/// Who on the customs side is told when the applicant moves an application (ADR 0063): the account manager the
/// application names and the officer handling it; when it names neither, the programme's officers, so no answer
/// waits unseen.
/// </summary>
public static class OfficerNotices
{
    /// <summary>The applicant's move an action stands for, or null when customs needs not be told (its own moves,
    /// the system's, a withdrawal).</summary>
    public static ApplicantMove? Of(ApplicationAction action, Side side) =>
        side != Side.Applicant
            ? null
            : action switch
            {
                ApplicationAction.Submit => ApplicantMove.Submitted,
                ApplicationAction.AnswerInformation => ApplicantMove.InformationAnswered,
                ApplicationAction.ProposePause => ApplicantMove.PauseProposed,
                ApplicationAction.AcceptPause => ApplicantMove.PauseAccepted,
                ApplicationAction.DeclinePause => ApplicantMove.PauseDeclined,
                ApplicationAction.RespondToNotice => ApplicantMove.NoticeAnswered,
                _ => null,
            };

    /// <summary>
    /// The officer handling the application: whoever last acted on it for customs (asked the question, proposed
    /// the pause, notified the intent). Scheduled jobs act as the system side and hand nothing to anybody.
    /// </summary>
    public static string? HandlingOfficer(IEnumerable<ApplicationEvent> history) =>
        history.Where(e => e.Side == Side.Customs).OrderBy(e => e.At).ThenBy(e => e.Id).LastOrDefault()?.Actor;

    /// <summary>The audiences told of the move, each once, the account manager first.</summary>
    public static IReadOnlyList<string> Audiences(string? accountManager, string? handlingOfficer, string programme)
    {
        string?[] people = [accountManager, handlingOfficer];
        var named = people.OfType<string>().Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return named.Count == 0 ? [Audience.ForProgrammeOfficers(programme)] : [.. named.Select(Audience.ForUser)];
    }

    /// <summary>The kind of notification the move is, whose e-mail choice applies (ADR 0064).</summary>
    public static NotificationKind Kind(ApplicantMove move) =>
        move switch
        {
            ApplicantMove.Submitted => NotificationKind.Submitted,
            ApplicantMove.InformationAnswered => NotificationKind.InformationAnswered,
            ApplicantMove.PauseProposed or ApplicantMove.PauseAccepted or ApplicantMove.PauseDeclined => NotificationKind.Pause,
            ApplicantMove.NoticeAnswered => NotificationKind.NoticeAnswered,
            _ => throw new ArgumentOutOfRangeException(nameof(move), move, null),
        };

    /// <summary>The subject line an officer reads in the list of notifications.</summary>
    public static string Subject(ApplicantMove move, string reference) =>
        $"Application {reference}: "
        + move switch
        {
            ApplicantMove.Submitted => "the applicant submitted it",
            ApplicantMove.InformationAnswered => "the applicant answered an information request",
            ApplicantMove.PauseProposed => "the applicant proposes a pause",
            ApplicantMove.PauseAccepted => "the applicant accepted the proposed pause",
            ApplicantMove.PauseDeclined => "the applicant refused the proposed pause",
            ApplicantMove.NoticeAnswered => "the applicant responded to the notice of intent",
            _ => throw new ArgumentOutOfRangeException(nameof(move), move, null),
        };
}
