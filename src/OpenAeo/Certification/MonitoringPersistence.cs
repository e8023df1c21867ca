using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Certification;

namespace OpenAeo.Certification;

/// <summary>The tables of monitoring after the grant (ADR 0040): self-reviews and reassessments, each of one certificate.</summary>
internal static class MonitoringPersistence
{
    public static DbSet<SelfReview> SelfReviews(this OpenAeoDb db) => db.Set<SelfReview>();

    public static DbSet<Reassessment> Reassessments(this OpenAeoDb db) => db.Set<Reassessment>();
}

internal sealed class SelfReviewMapping : IEntityTypeConfiguration<SelfReview>
{
    public void Configure(EntityTypeBuilder<SelfReview> b)
    {
        b.ToTable("cert_self_reviews");
        b.HasKey(r => r.Id);
        b.Property(r => r.SubmittedBy).HasMaxLength(Limits.UserName.MaxLength);
        foreach (
            var details in new[]
            {
                nameof(SelfReview.PremisesDetails),
                nameof(SelfReview.OwnershipDetails),
                nameof(SelfReview.PartnersDetails),
                nameof(SelfReview.IncidentsDetails),
                nameof(SelfReview.OtherDetails),
            }
        )
        {
            b.Property<string?>(details).HasMaxLength(Limits.Text.MaxLength);
        }

        b.Property(r => r.OutcomeReason).HasMaxLength(Limits.Reason.MaxLength);
        b.Property(r => r.DecidedBy).HasMaxLength(Limits.UserName.MaxLength);
        // One review per certificate year, enforced by the database too: two submissions racing each other cannot both pass (ADR 0019).
        b.HasIndex(r => new { r.CertificateId, r.DueOn }).IsUnique();
        b.HasConcurrencyVersion();
        b.HasOne<Certificate>().WithMany().HasForeignKey(r => r.CertificateId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(r => r.Answers);
    }
}

internal sealed class ReassessmentMapping : IEntityTypeConfiguration<Reassessment>
{
    public void Configure(EntityTypeBuilder<Reassessment> b)
    {
        b.ToTable("cert_reassessments");
        b.HasKey(r => r.Id);
        b.Property(r => r.Triggers).AsJson().HasMaxLength(64_000);
        b.Property(r => r.OutcomeReason).HasMaxLength(Limits.Reason.MaxLength);
        b.Property(r => r.DecidedBy).HasMaxLength(Limits.UserName.MaxLength);
        b.HasIndex(r => new { r.CertificateId, r.DueOn });
        // At most one open reassessment per certificate: a second trigger joins it (Monitoring.Trigger), and two racing triggers cannot
        // open two.
        b.HasIndex(r => r.CertificateId)
            .IsUnique()
            .HasFilter("\"Outcome\" IS NULL")
            .HasDatabaseName("IX_cert_reassessments_open_per_certificate");
        b.HasConcurrencyVersion();
        b.HasOne<Certificate>().WithMany().HasForeignKey(r => r.CertificateId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(r => r.IsOpen);
    }
}
