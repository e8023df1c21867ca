using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

/// <summary>
/// An e-commerce platform's merchant links (ADR 0043): the sellers it vouches for, on which the e-commerce benefits at the
/// border rest. The platform's own trader keeps them, and the programme office may too.
/// </summary>
public static class MerchantLinkRules
{
    /// <summary>Officers who edit operators, or the platform's own trader.</summary>
    public static bool MayChange(Role role, string? actorOperatorTin, Tin platform) =>
        Permissions.Allows(role, Permission.EditOperators) || (role == Role.Trader && actorOperatorTin == platform.Value);

    /// <summary>Why the merchant cannot be linked to the platform, or nothing when it can.</summary>
    /// <param name="merchant">The merchant as the registry knows it; null when it is not registered.</param>
    /// <param name="linked">The platform has linked the merchant already.</param>
    public static IReadOnlyList<DomainError> CheckLink(Operator platform, Tin merchantTin, Operator? merchant, bool linked)
    {
        if (!platform.Roles.HasFlag(OperatorRoles.EcommercePlatform))
        {
            return
            [
                new(
                    "merchant-link.status",
                    $"{platform.Tin} is not registered as an e-commerce platform: the programme office adds the role first.",
                    "tin"
                ),
            ];
        }

        if (merchantTin == platform.Tin)
        {
            return [new("merchant-link.self", "A platform does not link itself as its merchant.", "merchantTin")];
        }

        if (merchant is null)
        {
            return
            [
                new(
                    "merchant-link.merchant",
                    $"Operator {merchantTin} is not in the registry: a merchant is registered before a platform links it.",
                    "merchantTin"
                ),
            ];
        }

        return linked ? [new("merchant-link.exists", $"{merchantTin} is linked to {platform.Tin} already.", "merchantTin")] : [];
    }
}
