using System.Globalization;
using OpenAeo.Domain.Certification;

namespace OpenAeo.Certification.Pages;

/// <summary>How the certification pages word states, tracks, actions and dates.</summary>
internal static class Labels
{
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Time(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";

    public static string Size(long bytes) =>
        bytes < 1024 * 1024 ? $"{Math.Max(1, bytes / 1024)} KB" : $"{bytes / (1024.0 * 1024.0):0.0} MB";

    /// <summary>The <c>accept</c> list of evidence inputs: the types <see cref="EvidenceDocument"/> takes.</summary>
    public static string EvidenceTypes => string.Join(',', EvidenceDocument.AllowedTypes.Keys);

    /// <summary>
    /// An application's page, with the message of what was just done, the self-assessment's step and the part to scroll to.
    /// </summary>
    public static string ApplicationLink(int id, string? done = null, string? anchor = null, int? step = null)
    {
        var query = string.Join(
            '&',
            new[] { step is { } s ? $"step={s}" : null, done is null ? null : "done=" + Uri.EscapeDataString(done) }.OfType<string>()
        );
        return $"/applications/{id}{(query.Length == 0 ? "" : "?" + query)}{(anchor is null ? "" : "#" + anchor)}";
    }

    /// <summary>Null for blank input, so that an empty text box means "not given".</summary>
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The message shown after an action succeeded (the page is loaded again with <c>?done=</c>).</summary>
    public static string? Done(string? done) =>
        done switch
        {
            "started" => "Application started. Answer the self-assessment below; when nothing is missing, submit it.",
            "renewal" => "Renewal application started. Answer the self-assessment again and submit it before the certificate expires.",
            nameof(ApplicationAction.RequestConsultation) => "Prior consultation requested. Your account manager will contact you.",
            nameof(ApplicationAction.Submit) => "Submitted. Customs has the file now and the clock is running.",
            nameof(ApplicationAction.StartReview) => "Review started.",
            nameof(ApplicationAction.RequestInformation) => "Information requested. The clock stops until the applicant answers.",
            nameof(ApplicationAction.AnswerInformation) => "Answer sent to customs.",
            nameof(ApplicationAction.ProposePause) => "Pause proposed. The other side accepts or declines it.",
            nameof(ApplicationAction.AcceptPause) => "Pause agreed. The clock is stopped until the application resumes.",
            nameof(ApplicationAction.DeclinePause) => "The pause proposal is withdrawn.",
            nameof(ApplicationAction.Resume) => "Resumed.",
            nameof(ApplicationAction.PlanValidation) => "Validation visit planned.",
            nameof(ApplicationAction.CompleteValidation) => "Visit report recorded; the application is validated.",
            nameof(ApplicationAction.RecognisePartnerValidation) =>
                "The partner administration's visit is recognised; the application is validated.",
            nameof(ApplicationAction.Grant) => "Granted. The certificate is issued and the operator is notified.",
            nameof(ApplicationAction.Reject) => "Rejected. The operator is notified with the reasons.",
            nameof(ApplicationAction.Withdraw) => "Withdrawn.",
            _ => null,
        };
}
