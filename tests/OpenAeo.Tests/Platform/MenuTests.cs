using System.Security.Claims;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Web.Layout;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// The menu reads the permission table (ADR 0048): each role sees exactly the links it saw when the menu listed roles
/// per entry, pinned here role by role, and a visitor who is not signed in sees the public links only.
/// </summary>
public sealed class The_menu_from_the_permission_table
{
    private static readonly string[] People =
    [
        "/applications",
        "/certificates",
        "/supply-chains",
        "/programmes",
        "/agencies",
        "/mras",
        "/status",
        "/economies",
    ];

    private static readonly string[] Officers = [.. People, "/operators", "/recognition", "/partners", "/insights", "/insights/surveys"];

    public static TheoryData<Role, string[]> Roles() =>
        new()
        {
            {
                Role.Admin,
                [
                    .. Officers,
                    "/monitoring",
                    "/clearance",
                    "/clearance/agency",
                    "/clearance/rules",
                    "/trs",
                    "/admin/accounts",
                    "/admin/audit",
                    "/admin/webhooks",
                ]
            },
            { Role.ProgrammeOfficer, [.. Officers, "/monitoring", "/trs"] },
            { Role.AccountManager, [.. Officers, "/monitoring"] },
            { Role.BorderOfficer, [.. Officers, "/clearance", "/clearance/rules"] },
            { Role.OgaOfficer, [.. Officers, "/clearance/agency"] },
            { Role.Analyst, [.. Officers, "/clearance/rules", "/trs"] },
            { Role.Trader, [.. People, "/operators/TW00000003", "/clearance/mine", "/operators/TW00000003/recognised-abroad"] },
            { Role.Partner, [] },
        };

    [Theory]
    [MemberData(nameof(Roles))]
    public void Shows_each_role_the_links_it_always_saw(Role role, string[] links)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, "someone"), new(ClaimTypes.Role, role.ToString()) };
        if (role == Role.Trader)
        {
            claims.Add(new("openaeo:operator", "TW00000003"));
        }

        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));

        Menu.For(user).SelectMany(g => g).Select(e => e.Href).ShouldBe(links, ignoreOrder: true);
    }

    [Fact]
    public void Shows_a_visitor_the_public_links_only()
    {
        Menu.For(new ClaimsPrincipal(new ClaimsIdentity()))
            .SelectMany(g => g)
            .Select(e => e.Href)
            .ShouldBe(["/programmes", "/economies", "/mras", "/status", "/agencies"], ignoreOrder: true);
    }
}
