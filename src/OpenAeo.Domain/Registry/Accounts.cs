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

/// <summary>Who may do what with the registry: its role sets and rules, read from the one table, <see cref="Permissions"/>.</summary>
public static class RegistryPermissions
{
    public static readonly IReadOnlySet<Role> Officers = Permissions.RolesFor(Permission.ReadOperators);

    /// <summary>
    /// People: officers and traders. A partner administration's account is a machine that replicates the status
    /// exchange under its agreement; the registry, applications and clearance are not its business.
    /// </summary>
    public static readonly IReadOnlySet<Role> People = Permissions.RolesFor(Permission.SignIn);

    public static readonly IReadOnlySet<Role> ReferenceDataEditors = Permissions.RolesFor(Permission.EditReferenceData);

    public static readonly IReadOnlySet<Role> OperatorEditors = Permissions.RolesFor(Permission.EditOperators);

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

        var identityChanged =
            !string.Equals(proposed.LegalName?.Trim(), current.LegalName, StringComparison.Ordinal)
            || (
                !string.IsNullOrWhiteSpace(proposed.EconomyCode)
                && !string.Equals(proposed.EconomyCode.Trim(), current.EconomyCode, StringComparison.OrdinalIgnoreCase)
            )
            || proposed.Roles != current.Roles;
        return identityChanged
            ? new DomainError(
                "forbidden",
                "A trader may update employees, turnover, sector and consent; the legal name, economy and roles "
                    + "are changed by the programme office."
            )
            : null;
    }
}

/// <summary>A local account: a person who signs in with a password, or a machine that uses an API key.</summary>
public sealed class UserAccount
{
    private UserAccount() { }

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

    /// <summary>
    /// Counts the events that end every session of the account (disabled, password reset). A sign-in cookie carries
    /// the number it was issued with and stops working when the account's number has moved on.
    /// </summary>
    public int SessionVersion { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastSignInAt { get; private set; }

    /// <summary>
    /// The IANA time zone the person reads instants in ("Pacific/Auckland"); null until chosen, which means the node's own
    /// zone (its programme's). Only how instants are shown depends on it: days that belong to a programme or an office stay
    /// in their zone (ADR 0066).
    /// </summary>
    public string? TimeZone { get; private set; }

    public static Result<UserAccount> Create(
        string name,
        string? displayName,
        Role role,
        Tin? operatorTin,
        string? partnerEconomy,
        DateTimeOffset now,
        string? agency = null
    )
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
            errors.Add(
                new("user.partnerEconomy", "A partner account names the partner administration's economy (two-letter code).", "economy")
            );
        }

        if (role != Role.Partner && economy is not null)
        {
            errors.Add(new("user.partnerEconomy", "Only a partner account names a partner economy.", "economy"));
        }

        // An agency officer decides only its own agency's permits, so its account must say which agency that is.
        var agencyCode = string.IsNullOrWhiteSpace(agency) ? null : agency.Trim().ToUpperInvariant();
        if (
            role == Role.OgaOfficer
            && (agencyCode is null || agencyCode.Length > 20 || !agencyCode.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        )
        {
            errors.Add(
                new(
                    "user.agency",
                    "An agency officer's account names its agency (a code of 1 to 20 letters, digits, hyphens or underscores, e.g. FDA).",
                    "agency"
                )
            );
        }

        if (role != Role.OgaOfficer && agencyCode is not null)
        {
            errors.Add(new("user.agency", "Only an agency officer's account names an agency.", "agency"));
        }

        return errors.Count > 0
            ? Result<UserAccount>.Fail(errors)
            : Result<UserAccount>.Ok(
                new UserAccount
                {
                    Name = login,
                    DisplayName = string.IsNullOrWhiteSpace(displayName) ? login : displayName.Trim(),
                    Role = role,
                    OperatorTin = operatorTin?.Value,
                    PartnerEconomy = role == Role.Partner ? economy : null,
                    Agency = role == Role.OgaOfficer ? agencyCode : null,
                    CreatedAt = now,
                }
            );
    }

    public const int MinPasswordLength = 10;

    /// <summary>Long enough for any passphrase; a limit keeps hashing cost bounded.</summary>
    public const int MaxPasswordLength = 200;

    public static DomainError? CheckPassword(string password) =>
        password.Length is < MinPasswordLength or > MaxPasswordLength
            ? new DomainError(
                "user.password",
                $"A password has at least {MinPasswordLength} characters (at most {MaxPasswordLength}).",
                "password"
            )
            : null;

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    public void SetApiKeyHash(string hash) => ApiKeyHash = hash;

    public void SignedIn(DateTimeOffset now) => LastSignInAt = now;

