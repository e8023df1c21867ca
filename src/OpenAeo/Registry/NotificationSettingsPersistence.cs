using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>One account's notification settings; an account without a row takes <see cref="NotificationChoices.Default"/>
/// (in the application only).</summary>
internal sealed class NotificationSetting
{
    private NotificationSetting() { }

    public int UserId { get; private set; }

    public string? Email { get; private set; }

    /// <summary>The <see cref="NotificationKind"/> names that also come by e-mail.</summary>
    public List<string> ByMail { get; private set; } = [];

    public DateTimeOffset UpdatedAt { get; private set; }

    public static NotificationSetting For(int userId) => new() { UserId = userId };

    public NotificationChoices Choices =>
        new(
            Email,
            [
                .. ByMail
                    .Select(k => Enum.TryParse<NotificationKind>(k, out var kind) ? kind : (NotificationKind?)null)
                    .OfType<NotificationKind>(),
            ]
        );

    public void Choose(NotificationChoices choices, DateTimeOffset now)
    {
        Email = choices.Email;
        ByMail = [.. choices.ByMail.Select(k => k.ToString())];
        UpdatedAt = now;
    }
}

internal static class NotificationSettingsStore
{
    public static DbSet<NotificationSetting> NotificationSettings(this OpenAeoDb db) => db.Set<NotificationSetting>();
}

internal sealed class NotificationSettingMapping : IEntityTypeConfiguration<NotificationSetting>
{
    public void Configure(EntityTypeBuilder<NotificationSetting> b)
    {
        b.ToTable("registry_notification_settings");
        b.HasKey(s => s.UserId);
        b.Property(s => s.UserId).ValueGeneratedNever();
        b.Property(s => s.Email).HasMaxLength(Limits.Email.MaxLength);
        b.Property(s => s.ByMail).AsJson().HasMaxLength(1000);
        b.HasOne<UserAccount>().WithOne().HasForeignKey<NotificationSetting>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
