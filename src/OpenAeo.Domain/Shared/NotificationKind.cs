namespace OpenAeo.Domain.Shared;

/// <summary>What a notification is about; each person chooses, per kind, whether it also comes by e-mail.</summary>
public enum NotificationKind
{
    /// <summary>For customs: the applicant submitted an application.</summary>
    Submitted,

    /// <summary>For customs: the applicant answered an information request.</summary>
    InformationAnswered,

    /// <summary>A pause proposed, accepted or refused by the other side.</summary>
    Pause,

    /// <summary>For customs: the applicant responded to a notice of intent.</summary>
    NoticeAnswered,

    /// <summary>Reminders before a pause ends, a certificate expires or an answer is due.</summary>
    Reminders,

    /// <summary>Customs' requests, notices and decisions to the trader, and everything else.</summary>
    Notices,
}
