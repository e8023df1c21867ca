using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using OpenAeo.Domain.Shared.Webhooks;

namespace OpenAeo.Platform.Notifications;

internal enum OutboxMailStatus
{
    Pending,
    Sent,

    /// <summary>Every attempt failed; the last error says why. It stays in the application as a notification.</summary>
    Failed,
}

/// <summary>
/// One e-mail to send: a notification for one address, written in the same save (and so the same transaction) as the
/// notification, so a committed notification is never without its mail and a rolled-back change sends nothing (ADR 0065).
/// </summary>
internal sealed class OutboxMail
{
    private OutboxMail() { }

    public long Id { get; private set; }

    public string To { get; private set; } = "";

    public NotificationKind Kind { get; private set; }

    public string Subject { get; private set; } = "";

    /// <summary>The notification's body: nothing beyond what the reader sees in the application.</summary>
    public string Body { get; private set; } = "";

    /// <summary>The path in OpenAeo (<c>/applications/12</c>), made absolute with <c>Node:PublicUrl</c> when it is sent.</summary>
    public string? Link { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public OutboxMailStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public const int MaxErrorLength = 1000;

    public static OutboxMail For(Notification notification, string to) =>
        new()
        {
            To = to,
            Kind = notification.Kind,
            Subject = notification.Subject,
            Body = notification.Body,
            Link = notification.Link,
            CreatedAt = notification.CreatedAt,
            Status = OutboxMailStatus.Pending,
            NextAttemptAt = notification.CreatedAt,
        };

    public void Sent(DateTimeOffset now)
    {
        Attempts++;
        Status = OutboxMailStatus.Sent;
        SentAt = now;
        NextAttemptAt = null;
        LastError = null;
    }

    /// <summary>Records a failed attempt; the next one waits longer (the webhooks' back-off), and after the last the mail is
    /// <see cref="OutboxMailStatus.Failed"/>.</summary>
    public void Failed(string error, DateTimeOffset now, double jitter)
    {
        Attempts++;
        LastError = error.Length <= MaxErrorLength ? error : error[..(MaxErrorLength - 1)] + "…";
        NextAttemptAt = WebhookRetries.NextAttempt(Attempts, now, jitter);
        if (NextAttemptAt is null)
        {
            Status = OutboxMailStatus.Failed;
        }
    }
}

/// <summary>The addresses each notification is mailed to; implemented where the accounts and their choices live.</summary>
internal interface IMailRecipients
{
    /// <summary>For each notification, in order, the addresses it goes to (none for most).</summary>
    Task<IReadOnlyList<IReadOnlyList<string>>> AddressesAsync(
        OpenAeoDb db,
        IReadOnlyList<Notification> notifications,
        CancellationToken ct
    );
}

/// <summary>
/// Writes the outbox: when a save adds notifications and SMTP is configured, adds an <see cref="OutboxMail"/> for every
/// address that chose the notification's kind, to the same save. Without <c>Smtp:Host</c> it does nothing (ADR 0065).
/// </summary>
internal sealed class MailOutbox(IOptions<SmtpOptions> smtp, IMailRecipients recipients) : SaveChangesInterceptor
{
    // A save retried on the same context (after a conflict) must not write a notification's mails twice.
    private readonly ConditionalWeakTable<Notification, object> written = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        WriteAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        await WriteAsync(eventData.Context, cancellationToken);
        return result;
    }

    private async Task WriteAsync(DbContext? context, CancellationToken ct)
    {
        if (!smtp.Value.Configured || context is not OpenAeoDb db)
        {
            return;
        }

        // The context detected its changes a moment ago (OpenAeoDb.SaveChanges); a notification is added, never found.
        List<Notification> added;
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            added =
            [
                .. db
                    .ChangeTracker.Entries<Notification>()
                    .Where(e => e.State == EntityState.Added && !written.TryGetValue(e.Entity, out _))
                    .Select(e => e.Entity),
            ];
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }

        if (added.Count == 0)
        {
            return;
        }

        var addresses = await recipients.AddressesAsync(db, added, ct);
        for (var i = 0; i < added.Count; i++)
        {
            written.AddOrUpdate(added[i], this);
            foreach (var to in addresses[i])
            {
                db.OutboxMails().Add(OutboxMail.For(added[i], to));
            }
        }
    }
}

internal static class OutboxMailStore
{
    public static DbSet<OutboxMail> OutboxMails(this OpenAeoDb db) => db.Set<OutboxMail>();
}

internal sealed class OutboxMailMapping : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> b)
    {
        b.ToTable("platform_mail_outbox");
        b.HasKey(m => m.Id);
        b.Property(m => m.To).HasMaxLength(Limits.Email.MaxLength);
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(m => m.Subject).HasMaxLength(Notification.MaxSubjectLength);
        b.Property(m => m.Body).HasMaxLength(Notification.MaxBodyLength);
        b.Property(m => m.Link).HasMaxLength(300);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.LastError).HasMaxLength(OutboxMail.MaxErrorLength);
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
