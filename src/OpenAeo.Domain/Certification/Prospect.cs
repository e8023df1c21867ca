using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

public enum ProspectStatus
{
    /// <summary>Waiting in the account managers' queue.</summary>
    New,

    /// <summary>An account manager took it; an invitation to create the trader account is out.</summary>
    Accepted,

    Declined,

    /// <summary>The invitation was used: the trader has an account for the operator.</summary>
    Joined,
}

/// <summary>What a visitor sends with a prior-consultation request; the self-check is optional and travels as it chose to send
/// it.</summary>
/// <param name="SelfCheckAnswers">The self-check's answers as its link code (<see cref="SelfCheckCode"/>), when the visitor attached
/// them.</param>
public sealed record ProspectDetails(
    Tin Tin,
    string LegalName,
    string ContactName,
    string Email,
    string? Phone,
    IReadOnlyList<DateOnly> PreferredDates,
    string? Message,
    OperatorRoles Roles,
    int? Employees,
    decimal? Turnover,
    string? Sector,
    string? SelfCheckAnswers
);

/// <summary>
/// A company that asked for a prior consultation without an account (issue 13 item 4): it waits in the programme's
/// queue until an account manager accepts it, which issues a one-time invitation to create the trader account, or
/// declines it with a reason. The invitation is kept only as its hash; the link is shown once to the manager who sends it.
/// </summary>
public sealed class Prospect
{
    /// <summary>How far ahead a visitor may propose a date for the consultation.</summary>
    public const int PreferredDaysAhead = 180;

    public static readonly TimeSpan InvitationValidity = TimeSpan.FromDays(14);

    private Prospect() { }

    public int Id { get; private set; }

    /// <summary>What the requester quotes, e.g. <c>PC-7K3M9QXD</c>; random, so it reveals nothing about others' requests.</summary>
    public string Reference { get; private set; } = "";

    public string ProgrammeCode { get; private set; } = "";

    public Tin Tin { get; private set; }

    public string LegalName { get; private set; } = "";

    public string ContactName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string? Phone { get; private set; }

    public List<DateOnly> PreferredDates { get; private set; } = [];

    public string? Message { get; private set; }

    public OperatorRoles Roles { get; private set; }

    public int? Employees { get; private set; }

    public decimal? Turnover { get; private set; }

    public string? Sector { get; private set; }

    public string? SelfCheckAnswers { get; private set; }

    public ProspectStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The account manager who accepted or declined it.</summary>
    public string? AccountManager { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DeclineReason { get; private set; }

    /// <summary>SHA-256 of the invitation token, hex; the token itself is never stored.</summary>
    public string? InvitationHash { get; private set; }

    public DateTimeOffset? InvitationExpiresAt { get; private set; }

    public DateTimeOffset? JoinedAt { get; private set; }

    /// <summary>The trader account the invitation created.</summary>
    public string? JoinedAs { get; private set; }

    /// <param name="economyCode">The programme's economy: the company's TIN is one of its TINs.</param>
    /// <param name="today">Today in the programme office's time zone: a preferred date is a day there.</param>
    public static Result<Prospect> Request(
        string programmeCode,
        string economyCode,
        string reference,
        ProspectDetails d,
        DateOnly today,
        DateTimeOffset now
    )
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(d.LegalName))
        {
            errors.Add(new("prospect.legalName", "Give the company's legal name.", "legalName"));
        }

        if (string.IsNullOrWhiteSpace(d.ContactName))
        {
            errors.Add(new("prospect.contactName", "Give the name of the person customs should contact.", "contactName"));
        }

        if (!LooksLikeEmail(d.Email))
        {
            errors.Add(new("prospect.email", "Give an e-mail address such as name@company.com.", "email"));
        }

        if (d.PreferredDates.Count == 0)
        {
            errors.Add(new("prospect.preferredDates", "Propose at least one day for the consultation.", "preferredDates"));
        }

        foreach (var day in d.PreferredDates.Where(day => day <= today || day > today.AddDays(PreferredDaysAhead)))
        {
            errors.Add(
                new(
                    "prospect.preferredDates",
                    $"{day:yyyy-MM-dd} is not between tomorrow and {PreferredDaysAhead} days from today ("
                        + $"{today:yyyy-MM-dd}, the programme office's day).",
                    "preferredDates"
                )
            );
        }

