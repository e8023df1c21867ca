using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Registry;

/// <summary>What a signed-in person or machine is allowed to do in OpenAeo.</summary>
public enum Role
{
    Admin,
    ProgrammeOfficer,
    AccountManager,
    BorderOfficer,
    OgaOfficer,
    Analyst,

    /// <summary>A person acting for one operator; sees only that operator's data.</summary>
    Trader,

    /// <summary>A partner customs administration's machine; sees only what its agreement allows.</summary>
    Partner,
}

/// <summary>Who may do what with the registry. One place, so the API, the UI and the CLI agree.</summary>
public static class RegistryPermissions
{
    public static readonly IReadOnlySet<Role> Officers = new HashSet<Role>
    {
        Role.Admin, Role.ProgrammeOfficer, Role.AccountManager, Role.BorderOfficer, Role.OgaOfficer, Role.Analyst,
    };

    /// <summary>
    /// People: officers and traders. A partner administration's account is a machine that replicates the status
    /// exchange under its agreement; the registry, applications and clearance are not its business.
    /// </summary>
    public static readonly IReadOnlySet<Role> People = new HashSet<Role>(Officers) { Role.Trader };

    public static readonly IReadOnlySet<Role> ReferenceDataEditors = new HashSet<Role> { Role.Admin, Role.ProgrammeOfficer };

    public static readonly IReadOnlySet<Role> OperatorEditors = new HashSet<Role> { Role.Admin, Role.ProgrammeOfficer, Role.AccountManager };

    public static bool CanReadOperator(Role role, string? actorOperatorTin, Tin operatorTin) =>
        Officers.Contains(role) || (role == Role.Trader && actorOperatorTin == operatorTin.Value);

    public static bool CanListOperators(Role role) => Officers.Contains(role);

    /// <summary>
    /// Officers who edit operators may change anything; a trader may keep its own size, sector and consent up to
    /// date, but not its identity (name, economy) or roles, which customs verifies.
    /// </summary>
    public static DomainError? CheckOperatorUpdate(Role role, string? actorOperatorTin, Operator current, OperatorDetails proposed)
    {
        if (OperatorEditors.Contains(role))
        {
            return null;
        }

        if (role != Role.Trader || actorOperatorTin != current.Tin.Value)
        {
            return new DomainError("forbidden", "Your role may not change this operator.");
        }

        var identityChanged = !string.Equals(proposed.LegalName?.Trim(), current.LegalName, StringComparison.Ordinal)
            || (!string.IsNullOrWhiteSpace(proposed.EconomyCode) && !string.Equals(proposed.EconomyCode.Trim(), current.EconomyCode, StringComparison.OrdinalIgnoreCase))
            || proposed.Roles != current.Roles;
        return identityChanged
            ? new DomainError("forbidden", "A trader may update employees, turnover, sector and consent; the legal name, economy and roles are changed by the programme office.")
            : null;
    }
}

/// <summary>A local account: a person who signs in with a password, or a machine that uses an API key.</summary>
public sealed class UserAccount
{
    private UserAccount()
    {
    }

    public int Id { get; private set; }

    /// <summary>Sign-in name, unique, lower case.</summary>
    public string Name { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public Role Role { get; private set; }

    /// <summary>For a trader, the operator it acts for.</summary>
    public string? OperatorTin { get; private set; }

    /// <summary>For a partner administration, its economy.</summary>
    public string? PartnerEconomy { get; private set; }

    /// <summary>For an agency officer, the agency (e.g. FDA) whose permits and inspections it decides.</summary>
    public string? Agency { get; private set; }

    public string? PasswordHash { get; private set; }

    /// <summary>SHA-256 of the API key (keys are random and long, so a fast hash is safe and lets us look them up).</summary>
    public string? ApiKeyHash { get; private set; }

    public bool Disabled { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Result<UserAccount> Create(string name, string? displayName, Role role, Tin? operatorTin, string? partnerEconomy, DateTimeOffset now, string? agency = null)
    {
        var errors = new List<DomainError>();
        var login = (name ?? "").Trim().ToLowerInvariant();
        if (login.Length is < 2 or > 64 || !login.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            errors.Add(new("user.name", "A user name is 2 to 64 letters, digits, dots, hyphens, underscores or @.", "name"));
        }

        if (role == Role.Trader && operatorTin is null)
        {
            errors.Add(new("user.operator", "A trader account acts for one operator: give its TIN.", "operator"));
        }

        if (role != Role.Trader && operatorTin is not null)
        {
            errors.Add(new("user.operator", "Only a trader account is bound to an operator.", "operator"));
        }

        var economy = string.IsNullOrWhiteSpace(partnerEconomy) ? null : partnerEconomy.Trim().ToUpperInvariant();
        if (role == Role.Partner && (economy is null || !Economy.IsEconomyCode(economy)))
        {
            errors.Add(new("user.partnerEconomy", "A partner account names the partner administration's economy (two-letter code).", "economy"));
        }

        if (role != Role.Partner && economy is not null)
        {
            errors.Add(new("user.partnerEconomy", "Only a partner account names a partner economy.", "economy"));
        }

        // An agency officer decides only its own agency's permits, so its account must say which agency that is.
        var agencyCode = string.IsNullOrWhiteSpace(agency) ? null : agency.Trim().ToUpperInvariant();
        if (role == Role.OgaOfficer && (agencyCode is null || agencyCode.Length > 20 || !agencyCode.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            errors.Add(new("user.agency", "An agency officer's account names its agency (a code of 1 to 20 letters, digits, hyphens or underscores, e.g. FDA).", "agency"));
        }

        if (role != Role.OgaOfficer && agencyCode is not null)
        {
            errors.Add(new("user.agency", "Only an agency officer's account names an agency.", "agency"));
        }

        return errors.Count > 0
            ? Result<UserAccount>.Fail(errors)
            : Result<UserAccount>.Ok(new UserAccount
            {
                Name = login,
                DisplayName = string.IsNullOrWhiteSpace(displayName) ? login : displayName.Trim(),
                Role = role,
                OperatorTin = operatorTin?.Value,
                PartnerEconomy = role == Role.Partner ? economy : null,
                Agency = role == Role.OgaOfficer ? agencyCode : null,
                CreatedAt = now,
            });
    }

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    public void SetApiKeyHash(string hash) => ApiKeyHash = hash;

    public void Disable() => Disabled = true;
}
