using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

internal static class CertificationPersistence
{
    public static DbSet<AeoApplication> Applications(this OpenAeoDb db) => db.Set<AeoApplication>();

    public static DbSet<ApplicationEvent> ApplicationEvents(this OpenAeoDb db) => db.Set<ApplicationEvent>();

    public static DbSet<Answer> Answers(this OpenAeoDb db) => db.Set<Answer>();

    public static DbSet<EvidenceDocument> Documents(this OpenAeoDb db) => db.Set<EvidenceDocument>();

    public static DbSet<InformationRequest> InformationRequests(this OpenAeoDb db) => db.Set<InformationRequest>();

    public static DbSet<ValidationVisit> Visits(this OpenAeoDb db) => db.Set<ValidationVisit>();

    public static DbSet<RejectionReason> RejectionReasons(this OpenAeoDb db) => db.Set<RejectionReason>();

    public static DbSet<CriteriaPack> CriteriaPacks(this OpenAeoDb db) => db.Set<CriteriaPack>();

    public static DbSet<Certificate> Certificates(this OpenAeoDb db) => db.Set<Certificate>();

    public static DbSet<CertificateEvent> CertificateEvents(this OpenAeoDb db) => db.Set<CertificateEvent>();

    public static DbSet<SupplyChain> SupplyChains(this OpenAeoDb db) => db.Set<SupplyChain>();

    public static DbSet<ImprovementAction> ImprovementActions(this OpenAeoDb db) => db.Set<ImprovementAction>();

    public static DbSet<AgencySignOff> AgencySignOffs(this OpenAeoDb db) => db.Set<AgencySignOff>();
}

