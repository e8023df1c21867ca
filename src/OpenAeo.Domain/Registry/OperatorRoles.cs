namespace OpenAeo.Domain.Registry;

/// <summary>The parts an operator plays in the international movement of goods (WCO SAFE AEO roles).</summary>
[Flags]
public enum OperatorRoles
{
    None = 0,
    Importer = 1 << 0,
    Exporter = 1 << 1,
    Manufacturer = 1 << 2,
    CustomsBroker = 1 << 3,
    FreightForwarder = 1 << 4,
    RoadCarrier = 1 << 5,
    SeaCarrier = 1 << 6,
    AirCarrier = 1 << 7,
    GroundHandler = 1 << 8,
    WarehouseOperator = 1 << 9,
    LogisticsOperator = 1 << 10,
    TerminalOperator = 1 << 11,
    Courier = 1 << 12,
    ShippingAgent = 1 << 13,
    EcommercePlatform = 1 << 14,
    EcommerceMerchant = 1 << 15,
}

public static class OperatorRoleNames
{
    public static IReadOnlyList<OperatorRoles> All { get; } = [.. Enum.GetValues<OperatorRoles>().Where(r => r != OperatorRoles.None)];

    /// <summary>
    /// Reads a list such as <c>importer;Customs broker;e-commerce platform</c>. Names are matched ignoring case,
    /// spaces, hyphens and underscores.
    /// </summary>
    /// <returns>The roles, or the first name that is not a role.</returns>
    public static (OperatorRoles Roles, string? Unknown) Parse(string? text, char separator = ';')
    {
        var roles = OperatorRoles.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return (roles, null);
        }

        foreach (var raw in text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var role = ParseOne(raw);
            if (role is null)
            {
                return (roles, raw);
            }

            roles |= role.Value;
        }

        return (roles, null);
    }

    public static OperatorRoles? ParseOne(string name)
    {
        if (name.Any(c => !char.IsAsciiLetter(c) && c is not (' ' or '-' or '_')))
        {
            return null;
        }

        var key = new string([.. name.Where(char.IsAsciiLetter)]);
        foreach (var role in All)
        {
            if (string.Equals(role.ToString(), key, StringComparison.OrdinalIgnoreCase))
            {
                return role;
            }
        }

        return null;
    }

    public static IEnumerable<OperatorRoles> Split(OperatorRoles roles) => All.Where(r => roles.HasFlag(r));

    /// <summary>Human label: <c>CustomsBroker</c> becomes "Customs broker".</summary>
    public static string Label(OperatorRoles role) =>
        role switch
        {
            OperatorRoles.EcommercePlatform => "E-commerce platform",
            OperatorRoles.EcommerceMerchant => "E-commerce merchant",
            _ => Words.FromPascalCase(role.ToString()),
        };

    public static string Format(OperatorRoles roles, string separator = ";") =>
        string.Join(separator, Split(roles).Select(r => r.ToString()));
}
