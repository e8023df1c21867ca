using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Portal.Pages;

/// <summary>The officers' benefit form: the request of <c>POST/PUT /api/v1/programmes/{code}/benefits</c> as fields, English and Spanish
/// side by side.</summary>
internal sealed class BenefitForm
{
    public int Id { get; set; }

    public string Kind { get; set; } = nameof(BenefitKind.Customs);

    public string Family { get; set; } = nameof(BenefitFamily.FewerControls);

    public string[] Roles
    {
        get;
        set => field = value ?? [];
    } = [];

    public string[] Tiers
    {
        get;
        set => field = value ?? [];
    } = [];

    public string[] Places
    {
        get;
        set => field = value ?? [];
    } = [nameof(BenefitPlaces.Import)];

    public string Delivery { get; set; } = nameof(BenefitDelivery.Procedure);

    public string? TitleEn { get; set; }

    public string? DescriptionEn { get; set; }

    public string? TitleEs { get; set; }

    public string? DescriptionEs { get; set; }

    public string? Reason { get; set; }

    public static BenefitForm From(ProgrammeBenefit b)
    {
        var en = b.Texts.FirstOrDefault(t => t.Language == "en");
        var es = b.Texts.FirstOrDefault(t => t.Language == "es");
        return new()
        {
            Id = b.Id,
            Kind = b.Kind.ToString(),
            Family = b.Family.ToString(),
            Roles = [.. OperatorRoleNames.Split(b.Roles).Select(r => r.ToString())],
            Tiers = [.. b.Tiers],
            Places = [.. ProgrammeBenefitResponse.PlaceNames(b.Places)],
            Delivery = b.Delivery.ToString(),
            TitleEn = en?.Title,
            DescriptionEn = en?.Description,
            TitleEs = es?.Title,
            DescriptionEs = es?.Description,
        };
    }

    /// <summary>Spanish is sent only when written: a benefit without it is shown in English to Spanish visitors, marked as such.</summary>
    public BenefitRequest ToRequest()
    {
        var texts = new List<BenefitTextRequest> { new("en", TitleEn, DescriptionEn) };
        if (!string.IsNullOrWhiteSpace(TitleEs) || !string.IsNullOrWhiteSpace(DescriptionEs))
        {
            texts.Add(new("es", TitleEs, DescriptionEs));
        }

        return new(Kind, Family, Roles, Tiers, Places, Delivery, texts, string.IsNullOrWhiteSpace(Reason) ? null : Reason);
    }
}

internal sealed class BenefitRemoval
{
    public int Id { get; set; }

    public string? Reason { get; set; }
}
