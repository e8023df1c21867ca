namespace OpenAeo.Domain.Registry;

// E-commerce benefits (issue 14 item 9, ADR 0043): kept apart from ProgrammeDefinition like the decision and monitoring rules.
public sealed partial class Programme
{
    public bool EcommerceLowValueLane { get; private set; }

    /// <summary>The most a consignment may be worth (declared value, in <see cref="EcommerceCurrency"/>) to take the low-value
    /// lane.</summary>
    public decimal EcommerceThreshold { get; private set; }

    /// <summary>The ISO 4217 currency of <see cref="EcommerceThreshold"/>: the currency declarations here are valued in.</summary>
    public string? EcommerceCurrency { get; private set; }

    public MerchantCondition EcommerceMerchants { get; private set; }

    public bool EcommerceSimplifiedReturns { get; private set; }

    public EcommerceSettings Ecommerce => new(EcommerceLowValueLane, EcommerceThreshold, EcommerceMerchants, EcommerceSimplifiedReturns);

    /// <summary>Any e-commerce benefit is on.</summary>
    public bool GrantsEcommerceBenefits => EcommerceLowValueLane || EcommerceSimplifiedReturns;

    /// <summary>Sets the e-commerce benefits; the low-value lane needs a threshold above zero and its currency (three letters).</summary>
    public IReadOnlyList<DomainError> ChangeEcommerce(EcommerceSettings settings, string? currency)
    {
        var errors = new List<DomainError>();
        if (!Enum.IsDefined(settings.Merchants))
        {
            errors.Add(new("programme.ecommerceMerchants", "EcommerceMerchants is LinkedAndCertified or Linked.", "ecommerceMerchants"));
        }

        errors.AddRange(EcommerceSettings.Validate(settings).Errors.Select(e => e with { Field = "ecommerceThreshold" }));
        if (Limits.Money.Problem(settings.LowValueThreshold, "The low-value threshold") is { } money)
        {
            errors.Add(new("ecommerce.threshold", money, "ecommerceThreshold"));
        }

        var code = string.IsNullOrWhiteSpace(currency) ? null : currency.Trim().ToUpperInvariant();
        if (code is not null && (code.Length != 3 || !code.All(char.IsAsciiLetterUpper)))
        {
            errors.Add(
                new(
                    "programme.ecommerceCurrency",
                    $"'{currency}' is not an ISO 4217 currency code (three letters, such as TWD).",
                    "ecommerceCurrency"
                )
            );
        }
        else if (settings.LowValueLane && code is null)
        {
            errors.Add(
                new("programme.ecommerceCurrency", "The low-value lane's threshold needs its currency (such as TWD).", "ecommerceCurrency")
            );
        }

        if (errors.Count == 0)
        {
            (EcommerceLowValueLane, EcommerceThreshold, EcommerceMerchants, EcommerceSimplifiedReturns, EcommerceCurrency) = (
                settings.LowValueLane,
                settings.LowValueThreshold,
                settings.Merchants,
                settings.SimplifiedReturns,
                code
            );
        }

        return errors;
    }
}
