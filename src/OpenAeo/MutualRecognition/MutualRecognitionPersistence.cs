using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>One benefit indicator the parties agreed to monitor (e.g. "inspection rate of partner AEOs", target "&lt; 2%").</summary>
/// <param name="Rule">
/// How it is measured (<c>examination_ratio &lt;= 0.5</c>, see <see cref="IndicatorRule"/>); null for an
/// indicator written as free text only, which is shown with its words and never judged (ADR 0023).
/// </param>
internal sealed record MonitoringIndicator(
    [Limit(nameof(Limits.Label))] string Indicator,
    [Limit(nameof(Limits.Label))] string Target,
    [Limit(nameof(Limits.Keyword))] string? Rule = null
);

/// <summary>A Mutual Recognition Arrangement: its parties, lifecycle dates, scope, benefits and monitoring clause.</summary>
internal sealed class Mra
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Economy codes or bloc codes (PACIFICALLIANCE); blocs expand to their members for recognition.</summary>
    public List<string> Parties { get; set; } = [];

    public MraStatus Status { get; set; }

    public DateOnly? NegotiationStartedOn { get; set; }

    public DateOnly? ActionPlanOn { get; set; }

    public DateOnly? SignedOn { get; set; }

    public DateOnly? InForceFrom { get; set; }

    public DateOnly? SuspendedOn { get; set; }

    public DateOnly? TerminatedOn { get; set; }

    /// <summary>From this day (in the programmes' zones, like the other dates) the parties recognise each other's validation visits as
    /// joint validations of the action plan, before the MRA is in force.</summary>
    public DateOnly? JointValidationFrom { get; set; }

    /// <summary>Roles recognised; None means every role.</summary>
    public OperatorRoles Roles { get; set; }

    /// <summary>Tiers recognised; empty means every tier.</summary>
    public List<string> Tiers { get; set; } = [];

    public List<string> Benefits { get; set; } = [];

    public List<MonitoringIndicator> Monitoring { get; set; } = [];

    /// <summary>Where a seeded row comes from; null for rows users added.</summary>
    public string? Source { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public MraDates Dates => new(NegotiationStartedOn, ActionPlanOn, SignedOn, InForceFrom, SuspendedOn, TerminatedOn);
}

/// <summary>An exchange of AEO status without an MRA: risk information only (status-exchange.md, "Why").</summary>
internal sealed class DataSharingArrangement
{
    public int Id { get; set; }

    public List<string> Parties { get; set; } = [];

    public DateOnly? SignedOn { get; set; }

    public string Scope { get; set; } = "AEO status for risk management only; no MRA benefits.";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One entry of our own status log. Rows are only ever inserted (ADR 0008).</summary>
internal sealed class LogEntry
{
    public long Index { get; set; }

    public string Tin { get; set; } = "";

    /// <summary>The RFC 8785 canonical JSON, served byte for byte.</summary>
    public string Json { get; set; } = "";

    public byte[] LeafHash { get; set; } = [];
}

/// <summary>The hash of a complete subtree of our log (level 0 = a leaf), so roots and proofs need O(log n) reads.</summary>
internal sealed class LogNode
{
    public int Level { get; set; }

    public long Index { get; set; }

    public byte[] Hash { get; set; } = [];
}

/// <summary>A tree head we signed; the latest is served.</summary>
internal sealed class LogTreeHead
{
    public long TreeSize { get; set; }

    public byte[] RootHash { get; set; } = [];

    public DateTimeOffset Timestamp { get; set; }

    public byte[] Signature { get; set; } = [];
}

/// <summary>
/// Per operator, whether it was last published as consenting. <see cref="Consenting"/> is a concurrency token: two
/// publishers that both saw a withdrawal cannot both append it, the second one's flip changes no row and rolls back.
/// </summary>
internal sealed class PublishedOperator
{
    public Tin Tin { get; set; }

    public bool Consenting { get; set; }
}

/// <summary>
/// The gap-free record of what the publisher has done with each certificate event (ADR 0012): one row per event, written
/// in the transaction that appends its entry, so an event is published exactly once whatever order events commit in.
/// </summary>
internal sealed class PublishedEvent
{
    /// <summary>The certificate event's id; the primary key, so a second publisher of the same event fails and rolls back.</summary>
    public long EventId { get; set; }

    /// <summary>
    /// The log entry that published it; null when the event was not for the log (operator without consent, another
    /// economy's programme) or was published before this record existed (migrated from the old cursor).
    /// </summary>
    public long? EntryIndex { get; set; }
}

/// <summary>The frontier (right-edge subtree hashes) of a partner's last verified tree; replaced with each verified round.</summary>
internal sealed class ReplicaFrontierNode
{
    public string Partner { get; set; } = "";

    public int Position { get; set; }

    public byte[] Hash { get; set; } = [];
}

/// <summary>One verified entry of a partner's log.</summary>
internal sealed class ReplicaEntry
{
    public string Partner { get; set; } = "";

    public long Index { get; set; }

    public string Tin { get; set; } = "";

    public string Json { get; set; } = "";
}

internal static class MutualRecognitionPersistence
{
    public static DbSet<Mra> Mras(this OpenAeoDb db) => db.Set<Mra>();

    public static DbSet<DataSharingArrangement> DataSharing(this OpenAeoDb db) => db.Set<DataSharingArrangement>();

    public static DbSet<LogEntry> LogEntries(this OpenAeoDb db) => db.Set<LogEntry>();

    public static DbSet<LogNode> LogNodes(this OpenAeoDb db) => db.Set<LogNode>();

