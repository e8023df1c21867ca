using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Security;

namespace OpenAeo.Registry;

/// <summary>Who is acting: a signed-in person, a machine with an API key, or the CLI.</summary>
internal sealed record Actor(string Name, Role Role, string? OperatorTin, string? PartnerEconomy, string? Agency = null)
{
    /// <summary>The command line runs with the rights of whoever can run the binary on the server.</summary>
    public static Actor Cli => new($"cli:{Environment.UserName}", Role.Admin, null, null);

    public static Actor System => new("system", Role.Admin, null, null);

    /// <summary>
    /// Who is acting, bound from the request for a use case mapped directly (ADR 0072). Only endpoints that require a
    /// signed-in caller take an <see cref="Actor"/>, so the caller is known by the time it is bound.
    /// </summary>
    public static ValueTask<Actor?> BindAsync(HttpContext http) => ValueTask.FromResult(From(http.User));

    public static Actor? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || !Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }

        return new Actor(
            user.Identity.Name ?? "?",
            role,
            user.FindFirstValue(OpenAeoClaims.Operator),
            user.FindFirstValue(OpenAeoClaims.PartnerEconomy),
            user.FindFirstValue(OpenAeoClaims.Agency)
        );
    }

    public static IReadOnlyList<Claim> Claims(UserAccount account)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(global::System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.Name),
            new(ClaimTypes.GivenName, account.DisplayName),
            new(ClaimTypes.Role, account.Role.ToString()),
            new(OpenAeoClaims.Session, account.SessionVersion.ToString(global::System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (account.OperatorTin is { } tin)
        {
            claims.Add(new(OpenAeoClaims.Operator, tin));
        }

        if (account.Agency is { } agency)
        {
            claims.Add(new(OpenAeoClaims.Agency, agency));
        }

        if (account.PartnerEconomy is { } economy)
        {
            claims.Add(new(OpenAeoClaims.PartnerEconomy, economy));
        }

        return claims;
    }
}

/// <summary>Authorisation policies: each is a <see cref="Permission"/> of the one table, <see cref="Permissions"/>.</summary>
internal static class Policies
{
    public const string Officers = nameof(Permission.ReadOperators);
    public const string ReferenceDataEditors = nameof(Permission.EditReferenceData);
    public const string OperatorEditors = nameof(Permission.EditOperators);
    public const string Admins = nameof(Permission.Administer);

    /// <summary>A person signed in: any officer or a trader, never a partner's machine account (it has the exchange only).</summary>
    public const string SignedIn = nameof(Permission.SignIn);

    /// <summary>Every permission of the table as the policy of its name (generated in Platform): the other capabilities' policies
    /// too.</summary>
    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions o) =>
        PermissionPolicies.Add<Permission, Role>(o, Permissions.RolesFor);
}
