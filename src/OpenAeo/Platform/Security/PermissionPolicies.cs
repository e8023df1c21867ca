namespace OpenAeo.Platform.Security;

/// <summary>
/// The authorization policies, generated from the domain's permission table (ADR 0048): one policy per permission,
/// named after it, requiring the roles the table allows. Platform knows no capability, so the table's owner (Registry)
/// hands it over; every policy name an endpoint or page uses is therefore a permission, and a role set written
/// anywhere else is a second table.
/// </summary>
internal static class PermissionPolicies
{
    public static void Add<TPermission, TRole>(AuthorizationOptions options, Func<TPermission, IEnumerable<TRole>> rolesFor)
        where TPermission : struct, Enum
        where TRole : struct, Enum
    {
        foreach (var permission in Enum.GetValues<TPermission>())
        {
            var roles = rolesFor(permission).Select(r => r.ToString()).ToArray();
            options.AddPolicy(permission.ToString(), p => p.RequireRole(roles));
        }
    }
}
