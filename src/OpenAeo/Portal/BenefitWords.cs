using Microsoft.Extensions.Localization;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Portal;

/// <summary>
/// The catalogue's codes in the visitor's language (<c>Resources/Portal/BenefitWords.resx</c>): the family, who gives it,
/// where it applies and, for what OpenAeo delivers by itself, the mechanism in a sentence. The page and the API say the same.
/// </summary>
internal sealed class BenefitWords(IStringLocalizer<BenefitWords> words, IStringLocalizer<Shared> shared)
{
    public string Family(BenefitFamily family) => words[$"Family.{family}"];

    public string Kind(BenefitKind kind) => words[$"Kind.{kind}"];

    public string Place(BenefitPlaces place) => words[$"Place.{place}"];

    public string Places(BenefitPlaces places) =>
        string.Join(", ", Enum.GetValues<BenefitPlaces>().Where(p => p != BenefitPlaces.None && places.HasFlag(p)).Select(Place));

    public string Delivery(BenefitDelivery delivery) => words[$"Delivery.{delivery}"];

    public string Role(OperatorRoles role) => shared[$"Role.{role}"];

    public string Roles(OperatorRoles roles) =>
        roles == OperatorRoles.None ? words["AllRoles"] : string.Join(", ", OperatorRoleNames.Split(roles).Select(Role));

    public string Tiers(IReadOnlyList<string> tiers) => tiers.Count == 0 ? words["AllTiers"] : string.Join(", ", tiers);
}
