namespace OpenAeo.Registry;

/// <summary>
/// The zone a signed-in person reads instants in (ADR 0066): their own choice (<see cref="Domain.Registry.UserAccount.TimeZone"/>),
/// else the node's (its programme's zone, UTC without one). Pages that show when something happened to a person format it
/// with this zone and its abbreviation; days that belong to a programme or an office keep their own zone.
/// </summary>
internal static class ViewerZones
{
    /// <summary>The signed-in person's zone id; null for an anonymous visitor, whose pages keep their own zone.</summary>
    public static async Task<string?> ViewerZoneIdAsync(this OpenAeoDb db, ClaimsPrincipal user, string nodeEconomy, CancellationToken ct)
    {
        if (user.Identity is not { IsAuthenticated: true, Name: { } name })
        {
            return null;
        }

        var chosen = await db.Users().AsNoTracking().Where(u => u.Name == name).Select(u => u.TimeZone).SingleOrDefaultAsync(ct);
        return chosen ?? await db.HomeZoneIdAsync(nodeEconomy, ct);
    }
}
