using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Certification;

internal static class GuidePersistence
{
    public static DbSet<GuideOverride> GuideOverrides(this OpenAeoDb db) => db.Set<GuideOverride>();
}

internal sealed class GuideOverrideMapping : IEntityTypeConfiguration<GuideOverride>
{
    public void Configure(EntityTypeBuilder<GuideOverride> b)
    {
        b.ToTable("portal_guide_overrides");
        b.HasKey(g => g.Id);
        b.Property(g => g.ProgrammeCode).HasMaxLength(Limits.ProgrammeCode.MaxLength);
        b.Property(g => g.CriterionCode).HasMaxLength(Limits.Code.MaxLength);
        b.Property(g => g.Language).HasMaxLength(Limits.Keyword.MaxLength);
        b.Property(g => g.Question).HasMaxLength(Limits.Note.MaxLength);
        b.Property(g => g.LooksFor).HasMaxLength(Limits.Note.MaxLength);
        b.Property(g => g.Evidence).HasMaxLength(Limits.Note.MaxLength);
        b.Property(g => g.Outcome).HasMaxLength(Limits.Note.MaxLength);
        b.HasIndex(g => new
            {
                g.ProgrammeCode,
                g.CriterionCode,
                g.Language,
            })
            .IsUnique();
        b.HasOne<Programme>().WithMany().HasForeignKey(g => g.ProgrammeCode).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(g => g.Words);
    }
}