internal sealed class ApplicationMapping : IEntityTypeConfiguration<AeoApplication>
{
    public void Configure(EntityTypeBuilder<AeoApplication> b)
    {
        b.ToTable("cert_applications");
        b.HasKey(a => a.Id);
        b.Property(a => a.Reference).HasMaxLength(Limits.Reference.MaxLength);
        b.HasIndex(a => a.Reference).IsUnique();
        b.Property(a => a.ProgrammeCode).HasMaxLength(Limits.ProgrammeCode.MaxLength);
        b.Property(a => a.OperatorTin).IsTin();
        b.Property(a => a.PauseProposalReason).HasMaxLength(Limits.Reason.MaxLength);
        b.Property(a => a.AccountManager).HasMaxLength(Limits.UserName.MaxLength);
        b.Property(a => a.OnBehalfOf).HasMaxLength(Limits.Name.MaxLength);
        b.Property(a => a.DecisionText).HasMaxLength(Limits.Text.MaxLength);
        b.HasIndex(a => a.OperatorTin);
        // One open application per operator and programme, enforced by the database too: two starts (or two renewals
        // of one certificate) racing each other cannot both pass the check in StartApplication (ADR 0019).
        b.HasIndex(a => new { a.OperatorTin, a.ProgrammeCode })
            .IsUnique()
            .HasFilter("\"State\" NOT IN ('Granted', 'Rejected', 'Withdrawn')")
            .HasDatabaseName("IX_cert_applications_open_per_operator");
        b.HasIndex(a => new { a.State, a.AccountManager });
        b.HasConcurrencyVersion();
        b.HasOne<Programme>().WithMany().HasForeignKey(a => a.ProgrammeCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Operator>().WithMany().HasForeignKey(a => a.OperatorTin).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CriteriaPack>().WithMany().HasForeignKey(a => a.CriteriaPackId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(a => a.PendingPause);
        b.Ignore(a => a.Hearing);
        b.Ignore(a => a.PendingDecision);
        b.Property(a => a.NoticeText).HasMaxLength(Limits.Text.MaxLength);
        b.Property(a => a.NoticeResponse).HasMaxLength(Limits.Text.MaxLength);
        b.Property(a => a.PreparedBy).HasMaxLength(Limits.UserName.MaxLength);
        b.Property(a => a.PreparedTier).HasMaxLength(Limits.Tier.MaxLength);
        b.Property(a => a.PreparedCertificateNumber).HasMaxLength(Limits.Reference.MaxLength);
        b.Property(a => a.PreparedText).HasMaxLength(Limits.Text.MaxLength);
        b.Property(a => a.ApprovedBy).HasMaxLength(Limits.UserName.MaxLength);
        b.Property(a => a.DecidedPreparedBy).HasMaxLength(Limits.UserName.MaxLength);
    }
}

internal sealed class ImprovementActionMapping : IEntityTypeConfiguration<ImprovementAction>
{
    public void Configure(EntityTypeBuilder<ImprovementAction> b)
    {
        b.ToTable("cert_improvement_actions");
        b.HasKey(a => a.Id);
        b.Property(a => a.SourceKey).HasMaxLength(Limits.Name.MaxLength);
        b.Property(a => a.What).HasMaxLength(Limits.Text.MaxLength);
        b.Property(a => a.Who).HasMaxLength(Limits.Name.MaxLength);
        b.Property(a => a.CompletionText).HasMaxLength(Limits.Text.MaxLength);
        b.Property(a => a.ReopenReason).HasMaxLength(Limits.Reason.MaxLength);
        b.Property(a => a.FiledBy).HasMaxLength(Limits.UserName.MaxLength);
        b.Property(a => a.ReviewedBy).HasMaxLength(Limits.UserName.MaxLength);
        b.HasIndex(a => a.ApplicationId);
        b.HasConcurrencyVersion();
        b.HasOne<AeoApplication>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EvidenceDocument>().WithMany().HasForeignKey(a => a.CompletionDocumentId).OnDelete(DeleteBehavior.ClientSetNull);
        b.Ignore(a => a.Resolves);
    }
}

internal sealed class AgencySignOffMapping : IEntityTypeConfiguration<AgencySignOff>
{
    public void Configure(EntityTypeBuilder<AgencySignOff> b)
    {
        b.ToTable("cert_agency_sign_offs");
        b.HasKey(s => s.Id);
        b.Property(s => s.Agency).HasMaxLength(Limits.AgencyCode.MaxLength);
        b.Property(s => s.SignedBy).HasMaxLength(Limits.UserName.MaxLength);
        b.Property(s => s.Findings).AsJson();
        // One standing sign-off per agency and application: signing again replaces it (the audit trail keeps each).
        b.HasIndex(s => new { s.ApplicationId, s.Agency }).IsUnique();
        b.HasConcurrencyVersion();
        b.HasOne<AeoApplication>().WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(s => s.Standing);
    }
}

internal sealed class ApplicationEventMapping : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> b)
    {
        b.ToTable("cert_application_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Actor).HasMaxLength(100);
        b.Property(e => e.Action).HasMaxLength(50);
        b.Property(e => e.Reason).HasMaxLength(Limits.Text.MaxLength);
        b.Property(e => e.Details).HasMaxLength(8000);
    }
}

internal sealed class AnswerMapping : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> b)
    {
        b.ToTable("cert_answers");
        b.HasKey(a => a.Id);
        b.Property(a => a.QuestionCode).HasMaxLength(Limits.Code.MaxLength);
        b.Property(a => a.Text).HasMaxLength(Limits.Text.MaxLength);
        b.Property(a => a.OutcomePlan).HasMaxLength(Limits.Text.MaxLength);
        b.Property(a => a.Provider).HasMaxLength(Limits.Name.MaxLength);
        b.Property(a => a.ProviderTin).HasMaxLength(Limits.StoredTin.MaxLength);
        b.Property(a => a.UpdatedBy).HasMaxLength(100);
        b.HasIndex(a => new { a.ApplicationId, a.QuestionCode }).IsUnique();
        b.HasOne<AeoApplication>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DocumentMapping : IEntityTypeConfiguration<EvidenceDocument>
{
    public void Configure(EntityTypeBuilder<EvidenceDocument> b)
    {
        b.ToTable("cert_documents");
        b.HasKey(d => d.Id);
        b.Property(d => d.QuestionCode).HasMaxLength(Limits.Code.MaxLength);
        b.Property(d => d.FileName).HasMaxLength(Limits.FileName.MaxLength);
        b.Property(d => d.ContentType).HasMaxLength(100);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.Property(d => d.UploadedBy).HasMaxLength(100);
        b.HasIndex(d => d.ApplicationId);
        b.HasOne<AeoApplication>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InformationRequestMapping : IEntityTypeConfiguration<InformationRequest>
{
    public void Configure(EntityTypeBuilder<InformationRequest> b)
    {
        b.ToTable("cert_information_requests");
        b.HasKey(r => r.Id);
        b.Property(r => r.Question).HasMaxLength(Limits.Text.MaxLength);
        b.Property(r => r.AnswerText).HasMaxLength(Limits.Text.MaxLength);
        b.Property(r => r.RequestedBy).HasMaxLength(100);
        b.Property(r => r.AnsweredBy).HasMaxLength(100);
        b.HasIndex(r => r.ApplicationId);
        b.HasOne<AeoApplication>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(r => r.IsOpen);
    }
}

internal sealed class VisitMapping : IEntityTypeConfiguration<ValidationVisit>
{
    public void Configure(EntityTypeBuilder<ValidationVisit> b)
    {
        b.ToTable("cert_visits");
        b.HasKey(v => v.Id);
        b.Property(v => v.Officer).HasMaxLength(100);
        b.Property(v => v.PartnerEconomy).HasMaxLength(2);
        b.Property(v => v.PartnerReference).HasMaxLength(Limits.PartnerReference.MaxLength);
        b.Property(v => v.PartnerTin).HasMaxLength(Limits.StoredTin.MaxLength);
        b.Property(v => v.PartnerCertificateNumber).HasMaxLength(Limits.Reference.MaxLength);
        b.Property(v => v.PartnerMra).HasMaxLength(Limits.Code.MaxLength);
        b.Property(v => v.Report).HasMaxLength(Limits.Text.MaxLength);
        b.Property(v => v.Findings).AsJson();
        b.HasIndex(v => v.ApplicationId);
        b.HasOne<AeoApplication>().WithMany().HasForeignKey(v => v.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RejectionReasonMapping : IEntityTypeConfiguration<RejectionReason>
{
    public void Configure(EntityTypeBuilder<RejectionReason> b)
    {
        b.ToTable("cert_rejection_reasons");
        b.HasKey(r => r.Id);
        b.Property(r => r.ProgrammeCode).HasMaxLength(Limits.ProgrammeCode.MaxLength);
        b.Property(r => r.Code).HasMaxLength(Limits.Code.MaxLength);
        b.Property(r => r.Label).HasMaxLength(Limits.Label.MaxLength);
        b.HasIndex(r => new { r.ProgrammeCode, r.Code }).IsUnique();
        b.HasOne<Programme>().WithMany().HasForeignKey(r => r.ProgrammeCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CriteriaPackMapping : IEntityTypeConfiguration<CriteriaPack>
{
    public void Configure(EntityTypeBuilder<CriteriaPack> b)
    {
        b.ToTable("cert_criteria_packs");
        b.HasKey(p => p.Id);
        b.Property(p => p.Key).HasMaxLength(80);
        b.Property(p => p.Name).HasMaxLength(Limits.Name.MaxLength);
        b.Property(p => p.ProgrammeCode).HasMaxLength(Limits.ProgrammeCode.MaxLength);
        b.Property(p => p.Questions).AsJson();
        b.HasIndex(p => new { p.Key, p.Version }).IsUnique();
        b.Ignore(p => p.ActiveQuestions);
    }
}

internal sealed class CertificateMapping : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.ToTable("cert_certificates");
        b.HasKey(c => c.Id);
        b.Property(c => c.Number).HasMaxLength(Limits.Reference.MaxLength);
        b.HasIndex(c => c.Number).IsUnique();
        b.Property(c => c.ProgrammeCode).HasMaxLength(Limits.ProgrammeCode.MaxLength);
        b.Property(c => c.OperatorTin).IsTin();
        b.Property(c => c.Tier).HasMaxLength(Limits.Tier.MaxLength);
        b.Property(c => c.StatusReason).HasMaxLength(Limits.Reason.MaxLength);
        b.HasIndex(c => c.OperatorTin);
        b.HasIndex(c => new { c.Status, c.ValidUntil });
        b.HasConcurrencyVersion();
        b.HasOne<Programme>().WithMany().HasForeignKey(c => c.ProgrammeCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Operator>().WithMany().HasForeignKey(c => c.OperatorTin).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CertificateId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.RevocationNoticeReason).HasMaxLength(Limits.Reason.MaxLength);
        b.Property(c => c.RevocationNoticeBy).HasMaxLength(Limits.UserName.MaxLength);
        b.Property(c => c.RevocationResponse).HasMaxLength(Limits.Text.MaxLength);
        b.Property(c => c.RevocationPreparedBy).HasMaxLength(Limits.UserName.MaxLength);
        b.Property(c => c.RevocationPreparedReason).HasMaxLength(Limits.Reason.MaxLength);
        b.Ignore(c => c.RevocationNoticeOpen);
    }
}

internal sealed class CertificateEventMapping : IEntityTypeConfiguration<CertificateEvent>
{
    public void Configure(EntityTypeBuilder<CertificateEvent> b)
    {
        b.ToTable("cert_certificate_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Actor).HasMaxLength(100);
        b.Property(e => e.Reason).HasMaxLength(Limits.Reason.MaxLength);
        b.HasIndex(e => e.RecordedAt);
    }
}

internal sealed class SupplyChainMapping : IEntityTypeConfiguration<SupplyChain>
{
    public void Configure(EntityTypeBuilder<SupplyChain> b)
    {
        b.ToTable("cert_supply_chains");
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(Limits.Name.MaxLength);
        b.Property(c => c.MasterTin).IsTin();
        b.HasIndex(c => c.MasterTin);
        b.HasOne<Operator>().WithMany().HasForeignKey(c => c.MasterTin).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.SupplyChainId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupplyChainMemberMapping : IEntityTypeConfiguration<SupplyChainMember>
{
    public void Configure(EntityTypeBuilder<SupplyChainMember> b)
    {
        b.ToTable("cert_supply_chain_members");
        b.HasKey(m => m.Id);
        b.Property(m => m.OperatorTin).IsTin();
        b.Property(m => m.Role).HasConversion<int>();
        b.HasIndex(m => new { m.SupplyChainId, m.OperatorTin }).IsUnique();
        b.HasOne<Operator>().WithMany().HasForeignKey(m => m.OperatorTin).OnDelete(DeleteBehavior.Restrict);
    }
}
