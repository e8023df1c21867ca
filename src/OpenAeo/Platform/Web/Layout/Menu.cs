using OpenAeo.Domain.Registry;

namespace OpenAeo.Platform.Web.Layout;

/// <summary>The menu's groups, by task rather than by table; the order is the order on screen.</summary>
internal enum MenuGroup
{
    /// <summary>What an anonymous visitor sees: the programme, partners and the public status check.</summary>
    Public,
    Certification,
    Border,
    MutualRecognition,
    Analysis,
    Administration,
}

/// <summary>One link of the menu.</summary>
/// <param name="Label">Its key in <c>NavMenu.resx</c>.</param>
/// <param name="Href">Its address; <c>{operator}</c> stands for the signed-in trader's TIN (the entry is hidden without one).</param>
/// <param name="Needs">
/// The permission of the table (<see cref="Permissions"/>) a user needs, through one of its roles, to see it; none for
/// the public links shown to a visitor who is not signed in. Hiding a link is convenience, not security: every page
/// checks its policy again.
/// </param>
internal sealed record MenuEntry(string Label, string Href, MenuGroup Group, Permission? Needs)
{
    public bool Sees(ClaimsPrincipal user) =>
        Needs is { } permission
            ? Enum.GetValues<Role>().Any(r => user.IsInRole(r.ToString()) && Permissions.Allows(r, permission))
            : user.Identity?.IsAuthenticated != true;
}

/// <summary>The menu as data: the layout renders it, groups it and marks the current page.</summary>
internal static class Menu
{
    public static readonly IReadOnlyList<MenuEntry> Entries =
    [
        new("Programmes", "/programmes", MenuGroup.Public, null),
        new("Economies", "/economies", MenuGroup.Public, null),
        new("Mras", "/mras", MenuGroup.Public, null),
        new("CheckAnAeo", "/status", MenuGroup.Public, null),
        new("Agencies", "/agencies", MenuGroup.Public, null),
        new("Applications", "/applications", MenuGroup.Certification, Permission.SignIn),
        new("Certificates", "/certificates", MenuGroup.Certification, Permission.SignIn),
        new("SupplyChains", "/supply-chains", MenuGroup.Certification, Permission.SignIn),
        new("Monitoring", "/monitoring", MenuGroup.Certification, Permission.DecideApplications),
        new("Operators", "/operators", MenuGroup.Certification, Permission.ReadOperators),
        new("MyCompany", "/operators/{operator}", MenuGroup.Certification, Permission.ActForOwnOperator),
        new("Programmes", "/programmes", MenuGroup.Certification, Permission.SignIn),
        new("BorderQueue", "/clearance", MenuGroup.Border, Permission.WorkBorderQueue),
        new("AgencyQueue", "/clearance/agency", MenuGroup.Border, Permission.DecideAgencyCases),
        new("MyDeclarations", "/clearance/mine", MenuGroup.Border, Permission.ActForOwnOperator),
        new("RiskRules", "/clearance/rules", MenuGroup.Border, Permission.ReadRiskRules),
        new("Agencies", "/agencies", MenuGroup.Border, Permission.SignIn),
        new("Mras", "/mras", MenuGroup.MutualRecognition, Permission.SignIn),
        new("RecognisedWhere", "/operators/{operator}/recognised-abroad", MenuGroup.MutualRecognition, Permission.ActForOwnOperator),
        new("Recognition", "/recognition", MenuGroup.MutualRecognition, Permission.ReadOperators),
        new("Partners", "/partners", MenuGroup.MutualRecognition, Permission.ReadOperators),
        new("CheckAnAeo", "/status", MenuGroup.MutualRecognition, Permission.SignIn),
        new("Economies", "/economies", MenuGroup.MutualRecognition, Permission.SignIn),
        new("Insights", "/insights", MenuGroup.Analysis, Permission.ReadOperators),
        new("TimeRelease", "/trs", MenuGroup.Analysis, Permission.RunStudies),
        new("Surveys", "/insights/surveys", MenuGroup.Analysis, Permission.ManageSurveys),
        new("Accounts", "/admin/accounts", MenuGroup.Administration, Permission.Administer),
        new("AuditTrail", "/admin/audit", MenuGroup.Administration, Permission.Administer),
        new("Webhooks", "/admin/webhooks", MenuGroup.Administration, Permission.Administer),
    ];

    /// <summary>The entries the user sees, their addresses filled in, grouped in screen order.</summary>
    public static IReadOnlyList<IGrouping<MenuGroup, (MenuEntry Entry, string Href)>> For(ClaimsPrincipal user)
    {
        var tin = user.FindFirst("openaeo:operator")?.Value;
        return
        [
            .. Entries
                .Where(e => e.Sees(user))
                .Where(e => tin is not null || !e.Href.Contains("{operator}", StringComparison.Ordinal))
                .Select(e => (Entry: e, Href: e.Href.Replace("{operator}", Uri.EscapeDataString(tin ?? ""), StringComparison.Ordinal)))
                .GroupBy(e => e.Entry.Group)
                .OrderBy(g => g.Key),
        ];
    }

    /// <summary>
    /// Whether <paramref name="href"/> is the page at <paramref name="path"/> or the section it belongs to: the longest
    /// matching entry wins, so <c>/clearance/rules</c> marks "Risk rules", not "Border queue".
    /// </summary>
    public static bool IsCurrent(string href, string path, IEnumerable<string> all)
    {
        static bool Under(string h, string p) => h == "/" ? p == "/" : p == h || p.StartsWith(h + "/", StringComparison.Ordinal);
        return Under(href, path) && !all.Any(other => other.Length > href.Length && Under(other, path));
    }
}
