namespace OpenAeo.Domain.Registry;

/// <summary>Which merchants of an AEO platform the programme gives the e-commerce benefits.</summary>
public enum MerchantCondition
{
    /// <summary>A merchant the platform linked that holds its own valid AEO certificate (the default: the platform's status alone does not
    /// vouch for the seller).</summary>
    LinkedAndCertified,

    /// <summary>Any merchant the platform linked: the programme trusts the AEO platform's own vetting of its sellers.</summary>
    Linked,
}

// A programme's settings live with the programme; the rule that applies them at the border is Clearance's EcommerceLane.

/// <summary>
/// The programme's e-commerce benefits (issue 14 item 9, ADR 0043): a consolidated low-value lane for the merchants of
/// an AEO platform, and simplified returns. Off unless the programme turns them on.
/// </summary>
/// <param name="LowValueThreshold">The most a consignment may be worth (in the programme's currency, declared value) to take the low-value
/// lane.</param>
/// <param name="Merchants">Which merchants of an AEO platform qualify.</param>
/// <param name="SimplifiedReturns">A return of goods the merchant sold through the platform is released on the original declaration's
/// reference.</param>
public sealed record EcommerceSettings(bool LowValueLane, decimal LowValueThreshold, MerchantCondition Merchants, bool SimplifiedReturns)
{
    public static readonly EcommerceSettings Off = new(false, 0, MerchantCondition.LinkedAndCertified, false);

    public static Result<EcommerceSettings> Validate(EcommerceSettings s) =>
        s.LowValueLane && s.LowValueThreshold <= 0
            ? new DomainError("ecommerce.threshold", "The low-value lane needs a threshold above zero.", "lowValueThreshold")
        : s.LowValueThreshold < 0 ? new DomainError("ecommerce.threshold", "The low-value threshold is not negative.", "lowValueThreshold")
        : Result<EcommerceSettings>.Ok(s);
}

/// <summary>The catalogue lines of a programme's e-commerce benefits (ADR 0031, ADR 0043): there when the programme turns them
/// on.</summary>
public static class EcommerceCatalogue
{
    public const string LaneKey = "ecommerce:low-value-lane";
    public const string ReturnsKey = "ecommerce:simplified-returns";

    /// <param name="lane">The low-value lane's words, one per language.</param>
    /// <param name="returns">Simplified returns' words, one per language.</param>
    public static IEnumerable<CatalogueEntry> Entries(
        Programme programme,
        IReadOnlyList<BenefitText> lane,
        IReadOnlyList<BenefitText> returns
    )
    {
        const OperatorRoles Sellers = OperatorRoles.EcommercePlatform | OperatorRoles.EcommerceMerchant;
        if (programme.EcommerceLowValueLane)
        {
            yield return new CatalogueEntry(
                LaneKey,
                BenefitKind.Customs,
                BenefitFamily.FewerControls,
                Sellers,
                [],
                BenefitPlaces.Import,
                BenefitDelivery.EcommerceLane,
                lane
            );
        }

        if (programme.EcommerceSimplifiedReturns)
        {
            yield return new CatalogueEntry(
                ReturnsKey,
                BenefitKind.Customs,
                BenefitFamily.SimplifiedProcedures,
                Sellers,
                [],
                BenefitPlaces.Import,
                BenefitDelivery.Procedure,
                returns
            );
        }
    }
}
