using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Portal;

internal static class ProspectPersistence
{
    public static DbSet<Prospect> Prospects(this OpenAeoDb db) => db.Set<Prospect>();
}

internal sealed class ProspectMapping : IEntityTypeConfiguration<Prospect>
{
    public void Configure(EntityTypeBuilder<Prospect> b)
    {
        b.ToTable("cert_prospects");
        b.HasKey(p => p.Id);
        b.Property(p => p.Reference).HasMaxLength(Limits.Reference.MaxLength);
        b.HasIndex(p => p.Reference).IsUnique();
        b.Property(p => p.ProgrammeCode).HasMaxLength(Limits.ProgrammeCode.MaxLength);
        b.Property(p => p.Tin).IsTin();
        b.Property(p => p.LegalName).HasMaxLength(Limits.LegalName.MaxLength);
        b.Property(p => p.ContactName).HasMaxLength(Limits.Name.MaxLength);
        b.Property(p => p.Email).HasMaxLength(Limits.Email.MaxLength);
        b.Property(p => p.Phone).HasMaxLength(Limits.Phone.MaxLength);
        b.Property(p => p.PreferredDates)
            .HasConversion(
                v => string.Join(',', v.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
                s =>
                    s.Split(',', StringSplitOptions.RemoveEmptyEntries)
                        .Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                        .ToList(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<DateOnly>>(
                    (a, c) => a!.SequenceEqual(c!),
                    v => v.Aggregate(0, (h, d) => HashCode.Combine(h, d)),
                    v => v.ToList()
                )
            )
            .HasMaxLength(100);
        b.Property(p => p.Message).HasMaxLength(Limits.Note.MaxLength);
        b.Property(p => p.Sector).HasMaxLength(Limits.Sector.MaxLength);
        b.Property(p => p.SelfCheckAnswers).HasMaxLength(Limits.Text.MaxLength);
        b.Property(p => p.AccountManager).HasMaxLength(Limits.UserName.MaxLength);
        b.Property(p => p.DeclineReason).HasMaxLength(Limits.Reason.MaxLength);
        b.Property(p => p.InvitationHash).HasMaxLength(Limits.Sha256.MaxLength);
        b.HasIndex(p => p.InvitationHash);
        b.Property(p => p.JoinedAs).HasMaxLength(Limits.UserName.MaxLength);
        b.HasIndex(p => new { p.ProgrammeCode, p.Status });
        b.HasConcurrencyVersion();
        b.HasOne<Programme>().WithMany().HasForeignKey(p => p.ProgrammeCode).OnDelete(DeleteBehavior.Restrict);
    }
}
