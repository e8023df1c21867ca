namespace OpenAeo.Domain.Registry;

/// <summary>
/// What a role may be allowed to do. Each is one authorization policy of the same name (the app generates them from
/// <see cref="Permissions"/>), so an endpoint, a page or the menu names a permission, never a list of roles.
/// Per-record rules (a trader sees only its own operator, an agency only its own cases) are checked again in the
/// handlers on top of these.
/// </summary>
// The reserved suffix is for code access security's permission classes, which .NET no longer has; here it is the word users read.
#pragma warning disable CA1711
public enum Permission
#pragma warning restore CA1711
{
    /// <summary>Use the people's pages and API: every officer and a trader, never a partner's machine account (it has the exchange
    /// only).</summary>
    SignIn,

    /// <summary>Read the register of operators and the officers' views of every capability.</summary>
    ReadOperators,

    /// <summary>Register and change operators.</summary>
    EditOperators,

    /// <summary>Change economies, programmes, criteria, benefits and the other reference data.</summary>
    EditReferenceData,

    /// <summary>Work an application from the customs side: review, request information, decide.</summary>
    DecideApplications,

    /// <summary>Lodge declarations (a trader only for its own operator).</summary>
    LodgeDeclarations,

    /// <summary>Read declarations (a trader only its own, an agency officer only those with its cases).</summary>
    ReadDeclarations,

    /// <summary>Read every declaration with its full explanation (risk rules hit, scores, notes) and export them.</summary>
    SeeDeclarationInternals,

    /// <summary>Work the border queue: checks, examinations, release.</summary>
    WorkBorderQueue,

    /// <summary>Read the selectivity risk rules and profiles, and simulate them.</summary>
    ReadRiskRules,

    /// <summary>Write and retire the selectivity risk rules and profiles.</summary>
    EditRiskRules,

    /// <summary>Decide an agency's permits and joint inspections (an officer only for its own agency).</summary>
    DecideAgencyCases,

    /// <summary>Define, run and publish time release studies.</summary>
    RunStudies,

    /// <summary>Create, send and close surveys and read their answers.</summary>
    ManageSurveys,

    /// <summary>Accounts, keys, partner nodes and the other administration of the installation.</summary>
    Administer,

    /// <summary>
    /// Act for one's own operator: its company page, its declarations, where it is recognised abroad (a trader; officers
    /// reach the same records through their own views). The menu's "my" links.
    /// </summary>
    ActForOwnOperator,
}

/// <summary>
/// Who may do what: the one table of the roles allowed each <see cref="Permission"/> (ADR 0005, ADR 0048). The
/// authorization policies, the handlers' role checks and the menu read it; <c>AccessMatrix.md</c> beside it is the
/// other half, the answers every route and page must give each caller, checked by a test.
/// </summary>
public static class Permissions
{
    private static readonly Role[] Officers =
    [
        Role.Admin,
        Role.ProgrammeOfficer,
        Role.AccountManager,
        Role.BorderOfficer,
        Role.OgaOfficer,
        Role.Analyst,
    ];

    private static readonly Dictionary<Permission, IReadOnlySet<Role>> Table = new()
    {
        [Permission.SignIn] = Roles([.. Officers, Role.Trader]),
        [Permission.ReadOperators] = Roles(Officers),
        [Permission.EditOperators] = Roles(Role.Admin, Role.ProgrammeOfficer, Role.AccountManager),
        [Permission.EditReferenceData] = Roles(Role.Admin, Role.ProgrammeOfficer),
        [Permission.DecideApplications] = Roles(Role.Admin, Role.ProgrammeOfficer, Role.AccountManager),
        [Permission.LodgeDeclarations] = Roles(Role.Admin, Role.BorderOfficer, Role.Trader),
        [Permission.ReadDeclarations] = Roles(Role.Admin, Role.BorderOfficer, Role.OgaOfficer, Role.Analyst, Role.Trader),
        [Permission.SeeDeclarationInternals] = Roles(Role.Admin, Role.BorderOfficer, Role.Analyst),
        [Permission.WorkBorderQueue] = Roles(Role.Admin, Role.BorderOfficer),
        [Permission.ReadRiskRules] = Roles(Role.Admin, Role.BorderOfficer, Role.Analyst),
        [Permission.EditRiskRules] = Roles(Role.Admin, Role.BorderOfficer),
        [Permission.DecideAgencyCases] = Roles(Role.Admin, Role.OgaOfficer),
        [Permission.RunStudies] = Roles(Role.Admin, Role.ProgrammeOfficer, Role.Analyst),
        [Permission.ManageSurveys] = Roles(Officers),
        [Permission.Administer] = Roles(Role.Admin),
        [Permission.ActForOwnOperator] = Roles(Role.Trader),
    };

    /// <summary>The roles allowed a permission, in the order of <see cref="Role"/>.</summary>
    public static IReadOnlySet<Role> RolesFor(Permission permission) =>
        Table.TryGetValue(permission, out var roles)
            ? roles
            : throw new ArgumentOutOfRangeException(nameof(permission), permission, "Not in the permission table.");

    public static bool Allows(Role role, Permission permission) => RolesFor(permission).Contains(role);

    /// <summary>Everything a role may do, for a menu or an account page.</summary>
    public static IReadOnlyList<Permission> Of(Role role) => [.. Enum.GetValues<Permission>().Where(p => Allows(role, p))];

    private static SortedSet<Role> Roles(params Role[] roles) => [.. roles];
}
