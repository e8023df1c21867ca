using System.Net.Mail;

namespace OpenAeo.Domain.Registry;

/// <summary>A person's choice: in the application always; by e-mail to <paramref name="Email"/> for the kinds in
/// <paramref name="ByMail"/>.</summary>
public sealed record NotificationChoices(string? Email, IReadOnlyList<NotificationKind> ByMail)
{
    public static readonly NotificationChoices Default = new(null, []);

    /// <summary>Whether a notification of this kind also goes by e-mail.</summary>
    public bool Mails(NotificationKind kind) => Email is not null && ByMail.Contains(kind);

    /// <summary>
    /// Checks what a person asks for: a well-formed address (or none), kinds from the catalogue, and an address
    /// whenever any kind is to come by e-mail (ADR 0064).
    /// </summary>
    public static Result<NotificationChoices> Decide(string? email, IReadOnlyList<string>? byMail)
    {
        var address = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        var errors = new List<DomainError>();
        if (address is not null && !IsAddress(address))
        {
            errors.Add(new DomainError("settings.email", $"'{address}' is not an e-mail address (name@example.org).", "email"));
        }

        var kinds = new List<NotificationKind>();
        foreach (var name in byMail ?? [])
        {
            if (Enum.TryParse<NotificationKind>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !name.Any(char.IsDigit))
            {
                kinds.Add(kind);
            }
            else
            {
                errors.Add(
                    new DomainError(
                        "settings.kind",
                        $"'{name}' is not a kind of notification; use one of {string.Join(", ", Enum.GetNames<NotificationKind>())}.",
                        "byMail"
                    )
                );
            }
        }

        if (address is null && kinds.Count > 0)
        {
            errors.Add(new DomainError("settings.email", "Give an e-mail address to receive notifications by e-mail.", "email"));
        }

        return errors.Count > 0
            ? Result<NotificationChoices>.Fail(errors)
            : Result<NotificationChoices>.Ok(new NotificationChoices(address, [.. kinds.Distinct().Order()]));
    }

    /// <summary>One mailbox, written the way it is delivered to: no display name, no spaces, a dotted domain.</summary>
    private static bool IsAddress(string text) =>
        text.Length <= Limits.Email.MaxLength
        && MailAddress.TryCreate(text, out var parsed)
        && parsed.Address == text
        && parsed.DisplayName.Length == 0
        && parsed.Host.Contains('.', StringComparison.Ordinal)
        && !parsed.Host.EndsWith('.');
}

/// <summary>An enabled account that may read a notification, with its choices.</summary>
public sealed record MailReader(string Name, Role Role, string? OperatorTin, NotificationChoices Choices);

/// <summary>Who receives a notification by e-mail besides seeing it in the application (ADR 0065).</summary>
public static class NotificationMail
{
    /// <summary>
    /// Whether the account reads notifications to the audience, as <c>/notifications</c> shows them: the account itself, a
    /// trader of the operator, every programme officer for a programme's officers.
    /// </summary>
    public static bool Reaches(string audience, MailReader reader) =>
        audience == Audience.ForUser(reader.Name)
        || reader.Role == Role.Trader && reader.OperatorTin is { } tin && audience == Audience.ForOperator(tin)
        || reader.Role == Role.ProgrammeOfficer && audience.StartsWith(Audience.ForProgrammeOfficers(""), StringComparison.Ordinal);

    /// <summary>
    /// The addresses a notification of this kind to this audience is mailed to: each reader it reaches who chose the kind
    /// by e-mail, each address once (two accounts may give the same one).
    /// </summary>
    public static IReadOnlyList<string> To(string audience, NotificationKind kind, IEnumerable<MailReader> readers) =>
        [
            .. readers
                .Where(r => r.Choices.Mails(kind) && Reaches(audience, r))
                .Select(r => r.Choices.Email!)
                .Distinct(StringComparer.OrdinalIgnoreCase),
        ];
}
