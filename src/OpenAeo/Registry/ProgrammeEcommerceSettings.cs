using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>A programme's e-commerce benefits (ADR 0043) as <c>GET /programmes/{code}</c> shows them.</summary>
/// <param name="LowValueThreshold">The most a consignment may be worth, declared value in <paramref name="Currency"/>, to take the
/// low-value lane (inclusive).</param>
/// <param name="Merchants"><c>LinkedAndCertified</c> (the default) or <c>Linked</c>: which merchants of an AEO platform qualify.</param>
public sealed record EcommerceSettingsResponse(
    bool LowValueLane,
    decimal LowValueThreshold,
    string? Currency,
    string Merchants,
    bool SimplifiedReturns
)
{
    internal static EcommerceSettingsResponse From(Programme p) =>
        new(
            p.EcommerceLowValueLane,
            p.EcommerceThreshold,
            p.EcommerceCurrency,
            p.EcommerceMerchants.ToString(),
            p.EcommerceSimplifiedReturns
        );
}

/// <summary>The e-commerce part of <c>PUT /programmes/{code}</c>: absent fields keep their value.</summary>
internal static class ProgrammeEcommerceSettings
{
    public static IReadOnlyList<DomainError> Apply(Programme p, UpdateProgrammeRequest r)
    {
        if (
            r.EcommerceLowValueLane is null
            && r.EcommerceThreshold is null
            && r.EcommerceCurrency is null
            && r.EcommerceMerchants is null
            && r.EcommerceSimplifiedReturns is null
        )
        {
            return [];
        }

        var merchants = p.EcommerceMerchants;
        if (
            r.EcommerceMerchants is not null
            && (int.TryParse(r.EcommerceMerchants, out _) || !Enum.TryParse(r.EcommerceMerchants.Trim(), ignoreCase: true, out merchants))
        )
        {
            return [new("programme.ecommerceMerchants", "EcommerceMerchants is LinkedAndCertified or Linked.", "ecommerceMerchants")];
        }

        var settings = new EcommerceSettings(
            r.EcommerceLowValueLane ?? p.EcommerceLowValueLane,
            r.EcommerceThreshold ?? p.EcommerceThreshold,
            merchants,
            r.EcommerceSimplifiedReturns ?? p.EcommerceSimplifiedReturns
        );
        return p.ChangeEcommerce(settings, r.EcommerceCurrency ?? p.EcommerceCurrency);
    }
}
