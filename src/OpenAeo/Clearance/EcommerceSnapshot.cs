using OpenAeo.Certification;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Clearance;

/// <summary>
/// What the e-commerce benefits at the border read (ADR 0043), loaded with the rest of <see cref="SelectivitySnapshot"/>:
/// the home programme's settings and the platforms' merchant links. Certificates come from the parties' standings.
/// </summary>
internal sealed class EcommerceSnapshot
{
    private readonly EcommerceSettings settings;
    private readonly HashSet<(string Platform, string Merchant)> links;

    private EcommerceSnapshot(EcommerceSettings settings, HashSet<(string, string)> links)
    {
        this.settings = settings;
        this.links = links;
    }

    public static EcommerceSnapshot Off { get; } = new(EcommerceSettings.Off, []);

    /// <summary>The benefit <see cref="EcommerceLane.Decide"/> gives the declaration; null when it names no platform or the programme
    /// grants none.</summary>
    public EcommerceBenefit? Benefit(DeclarationDetails d, IReadOnlyList<PartyStanding> standings)
    {
        if (ReferenceEquals(this, Off))
        {
            return null;
        }

        var linked =
            d.Party(PartyRole.EcommercePlatform) is { } platform
            && d.Principal is { } merchant
            && links.Contains((platform.Tin.Value, merchant.Tin.Value));
        return EcommerceLane.Decide(EcommerceLane.Facts(d, standings, linked), settings);
    }

    /// <param name="home">The node's own programme, the one whose certificates make local AEOs
    /// (<see cref="SelectivityBase.Home"/>).</param>
    /// <param name="tins">The declaration's parties (their links only); null for every link (an import, a simulation).</param>
    public static async Task<EcommerceSnapshot> LoadAsync(
        OpenAeoDb db,
        Programme? home,
        IReadOnlyCollection<string>? tins,
        CancellationToken ct
    )
    {
        if (home is not { GrantsEcommerceBenefits: true })
        {
            return Off;
        }

        var query = db.MerchantLinks().AsNoTracking();
        if (tins is not null)
        {
            query = query.Where(l => tins.Contains(l.PlatformTin));
        }

        var links = await query.Select(l => new { l.PlatformTin, l.MerchantTin }).ToListAsync(ct);
        return Of(home, links.Select(l => (l.PlatformTin, l.MerchantTin)));
    }

    /// <summary>The snapshot of links read already (a lodging's parties, kept by <see cref="SelectivityCache"/>).</summary>
    public static EcommerceSnapshot Of(Programme? home, IEnumerable<(string Platform, string Merchant)> links) =>
        home is { GrantsEcommerceBenefits: true } ? new EcommerceSnapshot(home.Ecommerce, [.. links]) : Off;
}
