using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Clearance;

/// <summary>Which merchants of an AEO platform the programme gives the e-commerce benefits.</summary>
public enum MerchantCondition
{
    /// <summary>A merchant the platform linked that holds its own valid AEO certificate (the default: the platform's status alone does not vouch for the seller).</summary>
    LinkedAndCertified,

    /// <summary>Any merchant the platform linked: the programme trusts the AEO platform's own vetting of its sellers.</summary>
    Linked,
}

/// <summary>
/// The programme's e-commerce benefits (issue 14 item 9, ADR 0043): a consolidated low-value lane for the merchants of
/// an AEO platform, and simplified returns. Off unless the programme turns them on.
/// </summary>
/// <param name="LowValueThreshold">The most a consignment may be worth (in the programme's currency, declared value) to take the low-value lane.</param>
/// <param name="Merchants">Which merchants of an AEO platform qualify.</param>
/// <param name="SimplifiedReturns">A return of goods the merchant sold through the platform is released on the original declaration's reference.</param>
public sealed record EcommerceSettings(bool LowValueLane, decimal LowValueThreshold, MerchantCondition Merchants, bool SimplifiedReturns)
{
    public static readonly EcommerceSettings Off = new(false, 0, MerchantCondition.LinkedAndCertified, false);

    public static Result<EcommerceSettings> Validate(EcommerceSettings s) =>
        s.LowValueLane && s.LowValueThreshold <= 0
            ? new DomainError("ecommerce.threshold", "The low-value lane needs a threshold above zero.", "lowValueThreshold")
            : s.LowValueThreshold < 0
                ? new DomainError("ecommerce.threshold", "The low-value threshold is not negative.", "lowValueThreshold")
                : Result<EcommerceSettings>.Ok(s);
}

/// <summary>What selectivity knows of a declaration's e-commerce side on the lodgement date.</summary>
/// <param name="PlatformTin">The platform the declaration names; null when it names none.</param>
/// <param name="PlatformIsAeo">The platform holds a valid AEO certificate here on the lodgement date.</param>
/// <param name="MerchantTin">The merchant (the declaration's principal).</param>
/// <param name="MerchantLinked">The platform registered the merchant as one of its sellers.</param>
/// <param name="MerchantIsAeo">The merchant holds its own valid AEO certificate.</param>
/// <param name="DeclaredValue">The consignment's declared value, in the programme's currency.</param>
/// <param name="IsReturn">The declaration returns goods sold earlier.</param>
public sealed record EcommerceFacts(string? PlatformTin, bool PlatformIsAeo, string MerchantTin, bool MerchantLinked, bool MerchantIsAeo, decimal DeclaredValue, bool IsReturn = false);

/// <summary>The e-commerce benefit a declaration gets, or why it gets none, in words a trader may read.</summary>
public sealed record EcommerceBenefit(bool LowValueLane, bool SimplifiedReturn, string Explanation);

/// <summary>
/// The e-commerce track's benefits at the border, as a pure rule: a consolidated low-value lane (Blue: released, audited
/// after clearance) for a low-value consignment of a qualifying merchant of an AEO platform, and simplified returns.
/// <see cref="Selectivity.Decide"/> applies the lane to what the risk score alone would give: a lane a rule forces, the
/// random draw and the agencies' checks still stand, so the benefit never hides a consignment from targeting or from the
/// control group.
/// </summary>
public static class EcommerceLane
{
    public static EcommerceBenefit? Decide(EcommerceFacts? facts, EcommerceSettings settings)
    {
        if (facts is null || (!settings.LowValueLane && !settings.SimplifiedReturns))
        {
            return null;
        }

        if (facts.PlatformTin is null)
        {
            return null;
        }

        if (!facts.PlatformIsAeo)
        {
            return new(false, false, $"No e-commerce benefit: the platform {facts.PlatformTin} holds no valid AEO certificate.");
        }

        if (!facts.MerchantLinked)
        {
            return new(false, false, $"No e-commerce benefit: {facts.MerchantTin} is not registered as a merchant of the platform {facts.PlatformTin}.");
        }

        if (settings.Merchants == MerchantCondition.LinkedAndCertified && !facts.MerchantIsAeo)
        {
            return new(false, false, $"No e-commerce benefit: the programme gives it to certified merchants of an AEO platform, and {facts.MerchantTin} holds no valid AEO certificate.");
        }

        var lowValue = settings.LowValueLane && facts.DeclaredValue <= settings.LowValueThreshold;
        var simplifiedReturn = settings.SimplifiedReturns && facts.IsReturn;
        var what = new List<string>();
        if (lowValue)
        {
            what.Add($"consolidated low-value lane (declared value {facts.DeclaredValue:0.##} at most {settings.LowValueThreshold:0.##})");
        }
        else if (settings.LowValueLane)
        {
            what.Add($"no low-value lane: the declared value {facts.DeclaredValue:0.##} is above {settings.LowValueThreshold:0.##}");
        }

        if (simplifiedReturn)
        {
            what.Add("simplified return");
        }

        return new(lowValue, simplifiedReturn, $"E-commerce benefit of the AEO platform {facts.PlatformTin} for its merchant {facts.MerchantTin}: {string.Join("; ", what)}.");
    }

}
