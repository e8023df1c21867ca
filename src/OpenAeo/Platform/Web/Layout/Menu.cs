using System.Security.Claims;
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
/// <param name="Sees">
/// Who sees it: the one field that says so, so that it can read the permission table (<c>Permissions.Allows(role, Permission.X)</c>)
/// with a one-line change. Hiding a link is convenience, not security: every page checks its roles again.
/// </param>
internal sealed record MenuEntry(string Label, string Href, MenuGroup Group, Func<ClaimsPrincipal, bool> Sees);

/// <summary>The menu as data: the layout renders it, groups it and marks the current page.</summary>
internal static class Menu
{
    private static readonly Role[] Officers = [Role.Admin, Role.ProgrammeOfficer, Role.AccountManager, Role.BorderOfficer, Role.OgaOfficer, Role.Analyst];

    private static readonly Role[] People = [.. Officers, Role.Trader];

    public static readonly IReadOnlyList<MenuEntry> Entries =
    [
        new("Programmes", "/programmes", MenuGroup.Public, Anonymous),
        new("Economies", "/economies", MenuGroup.Public, Anonymous),
        new("Mras", "/mras", MenuGroup.Public, Anonymous),
        new("CheckAnAeo", "/status", MenuGroup.Public, Anonymous),
        new("Agencies", "/agencies", MenuGroup.Public, Anonymous),

        new("Applications", "/applications", MenuGroup.Certification, Any(People)),
        new("Certificates", "/certificates", MenuGroup.Certification, Any(People)),
        new("SupplyChains", "/supply-chains", MenuGroup.Certification, Any(People)),
        new("Monitoring", "/monitoring", MenuGroup.Certification, Any(Role.Admin, Role.ProgrammeOfficer, Role.AccountManager)),
        new("Operators", "/operators", MenuGroup.Certification, Any(Officers)),
        new("MyCompany", "/operators/{operator}", MenuGroup.Certification, Any(Role.Trader)),
        new("Programmes", "/programmes", MenuGroup.Certification, Any(People)),

        new("BorderQueue", "/clearance", MenuGroup.Border, Any(Role.Admin, Role.BorderOfficer)),
        new("AgencyQueue", "/clearance/agency", MenuGroup.Border, Any(Role.Admin, Role.OgaOfficer)),
        new("MyDeclarations", "/clearance/mine", MenuGroup.Border, Any(Role.Trader)),
        new("RiskRules", "/clearance/rules", MenuGroup.Border, Any(Role.Admin, Role.BorderOfficer, Role.Analyst)),
        new("Agencies", "/agencies", MenuGroup.Border, Any(People)),

        new("Mras", "/mras", MenuGroup.MutualRecognition, Any(People)),
        new("RecognisedWhere", "/operators/{operator}/recognised-abroad", MenuGroup.MutualRecognition, Any(Role.Trader)),
        new("Recognition", "/recognition", MenuGroup.MutualRecognition, Any(Officers)),
        new("Partners", "/partners", MenuGroup.MutualRecognition, Any(Officers)),
        new("CheckAnAeo", "/status", MenuGroup.MutualRecognition, Any(People)),
        new("Economies", "/economies", MenuGroup.MutualRecognition, Any(People)),

        new("Insights", "/insights", MenuGroup.Analysis, Any(Officers)),
        new("TimeRelease", "/trs", MenuGroup.Analysis, Any(Role.Admin, Role.ProgrammeOfficer, Role.Analyst)),
        new("Surveys", "/insights/surveys", MenuGroup.Analysis, Any(Officers)),

        new("Accounts", "/admin/accounts", MenuGroup.Administration, Any(Role.Admin)),
        new("AuditTrail", "/admin/audit", MenuGroup.Administration, Any(Role.Admin)),
        new("Webhooks", "/admin/webhooks", MenuGroup.Administration, Any(Role.Admin)),
    ];

    /// <summary>The entries the user sees, their addresses filled in, grouped in screen order.</summary>
    public static IReadOnlyList<IGrouping<MenuGroup, (MenuEntry Entry, string Href)>> For(ClaimsPrincipal user)
    {
        var tin = user.FindFirst("openaeo:operator")?.Value;
        return [.. Entries.Where(e => e.Sees(user))
            .Where(e => tin is not null || !e.Href.Contains("{operator}", StringComparison.Ordinal))
            .Select(e => (Entry: e, Href: e.Href.Replace("{operator}", Uri.EscapeDataString(tin ?? ""), StringComparison.Ordinal)))
            .GroupBy(e => e.Entry.Group)
            .OrderBy(g => g.Key)];
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

    private static bool Anonymous(ClaimsPrincipal user) => user.Identity?.IsAuthenticated != true;

    private static Func<ClaimsPrincipal, bool> Any(params Role[] roles) => user => roles.Any(r => user.IsInRole(r.ToString()));
}
