using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenAeo.Platform.Notifications;

/// <summary>
/// A message for an operator or a user that OpenAeo shows in the UI and the API (reminders before a pause
/// ends or a certificate expires). A save that adds one also writes its e-mails to the outbox when SMTP is configured
/// (<see cref="MailOutbox"/>, ADR 0065).
/// </summary>
internal sealed class Notification
{
    private Notification() { }

    public long Id { get; private set; }

    /// <summary><c>operator:&lt;TIN&gt;</c>, <c>user:&lt;name&gt;</c> or <c>role:ProgrammeOfficer:&lt;programme&gt;</c> (see
    /// <see cref="Domain.Shared.Audience"/>).</summary>
    public string Audience { get; private set; } = "";

    /// <summary>Makes a reminder idempotent: the same key is never sent twice.</summary>
    public string Key { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    public string? Link { get; private set; }

    /// <summary>What it is about: each reader's e-mail choice for the kind decides whether it is also mailed (ADR 0064).</summary>
    public NotificationKind Kind { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static string ForOperator(string tin) => Domain.Shared.Audience.ForOperator(tin);

    public static string ForUser(string name) => Domain.Shared.Audience.ForUser(name);

    public const int MaxSubjectLength = 300;

    public const int MaxBodyLength = 4000;

    /// <summary>A notice to an audience; a subject or body quoting a long text (a question, a decision) is shortened, the text itself stays
    /// where it was written.</summary>
    public static Notification Create(
        string audience,
        string key,
        string subject,
        string body,
        string? link,
        DateTimeOffset now,
        NotificationKind kind
    ) =>
        new()
        {
            Audience = audience,
            Key = key,
            Subject = Clip(subject, MaxSubjectLength),
            Body = Clip(body, MaxBodyLength),
            Link = link,
            CreatedAt = now,
            Kind = kind,
        };

    private static string Clip(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        // Never half of a character that takes two UTF-16 units.
        var keep = char.IsHighSurrogate(text[length - 2]) ? length - 2 : length - 1;
        return text[..keep] + "…";
    }
}

internal static class NotificationStore
{
    public static DbSet<Notification> Notifications(this OpenAeoDb db) => db.Set<Notification>();

    /// <summary>Adds the notification unless one with the same key exists; returns whether it was added.</summary>
    public static async Task<bool> NotifyOnceAsync(this OpenAeoDb db, Notification notification, CancellationToken ct)
    {
        if (
            await db.Notifications().AnyAsync(n => n.Key == notification.Key, ct)
            || db.Notifications().Local.Any(n => n.Key == notification.Key)
        )
        {
            return false;
        }

        db.Notifications().Add(notification);
        return true;
    }
}

internal sealed class NotificationMapping : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("platform_notifications");
        b.HasKey(n => n.Id);
        b.Property(n => n.Audience).HasMaxLength(100);
        b.Property(n => n.Key).HasMaxLength(200);
        b.Property(n => n.Subject).HasMaxLength(Notification.MaxSubjectLength);
        b.Property(n => n.Body).HasMaxLength(Notification.MaxBodyLength);
        b.Property(n => n.Link).HasMaxLength(300);
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        b.HasIndex(n => n.Key).IsUnique();
        b.HasIndex(n => new { n.Audience, n.CreatedAt });
    }
}
