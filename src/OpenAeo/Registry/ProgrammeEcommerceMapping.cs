using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>The programme's e-commerce settings (ADR 0043), mapped beside <see cref="ProgrammeMapping"/>: EF applies both to the one
/// table.</summary>
internal sealed class ProgrammeEcommerceMapping : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.Property(p => p.EcommerceCurrency).HasMaxLength(Limits.Currency.MaxLength);
        b.Ignore(p => p.Ecommerce);
        b.Ignore(p => p.GrantsEcommerceBenefits);
    }
}
