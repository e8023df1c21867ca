using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.MutualRecognition;

/// <summary>
/// The benefits of each MRA in force on a day, as lines of the home programme's benefits catalogue: at the partners'
/// borders, for the roles and tiers the MRA recognises, delivered by the status exchange (the partner verifies the
/// status by TIN in our signed log). An MRA in force that lists no benefits still gives one line: the status counts there.
/// </summary>
public static class MraCatalogue
{
    /// <param name="name">The MRA's name, which is also the line's title.</param>
    /// <param name="language">The language the MRA registry is written in.</param>
    public static IEnumerable<CatalogueEntry> Entries(
        string home,
        int id,
        string name,
        MraTerms terms,
        IReadOnlyList<string> benefits,
        DateOnly day,
        string language
    )
    {
        if (!terms.IsInForceOn(day) || !terms.Parties.Contains(home, StringComparer.Ordinal))
        {
            return [];
        }

        IReadOnlyList<string> partners = [.. terms.Parties.Where(p => p != home).Order(StringComparer.Ordinal)];
        IReadOnlyList<string> tiers = [.. terms.Tiers];
        IReadOnlyList<string> lines = benefits.Count == 0 ? [""] : benefits;
        return lines.Select(
            (b, i) =>
                new CatalogueEntry(
                    $"mra:{id}:{i}",
                    BenefitKind.Mra,
                    BenefitFamily.MutualRecognition,
                    terms.Roles,
                    tiers,
                    BenefitPlaces.PartnerBorder,
                    BenefitDelivery.PartnerRecognition,
                    [new BenefitText(language, name, b)],
                    Source: terms.Id,
                    Partners: partners
                )
        );
    }
}
