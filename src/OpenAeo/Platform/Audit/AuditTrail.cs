using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenAeo.Platform.Audit;

/// <summary>
/// One state change: who did what to which record, when and why. Written in the same transaction as the change
/// it describes; there is no code path that updates or deletes an entry.
/// </summary>
internal sealed class AuditEntry
{
    private AuditEntry() { }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The user name, or <c>system</c>/<c>cli:&lt;os user&gt;</c> for work nobody signed in for.</summary>
    public string Actor { get; private set; } = "";

    /// <summary>Dotted verb, e.g. <c>operator.registered</c>.</summary>
    public string Action { get; private set; } = "";

    /// <summary>What was changed, e.g. <c>operator:TW12345678</c>.</summary>
    public string Subject { get; private set; } = "";

    public string? Reason { get; private set; }

    /// <summary>JSON with the details (changed fields, counts, file names).</summary>
    public string? Details { get; private set; }

    public static AuditEntry Create(DateTimeOffset at, string actor, string action, string subject, string? reason, object? details) =>
        new()
        {
            At = at,
            Actor = actor,
            Action = action,
            Subject = subject,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            Details = details is null ? null : JsonSerializer.Serialize(details, JsonOptions),
        };

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

internal static class AuditTrail
{
    public static DbSet<AuditEntry> AuditEntries(this OpenAeoDb db) => db.Set<AuditEntry>();

    /// <summary>Adds an entry to the unit of work; it is saved with the change it describes.</summary>
    public static void Audit(
        this OpenAeoDb db,
        DateTimeOffset at,
        string actor,
        string action,
        string subject,
        string? reason = null,
        object? details = null
    ) => db.AuditEntries().Add(AuditEntry.Create(at, actor, action, subject, reason, details));
}

internal sealed class AuditEntryMapping : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("platform_audit");
        b.HasKey(e => e.Id);
        b.Property(e => e.Actor).HasMaxLength(100);
        b.Property(e => e.Action).HasMaxLength(100);
        b.Property(e => e.Subject).HasMaxLength(200);
        b.Property(e => e.Reason).HasMaxLength(Limits.Reason.MaxLength);
        b.HasIndex(e => e.At);
        b.HasIndex(e => e.Subject);
    }
}
