namespace OpenAeo.Registry.Pages;

/// <summary>The new-account form of the accounts page; the same <see cref="AddUserRequest"/> the API and <c>users add</c> take.</summary>
public sealed class NewAccountForm
{
    public string? Name { get; set; }

    public string? DisplayName { get; set; }

    public string? Role { get; set; }

    public string? Operator { get; set; }

    public string? PartnerEconomy { get; set; }

    public string? Agency { get; set; }

    public string? Password { get; set; }

    public bool IssueApiKey { get; set; }

    public string? Reason { get; set; }

    public AddUserRequest ToRequest() =>
        new(
            Name,
            DisplayName,
            Role,
            Operator,
            PartnerEconomy,
            string.IsNullOrEmpty(Password) ? null : Password,
            IssueApiKey,
            Reason,
            Agency
        );
}

/// <summary>One change to an account (disable, reset the password, rotate the key …): why, and a new password when it is one.</summary>
public sealed class AccountChangeForm
{
    public string? Reason { get; set; }

    public string? Password { get; set; }

    public AccountChangeRequest ToRequest() => new(Reason, string.IsNullOrEmpty(Password) ? null : Password);
}
