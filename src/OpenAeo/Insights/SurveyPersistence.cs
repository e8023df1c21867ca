using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Insights;

namespace OpenAeo.Insights;

internal static class SurveyPersistence
{
    public static DbSet<Survey> Surveys(this OpenAeoDb db) => db.Set<Survey>();

    public static DbSet<SurveyInvitation> SurveyInvitations(this OpenAeoDb db) => db.Set<SurveyInvitation>();

    public static DbSet<SurveyResponse> SurveyResponses(this OpenAeoDb db) => db.Set<SurveyResponse>();
}

internal sealed class SurveyMapping : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> b)
    {
        b.ToTable("ins_surveys");
        b.HasKey(s => s.Id);
        b.Property(s => s.Slug).HasMaxLength(Limits.Keyword.MaxLength);
        b.HasIndex(s => s.Slug).IsUnique();
        b.Property(s => s.Title).HasMaxLength(Limits.Name.MaxLength);
        b.Property(s => s.Introduction).HasMaxLength(Limits.Text.MaxLength);
        b.Property(s => s.Template).HasMaxLength(Limits.Keyword.MaxLength);
        b.Property(s => s.TimeZone).HasMaxLength(Limits.TimeZone.MaxLength);
        b.Property(s => s.CreatedBy).HasMaxLength(Limits.UserName.MaxLength);

        // Every version's questions and segments, read whole with the survey.
        b.Property(s => s.Versions).AsJson();
        b.Ignore(s => s.Current);
        b.HasConcurrencyVersion();
    }
}

internal sealed class SurveyInvitationMapping : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> b)
    {
        b.ToTable("ins_survey_invitations");
        b.HasKey(i => i.Id);
        b.Property(i => i.TokenHash).HasMaxLength(Limits.Sha256.MaxLength);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => i.SurveyId);
        b.HasOne<Survey>().WithMany().HasForeignKey(i => i.SurveyId);

        // Two answers racing on one link: the second save finds the row changed and is refused (ADR 0019).
        b.HasConcurrencyVersion();
    }
}

internal sealed class SurveyResponseMapping : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.ToTable("ins_survey_responses");
        b.HasKey(r => r.Id);
        b.Property(r => r.Segment).HasMaxLength(Limits.Code.MaxLength);
        b.Property(r => r.Economy).HasMaxLength(Limits.EconomyCode.MaxLength);
        b.Property(r => r.Reference).HasMaxLength(Limits.Reference.MaxLength);
        b.Property(r => r.Answers).AsJson();
        b.HasIndex(r => new { r.SurveyId, r.Reference });
        b.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId);
    }
}
