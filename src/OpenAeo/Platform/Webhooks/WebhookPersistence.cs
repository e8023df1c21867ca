using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Shared.Webhooks;

namespace OpenAeo.Platform.Webhooks;

/// <summary>Webhook settings of a deployment (ADR 0037).</summary>
internal sealed class WebhookOptions
{
    /// <summary>How often the dispatcher looks for new events and due retries; 0 = only when asked (tests).</summary>
    public int IntervalSeconds { get; set; } = 5;

    /// <summary>How long one delivery may take before it counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    public bool AllowPlainHttp { get; set; }

    public bool AllowPrivateNetworks { get; set; }

    public WebhookTargetRules Rules => new(AllowPlainHttp, AllowPrivateNetworks);
}

/// <summary>An administrator's subscription: where to post which events, signed with its secret.</summary>
internal sealed class WebhookSubscription
{
    public int Id { get; set; }

    public string Url { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The <c>whsec_</c> secret, encrypted with the deployment's key ring (it must be read back to sign).</summary>
    public string ProtectedSecret { get; set; } = "";

    /// <summary>Event types, comma-separated, in catalogue order.</summary>
    public string EventTypes { get; set; } = "";

    /// <summary>Paused subscriptions keep their events; they are sent when it is active again.</summary>
    public bool Active { get; set; } = true;

    /// <summary>The last audit entry before the subscription existed: older events are not its business.</summary>
    public long StartsAfterAuditId { get; set; }

    /// <summary>Audit entries up to here have been fanned out to this subscription (later commits of lower ids are caught by a time
    /// window).</summary>
    public long FannedThrough { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? SecretRotatedAt { get; set; }

    public IReadOnlyList<string> Types => EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

internal enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One event for one subscription, with its payload fixed when it was made so that every attempt sends the same bytes.</summary>
internal sealed class WebhookDelivery
{
    public long Id { get; set; }

    public int SubscriptionId { get; set; }

    public long AuditEntryId { get; set; }

    /// <summary>The <c>webhook-id</c> header: the same on every attempt and replay, so receivers can de-duplicate.</summary>
    public string MessageId { get; set; } = "";

    public string EventType { get; set; } = "";

    public string Payload { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public WebhookDeliveryStatus Status { get; set; }

    /// <summary>Attempts since the delivery was made or last replayed (the retry schedule counts these).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>One try to post a delivery: what the receiver answered, or why there was no answer.</summary>
internal sealed class WebhookAttempt
{
    public const int MaxResponseLength = 500;

    public long Id { get; set; }

    public long DeliveryId { get; set; }

    public DateTimeOffset At { get; set; }

    public int? StatusCode { get; set; }

    /// <summary>The first characters of the response body.</summary>
    public string? Response { get; set; }

    public string? Error { get; set; }

    public int DurationMs { get; set; }
}

/// <summary>Reads and writes subscriptions' secrets; only the protected form is stored.</summary>
internal sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("OpenAeo.Platform.Webhooks.Secret");

    /// <summary>A new random secret and its protected form.</summary>
    public (string Secret, string Protected) New()
    {
        var secret = WebhookSignature.Secret(System.Security.Cryptography.RandomNumberGenerator.GetBytes(WebhookSignature.SecretBytes));
        return (secret, protector.Protect(secret));
    }

    public string Read(WebhookSubscription subscription) => protector.Unprotect(subscription.ProtectedSecret);
}

internal static class WebhookStore
{
    public static DbSet<WebhookSubscription> WebhookSubscriptions(this OpenAeoDb db) => db.Set<WebhookSubscription>();

    public static DbSet<WebhookDelivery> WebhookDeliveries(this OpenAeoDb db) => db.Set<WebhookDelivery>();

    public static DbSet<WebhookAttempt> WebhookAttempts(this OpenAeoDb db) => db.Set<WebhookAttempt>();
}

internal sealed class WebhookSubscriptionMapping : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.ToTable("platform_webhook_subscriptions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Url).HasMaxLength(Limits.Url.MaxLength);
        b.Property(s => s.Description).HasMaxLength(Limits.Label.MaxLength);
        b.Property(s => s.ProtectedSecret).HasMaxLength(2000);
        b.Property(s => s.EventTypes).HasMaxLength(1000);
        b.Property(s => s.CreatedBy).HasMaxLength(100);
        b.Ignore(s => s.Types);
    }
}

internal sealed class WebhookDeliveryMapping : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("platform_webhook_deliveries");
        b.HasKey(d => d.Id);
        b.Property(d => d.MessageId).HasMaxLength(40);
        b.Property(d => d.EventType).HasMaxLength(50);
        b.Property(d => d.LastError).HasMaxLength(1000);
        b.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);

        // One delivery per event and subscription, whatever runs the fan-out and however often.
        b.HasIndex(d => new { d.SubscriptionId, d.AuditEntryId }).IsUnique();
        b.HasIndex(d => d.MessageId).IsUnique();
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }
}

internal sealed class WebhookAttemptMapping : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> b)
    {
        b.ToTable("platform_webhook_attempts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Response).HasMaxLength(WebhookAttempt.MaxResponseLength);
        b.Property(a => a.Error).HasMaxLength(1000);
        b.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.DeliveryId);
    }
}
