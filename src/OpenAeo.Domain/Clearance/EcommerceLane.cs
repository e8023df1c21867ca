using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Clearance;

/// <summary>What selectivity knows of a declaration's e-commerce side on the lodgement date.</summary>
/// <param name="PlatformTin">The platform the declaration names; null when it names none.</param>
/// <param name="PlatformIsAeo">The platform holds a valid AEO certificate here on the lodgement date.</param>
/// <param name="MerchantTin">The merchant (the declaration's principal).</param>
/// <param name="MerchantLinked">The platform registered the merchant as one of its sellers.</param>
/// <param name="MerchantIsAeo">The merchant holds its own valid AEO certificate.</param>
/// <param name="DeclaredValue">The consignment's declared value, in the programme's currency.</param>
/// <param name="IsReturn">The declaration returns goods sold earlier.</param>
public sealed record EcommerceFacts(
    string? PlatformTin,
    bool PlatformIsAeo,
    string MerchantTin,
    bool MerchantLinked,
    bool MerchantIsAeo,
    decimal DeclaredValue,
    bool IsReturn = false
);

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
    /// <summary>
    /// The e-commerce facts of a declaration from what selectivity already knows of its parties: the platform counts as an
    /// AEO only with our own certificate (a local AEO), valid on the lodgement's day in its programme's zone, which is what
    /// its standing says (<see cref="MutualRecognition.Recognition.Recognise"/>); the merchant is the principal, an AEO by
    /// its own standing. Null when the declaration names no platform.
    /// </summary>
    /// <param name="merchantLinked">The platform registered the principal as one of its merchants.</param>
    public static EcommerceFacts? Facts(DeclarationDetails d, IReadOnlyList<PartyStanding> standings, bool merchantLinked)
    {
        if (d.Party(PartyRole.EcommercePlatform) is not { } platform || d.Principal is not { } merchant)
        {
            return null;
        }

        var platformStatus = standings.FirstOrDefault(s => s.Role == PartyRole.EcommercePlatform && s.Tin == platform.Tin)?.Status;
        var merchantIsAeo = standings.FirstOrDefault(s => s.Role == merchant.Role && s.Tin == merchant.Tin)?.IsAeo == true;
        return new EcommerceFacts(
            platform.Tin.Value,
            platformStatus == MutualRecognition.RecognitionResult.LocalAeo,
            merchant.Tin.Value,
            merchantLinked,
            merchantIsAeo,
            d.CustomsValue
        );
    }

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
            return new(
                false,
                false,
                $"No e-commerce benefit: {facts.MerchantTin} is not registered as a merchant of the platform {facts.PlatformTin}."
            );
        }

        if (settings.Merchants == MerchantCondition.LinkedAndCertified && !facts.MerchantIsAeo)
        {
            return new(
                false,
                false,
                "No e-commerce benefit: the programme gives it to certified merchants of an AEO platform, and "
                    + $"{facts.MerchantTin} holds no valid AEO certificate."
            );
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

        return new(
            lowValue,
            simplifiedReturn,
            $"E-commerce benefit of the AEO platform {facts.PlatformTin} for its merchant {facts.MerchantTin}: {string.Join("; ", what)}."
        );
    }
}