    public static DbSet<LogTreeHead> LogTreeHeads(this OpenAeoDb db) => db.Set<LogTreeHead>();

    public static DbSet<PublishedOperator> PublishedOperators(this OpenAeoDb db) => db.Set<PublishedOperator>();

    public static DbSet<PublishedEvent> PublishedEvents(this OpenAeoDb db) => db.Set<PublishedEvent>();

    public static DbSet<Partner> Partners(this OpenAeoDb db) => db.Set<Partner>();

    public static DbSet<ReplicaFrontierNode> ReplicaFrontier(this OpenAeoDb db) => db.Set<ReplicaFrontierNode>();

    public static DbSet<ReplicaEntry> ReplicaEntries(this OpenAeoDb db) => db.Set<ReplicaEntry>();
}

internal sealed class MraMapping : IEntityTypeConfiguration<Mra>
{
    public void Configure(EntityTypeBuilder<Mra> b)
    {
        b.ToTable("mr_mras");
        b.HasKey(m => m.Id);
        b.HasConcurrencyVersion();
        b.Property(m => m.Name).HasMaxLength(Limits.Name.MaxLength);
        b.Property(m => m.Parties).AsJson();
        b.Property(m => m.Tiers).AsJson();
        b.Property(m => m.Benefits).AsJson();
        b.Property(m => m.Monitoring).AsJson();
        b.Property(m => m.Source).HasMaxLength(Limits.Source.MaxLength);
        b.Ignore(m => m.Dates);
    }
}

internal sealed class DataSharingMapping : IEntityTypeConfiguration<DataSharingArrangement>
{
    public void Configure(EntityTypeBuilder<DataSharingArrangement> b)
    {
        b.ToTable("mr_data_sharing");
        b.HasKey(m => m.Id);
        b.Property(m => m.Parties).AsJson();
        b.Property(m => m.Scope).HasMaxLength(500);
    }
}

internal sealed class LogEntryMapping : IEntityTypeConfiguration<LogEntry>
{
    public void Configure(EntityTypeBuilder<LogEntry> b)
    {
        b.ToTable("mr_log_entries");
        b.HasKey(e => e.Index);
        b.Property(e => e.Index).ValueGeneratedNever();
        b.Property(e => e.Tin).HasMaxLength(Limits.StoredTin.MaxLength);
        b.HasIndex(e => e.Tin);
    }
}

internal sealed class LogNodeMapping : IEntityTypeConfiguration<LogNode>
{
    public void Configure(EntityTypeBuilder<LogNode> b)
    {
        b.ToTable("mr_log_nodes");
        b.HasKey(n => new { n.Level, n.Index });
    }
}

internal sealed class LogTreeHeadMapping : IEntityTypeConfiguration<LogTreeHead>
{
    public void Configure(EntityTypeBuilder<LogTreeHead> b)
    {
        b.ToTable("mr_log_tree_heads");
        b.HasKey(h => h.TreeSize);
        b.Property(h => h.TreeSize).ValueGeneratedNever();
    }
}

internal sealed class PublishedOperatorMapping : IEntityTypeConfiguration<PublishedOperator>
{
    public void Configure(EntityTypeBuilder<PublishedOperator> b)
    {
        b.ToTable("mr_published_operators");
        b.HasKey(p => p.Tin);
        b.Property(p => p.Tin).IsTin();
        b.Property(p => p.Consenting).IsConcurrencyToken();
    }
}

internal sealed class PublishedEventMapping : IEntityTypeConfiguration<PublishedEvent>
{
    public void Configure(EntityTypeBuilder<PublishedEvent> b)
    {
        b.ToTable("mr_published_events");
        b.HasKey(p => p.EventId);
        b.Property(p => p.EventId).ValueGeneratedNever();
    }
}

internal sealed class PartnerMapping : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> b)
    {
        b.ToTable("mr_partners");
        b.HasKey(p => p.Economy);
        b.Property(p => p.Economy).HasMaxLength(2);
        b.Property(p => p.BaseUrl).HasMaxLength(Limits.Url.MaxLength);
        b.Property(p => p.ProtectedApiKey).HasMaxLength(2000);
        b.Property(p => p.LastError).HasMaxLength(Partner.MaxErrorLength);
        b.Property(p => p.VerifiedTreeHead).HasMaxLength(2000);
        b.Ignore(p => p.Agreement);
        b.Ignore(p => p.IsRetired);
        b.HasOne<Mra>().WithMany().HasForeignKey(p => p.MraId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DataSharingArrangement>().WithMany().HasForeignKey(p => p.DataSharingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReplicaFrontierMapping : IEntityTypeConfiguration<ReplicaFrontierNode>
{
    public void Configure(EntityTypeBuilder<ReplicaFrontierNode> b)
    {
        b.ToTable("mr_replica_frontier");
        b.HasKey(n => new { n.Partner, n.Position });
        b.Property(n => n.Partner).HasMaxLength(2);
    }
}

internal sealed class ReplicaEntryMapping : IEntityTypeConfiguration<ReplicaEntry>
{
    public void Configure(EntityTypeBuilder<ReplicaEntry> b)
    {
        b.ToTable("mr_replica_entries");
        b.HasKey(e => new { e.Partner, e.Index });
        b.Property(e => e.Partner).HasMaxLength(2);
        b.Property(e => e.Tin).HasMaxLength(Limits.StoredTin.MaxLength);
        b.HasIndex(e => new { e.Tin, e.Partner });
    }
}