    /// <summary>
    /// A time zone as a person or an administrator writes it: an IANA id exactly as the tz database spells it, one of
    /// <paramref name="knownZones"/> (the app passes its tz database's ids: zones are data); blank means none chosen.
    /// </summary>
    public static Result<string?> CheckTimeZone(string? zone, IReadOnlySet<string> knownZones)
    {
        var id = string.IsNullOrWhiteSpace(zone) ? null : zone.Trim();
        return id is null || (id.Length <= Limits.TimeZone.MaxLength && knownZones.Contains(id))
            ? Result<string?>.Ok(id)
            : Result<string?>.Fail(
                new DomainError(
                    "user.timeZone",
                    "A time zone is an IANA id as the tz database writes it, e.g. Pacific/Auckland or America/Los_Angeles.",
                    "timeZone"
                )
            );
    }

    /// <summary>
    /// The person's own choice of time zone, or an administrator's for them; nobody else may change it. Blank goes back to
    /// the node's zone. Returns the audit action.
    /// </summary>
    public Result<string> ChooseTimeZone(string? zone, string actorName, Role actorRole, IReadOnlySet<string> knownZones)
    {
        if (actorRole != Role.Admin && !string.Equals(actorName, Name, StringComparison.Ordinal))
        {
            return new DomainError("forbidden", "Only the person or an administrator may change an account's time zone.");
        }

        var checkedZone = CheckTimeZone(zone, knownZones);
        if (!checkedZone.IsOk)
        {
            return Result<string>.Fail(checkedZone.Errors);
        }

        TimeZone = checkedZone.Value;
        return Result<string>.Ok("user.time-zone");
    }

    /// <summary>
    /// Applies an administrator's change to the account, or says why it may not. Secrets arrive already hashed: making
    /// and hashing them is the caller's job, deciding what they replace is this one's. Returns the audit action.
    /// </summary>
    public Result<string> Apply(AccountChange change, AccountChangeContext context)
    {
        switch (change)
        {
            case AccountChange.Disable when Disabled:
                return new DomainError("user.transition", $"{Name} is already disabled.");
            case AccountChange.Disable when string.Equals(context.ActorName, Name, StringComparison.Ordinal):
                return new DomainError("user.transition", "You cannot disable your own account; another administrator can.");
            case AccountChange.Disable when Role == Role.Admin && context.EnabledAdmins <= 1:
                return new DomainError("user.transition", $"{Name} is the last enabled administrator; enable or add another first.");
            case AccountChange.Disable:
                Disabled = true;
                SessionVersion++;
                return Result<string>.Ok("user.disabled");
            case AccountChange.Enable when !Disabled:
                return new DomainError("user.transition", $"{Name} is not disabled.");
            case AccountChange.Enable:
                Disabled = false;
                return Result<string>.Ok("user.enabled");
            case AccountChange.ResetPassword when context.PasswordHash is null:
                return new DomainError("user.password", "A new password is needed.", "password");
            case AccountChange.ResetPassword:
                PasswordHash = context.PasswordHash;
                SessionVersion++;
                return Result<string>.Ok("user.password-reset");
            case AccountChange.IssueApiKey when context.ApiKeyHash is null:
                return new DomainError("user.apiKey", "A new API key is needed.", "apiKey");
            case AccountChange.IssueApiKey:
                var rotated = ApiKeyHash is not null;
                ApiKeyHash = context.ApiKeyHash;
                return Result<string>.Ok(rotated ? "user.api-key-rotated" : "user.api-key-issued");
            case AccountChange.RevokeApiKey when ApiKeyHash is null:
                return new DomainError("user.transition", $"{Name} has no API key.");
            case AccountChange.RevokeApiKey:
                ApiKeyHash = null;
                return Result<string>.Ok("user.api-key-revoked");
            case AccountChange.Unlock:
                // The lockout is kept with the failures, not on the account; the account itself does not change.
                return Result<string>.Ok("user.unlocked");
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }
}

/// <summary>What an administrator can do to an existing account.</summary>
public enum AccountChange
{
    /// <summary>Refuses its password and API key from now on and ends its sessions; reversible.</summary>
    Disable,
    Enable,

    /// <summary>A new password (given or generated); ends the account's sessions.</summary>
    ResetPassword,

    /// <summary>Issues a key, or rotates it: the old key stops working at once.</summary>
    IssueApiKey,
    RevokeApiKey,

    /// <summary>Ends a sign-in lockout of the account before its time.</summary>
    Unlock,
}

/// <param name="ActorName">Who makes the change (an administrator may not disable itself).</param>
/// <param name="EnabledAdmins">Enabled Admin accounts now, this one included (the last one may not be disabled).</param>
/// <param name="PasswordHash">For <see cref="AccountChange.ResetPassword"/>: the new password's hash.</param>
/// <param name="ApiKeyHash">For <see cref="AccountChange.IssueApiKey"/>: the new key's hash.</param>
public sealed record AccountChangeContext(string ActorName, int EnabledAdmins, string? PasswordHash = null, string? ApiKeyHash = null);
