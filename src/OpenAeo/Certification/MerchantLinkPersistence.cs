using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Certification;

/// <summary>A merchant an e-commerce platform says it sells for (ADR 0043): what the e-commerce benefits at the border rest on.</summary>
internal sealed class MerchantLink
{
    public string PlatformTin { get; set; } = "";

    public string MerchantTin { get; set; } = "";

    public DateTimeOffset LinkedAt { get; set; }

    public string LinkedBy { get; set; } = "";
}

internal sealed class MerchantLinkMapping : IEntityTypeConfiguration<MerchantLink>
{
    public void Configure(EntityTypeBuilder<MerchantLink> b)
    {
        b.ToTable("cert_merchant_links");
        b.HasKey(l => new { l.PlatformTin, l.MerchantTin });
        b.Property(l => l.PlatformTin).HasMaxLength(Limits.StoredTin.MaxLength);
        b.Property(l => l.MerchantTin).HasMaxLength(Limits.StoredTin.MaxLength);
        b.Property(l => l.LinkedBy).HasMaxLength(100);
        b.HasIndex(l => l.MerchantTin);
    }
}

internal static class MerchantLinkPersistence
{
    public static DbSet<MerchantLink> MerchantLinks(this OpenAeoDb db) => db.Set<MerchantLink>();

    /// <summary>Each linked merchant's platform, for generated traffic; a merchant on several platforms sells through the first by
    /// TIN.</summary>
    public static async Task<IReadOnlyDictionary<Tin, Tin>> PlatformOfEachMerchant(OpenAeoDb db, CancellationToken ct) =>
        (await db.MerchantLinks().AsNoTracking().Select(l => new { l.MerchantTin, l.PlatformTin }).ToListAsync(ct))
            .GroupBy(l => l.MerchantTin)
            .ToDictionary(g => Tin.FromTrusted(g.Key), g => Tin.FromTrusted(g.Select(l => l.PlatformTin).Min(StringComparer.Ordinal)!));
}