        if (!d.Tin.Value.StartsWith(economyCode, StringComparison.Ordinal))
        {
            errors.Add(
                new(
                    "prospect.tin",
                    $"A company applying to the {programmeCode} programme has a TIN of its economy, starting with {economyCode}.",
                    "tin"
                )
            );
        }

        return errors.Count > 0
            ? Result<Prospect>.Fail(errors)
            : Result<Prospect>.Ok(
                new Prospect
                {
                    Reference = reference,
                    ProgrammeCode = programmeCode,
                    Tin = d.Tin,
                    LegalName = d.LegalName.Trim(),
                    ContactName = d.ContactName.Trim(),
                    Email = d.Email.Trim(),
                    Phone = Blank(d.Phone),
                    PreferredDates = [.. d.PreferredDates.Distinct().Order()],
                    Message = Blank(d.Message),
                    Roles = d.Roles,
                    Employees = d.Employees,
                    Turnover = d.Turnover,
                    Sector = Blank(d.Sector),
                    SelfCheckAnswers = Blank(d.SelfCheckAnswers) is { } code ? SelfCheckCode.Format(SelfCheckCode.Parse(code)) : null,
                    Status = ProspectStatus.New,
                    CreatedAt = now,
                }
            );
    }

    /// <summary>An account manager takes the request; the invitation (its hash) is valid for <see cref="InvitationValidity"/>.</summary>
    public DomainError? Accept(string manager, string invitationHash, DateTimeOffset now)
    {
        if (Status != ProspectStatus.New)
        {
            return new("prospect.transition", $"Request {Reference} is {Status.ToString().ToLowerInvariant()} already.");
        }

        Status = ProspectStatus.Accepted;
        AccountManager = manager;
        DecidedAt = now;
        InvitationHash = invitationHash;
        InvitationExpiresAt = now + InvitationValidity;
        return null;
    }

    /// <summary>A new invitation for an accepted request whose link was lost or expired; the old link stops working.</summary>
    public DomainError? Reissue(string manager, string invitationHash, DateTimeOffset now)
    {
        if (Status != ProspectStatus.Accepted)
        {
            return new(
                "prospect.transition",
                $"Only an accepted request gets a new invitation; {Reference} is {Status.ToString().ToLowerInvariant()}."
            );
        }

        AccountManager = manager;
        InvitationHash = invitationHash;
        InvitationExpiresAt = now + InvitationValidity;
        return null;
    }

    public DomainError? Decline(string manager, string? reason, DateTimeOffset now)
    {
        if (Status != ProspectStatus.New)
        {
            return new("prospect.transition", $"Request {Reference} is {Status.ToString().ToLowerInvariant()} already.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new("prospect.reason", "Say why the request is declined; the requester is told.", "reason");
        }

        Status = ProspectStatus.Declined;
        AccountManager = manager;
        DecidedAt = now;
        DeclineReason = reason.Trim();
        return null;
    }

    /// <summary>Whether an invitation with this hash can be used now.</summary>
    public DomainError? CheckInvitation(string invitationHash, DateTimeOffset now) =>
        Status != ProspectStatus.Accepted || !string.Equals(InvitationHash, invitationHash, StringComparison.Ordinal)
            ? new(Problems.NotFound, "This invitation is not valid: it was used already, replaced by a newer one, or never existed.")
        : now >= InvitationExpiresAt
            ? new(
                "prospect.expired",
                $"This invitation expired on {InvitationExpiresAt:yyyy-MM-dd}; ask your account manager for a new one."
            )
        : null;

    /// <summary>The invitation is used: the trader account exists. The link stops working.</summary>
    public DomainError? Join(string invitationHash, string userName, DateTimeOffset now)
    {
        if (CheckInvitation(invitationHash, now) is { } error)
        {
            return error;
        }

        Status = ProspectStatus.Joined;
        JoinedAt = now;
        JoinedAs = userName;
        InvitationHash = null;
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool LooksLikeEmail(string? email) =>
        email?.Trim() is { Length: >= 3 } e
        && e.IndexOf('@', StringComparison.Ordinal) is var at
        && at > 0
        && at == e.LastIndexOf('@')
        && e.IndexOf('.', at) > at + 1
        && !e.EndsWith('.')
        && !e.Any(char.IsWhiteSpace);

    private static class Problems
    {
        public const string NotFound = "not-found";
    }
}
