using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>
/// Other government agencies are reference data (ADR 0049): Clearance routes declarations to them and Certification
/// asks them to sign off criteria, so the registry of agencies sits below both. The table keeps its name.
/// </summary>
internal static class AgencyPersistence
{
    public static DbSet<AgencyRow> Agencies(this OpenAeoDb db) => db.Set<AgencyRow>();
}

internal sealed class AgencyRow
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public List<AgencyBenefit> Benefits { get; set; } = [];

    public double AeoInspectionFactor { get; set; } = 1;

    public Agency ToDomain() => new(Code, Name, Benefits, AeoInspectionFactor);
}

internal sealed class AgencyMapping : IEntityTypeConfiguration<AgencyRow>
{
    // Benefit families by name, as Clearance writes its other JSON columns.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public void Configure(EntityTypeBuilder<AgencyRow> b)
    {
        b.ToTable("clr_agencies");
        b.HasKey(a => a.Code);
        b.Property(a => a.Code).HasMaxLength(Limits.AgencyCode.MaxLength);
        b.Property(a => a.Name).HasMaxLength(Limits.Name.MaxLength);
        b.Property(a => a.Benefits)
            .HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, Json),
                s => System.Text.Json.JsonSerializer.Deserialize<List<AgencyBenefit>>(s, Json) ?? new List<AgencyBenefit>(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<AgencyBenefit>>(
                    (x, y) => x!.SequenceEqual(y!),
                    v => v.Count,
                    v => v.ToList()
                )
            );
    }
}
