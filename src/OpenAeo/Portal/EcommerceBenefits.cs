using System.Globalization;
using System.Resources;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Localization;

namespace OpenAeo.Portal;

/// <summary>
/// The catalogue lines of a programme's e-commerce benefits (ADR 0043), with their words in every language OpenAeo
/// speaks (from <c>Resources/Portal/EcommerceBenefits*.resx</c>), like a benefit an officer wrote in each language.
/// </summary>
internal static class EcommerceBenefits
{
    private static readonly ResourceManager Words = new("OpenAeo.Resources.Portal.EcommerceBenefits", typeof(EcommerceBenefits).Assembly);

    public static IEnumerable<CatalogueEntry> Entries(Programme programme)
    {
        if (!programme.GrantsEcommerceBenefits)
        {
            return [];
        }

        List<BenefitText> lane = [],
            returns = [];
        foreach (var (code, _) in Languages.Supported)
        {
            var culture = CultureInfo.GetCultureInfo(code);
            string Say(string name) => Words.GetString(name, culture) ?? name;
            var threshold = programme.EcommerceThreshold.ToString("#,0.##", culture);
            lane.Add(
                new BenefitText(
                    code,
                    Say("LaneTitle"),
                    string.Format(
                        culture,
                        Say("LaneDescription"),
                        threshold,
                        programme.EcommerceCurrency,
                        Say($"Merchants.{programme.EcommerceMerchants}")
                    )
                )
            );
            returns.Add(new BenefitText(code, Say("ReturnsTitle"), Say("ReturnsDescription")));
        }

        return EcommerceCatalogue.Entries(programme, lane, returns);
    }
}
