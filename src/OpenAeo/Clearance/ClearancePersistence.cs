using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>
/// A declaration as lodged, with its lane and the decision's explanation. The milestone times the Time Release Study
/// reads (arrival, lodged, released, delivered) are kept on the row as well as in the event log, so a study or an
/// export scans one table.
/// </summary>
internal sealed class Declaration
{
    public Guid Id { get; set; }

    public string Reference { get; set; } = "";

    public DeclarationType Type { get; set; }

    public TransportMode Mode { get; set; }

    public string OriginEconomy { get; set; } = "";

    public string DestinationEconomy { get; set; } = "";

    public string Office { get; set; } = "";

    public string OfficeTimeZone { get; set; } = "";

    public string? ImporterTin { get; set; }

    public string? ExporterTin { get; set; }

    public string? ConsignorTin { get; set; }

    public string? CustomsBrokerTin { get; set; }

    public string? CarrierTin { get; set; }

    public string? FreightForwarderTin { get; set; }

    public string? WarehouseTin { get; set; }

    /// <summary>The e-commerce platform the goods were sold through (ADR 0043).</summary>
    public string? EcommercePlatformTin { get; set; }

    public decimal CustomsValue { get; set; }

    public bool LowValueEcommerce { get; set; }

    public DateTimeOffset? ArrivalAt { get; set; }

    public DateTimeOffset LodgedAt { get; set; }

    /// <summary>The lodgement date in the office's time zone: the day rules, MRAs and study periods are read on.</summary>
    public DateOnly LodgedOn { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public Lane Lane { get; set; }

    public int Score { get; set; }

    public bool RandomlySelected { get; set; }

    /// <summary>Recognition of the importer (exporter of an export) when lodged.</summary>
    public RecognitionResult PrincipalStatus { get; set; }

    public bool PrincipalSme { get; set; }

    /// <summary>Recognition of the foreign consignor when lodged; null when there is none.</summary>
    public RecognitionResult? ConsignorStatus { get; set; }

    /// <summary>The MRA the consignor was recognised under, when it was.</summary>
    public string? ConsignorMra { get; set; }

    /// <summary>The whole <see cref="LaneDecision"/> as JSON.</summary>
    public string Explanation { get; set; } = "";

    public string SubmittedBy { get; set; } = "";

    public List<DeclarationItemRow> Items { get; set; } = [];

    public string? PartyTin(PartyRole role) =>
        role switch
        {
            PartyRole.Importer => ImporterTin,
            PartyRole.Exporter => ExporterTin,
            PartyRole.Consignor => ConsignorTin,
            PartyRole.CustomsBroker => CustomsBrokerTin,
            PartyRole.Carrier => CarrierTin,
            PartyRole.FreightForwarder => FreightForwarderTin,
            PartyRole.EcommercePlatform => EcommercePlatformTin,
            _ => WarehouseTin,
        };

    public void SetParty(PartyRole role, string? tin)
    {
        switch (role)
        {
            case PartyRole.Importer:
                ImporterTin = tin;
                break;
            case PartyRole.Exporter:
                ExporterTin = tin;
                break;
            case PartyRole.Consignor:
                ConsignorTin = tin;
                break;
            case PartyRole.CustomsBroker:
                CustomsBrokerTin = tin;
                break;
            case PartyRole.Carrier:
                CarrierTin = tin;
                break;
            case PartyRole.FreightForwarder:
                FreightForwarderTin = tin;
                break;
            case PartyRole.EcommercePlatform:
                EcommercePlatformTin = tin;
                break;
            default:
                WarehouseTin = tin;
                break;
        }
    }
}

internal sealed class DeclarationItemRow
{
    public Guid DeclarationId { get; set; }

    public int Line { get; set; }

    public string HsCode { get; set; } = "";

    public decimal CustomsValue { get; set; }

    public string? Description { get; set; }
}

/// <summary>One milestone of a declaration: what happened, when, who recorded it.</summary>
internal sealed class DeclarationEvent
{
    public long Id { get; set; }

    public Guid DeclarationId { get; set; }

    public Milestone Milestone { get; set; }

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = "";

    /// <summary>The agency the event belongs to (permits), when there is one.</summary>
    public string? Agency { get; set; }

    public string? Note { get; set; }
}

/// <summary>What one agency requires of one declaration, and where its permit and joint inspection stand.</summary>
internal sealed class AgencyCase
{
    public Guid DeclarationId { get; set; }

    public string Agency { get; set; } = "";

    public bool PermitRequired { get; set; }

    public PermitStatus? PermitStatus { get; set; }

    public bool DocumentaryCheck { get; set; }

    public bool DocumentaryCheckWaived { get; set; }

    public bool JointInspection { get; set; }

    /// <summary>The one appointment customs and the agency share for a joint inspection.</summary>
    public DateTimeOffset? AppointmentAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? Note { get; set; }
}

/// <summary>One version of a risk rule; the conditions are stored as the API writes them.</summary>
internal sealed class RiskRuleVersion
{
    public string Id { get; set; } = "";

    public int Version { get; set; }

    public string Name { get; set; } = "";

    public WrittenRuleConditions Conditions { get; set; } = new();

    public int Score { get; set; }

    public Lane? ForceLane { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveUntil { get; set; }

    public bool Retired { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string? Reason { get; set; }
}

/// <summary>One version of the selectivity profile (thresholds, credits, random rate), effective from a date.</summary>
internal sealed class ProfileVersion
{
    public int Version { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public int YellowFrom { get; set; }

    public int RedFrom { get; set; }

    public int PrincipalAeoCredit { get; set; }

    public int PartyAeoCredit { get; set; }

    public int MraCredit { get; set; }

    public int AllAeoChainCredit { get; set; }

    public int OgaCredit { get; set; }

    public double RandomRate { get; set; }

    public Lane RandomLane { get; set; }

    public double? ExpectedGreen { get; set; }

    public double? ExpectedYellow { get; set; }

    public double? ExpectedRed { get; set; }

    /// <summary>Seeds every random draw made under this version.</summary>
    public long Seed { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public SelectivityProfile ToDomain() =>
        new(
            YellowFrom,
            RedFrom,
            PrincipalAeoCredit,
            PartyAeoCredit,
            MraCredit,
            AllAeoChainCredit,
            OgaCredit,
            RandomRate,
            RandomLane,
            ExpectedGreen,
            ExpectedYellow,
            ExpectedRed
        );
}

internal sealed class CommodityControlRow
{
    public int Id { get; set; }

    public string Agency { get; set; } = "";

    public string HsFrom { get; set; } = "";

    public string HsTo { get; set; } = "";

    public bool PermitRequired { get; set; }

    public bool DocumentaryCheck { get; set; }

    public double InspectionRate { get; set; }

    public CommodityControl ToDomain() => new(Id, Agency, new HsRange(HsFrom, HsTo), PermitRequired, DocumentaryCheck, InspectionRate);
}

internal static class ClearancePersistence
{
    public static DbSet<Declaration> Declarations(this OpenAeoDb db) => db.Set<Declaration>();

    public static DbSet<DeclarationItemRow> DeclarationItems(this OpenAeoDb db) => db.Set<DeclarationItemRow>();

    public static DbSet<DeclarationEvent> DeclarationEvents(this OpenAeoDb db) => db.Set<DeclarationEvent>();

    public static DbSet<AgencyCase> AgencyCases(this OpenAeoDb db) => db.Set<AgencyCase>();

    public static DbSet<RiskRuleVersion> RiskRules(this OpenAeoDb db) => db.Set<RiskRuleVersion>();

    public static DbSet<ProfileVersion> SelectivityProfiles(this OpenAeoDb db) => db.Set<ProfileVersion>();

    public static DbSet<CommodityControlRow> CommodityControls(this OpenAeoDb db) => db.Set<CommodityControlRow>();
}

internal sealed class DeclarationMapping : IEntityTypeConfiguration<Declaration>
{
    private static readonly string[] PartyIndexes =
    [
        nameof(Declaration.ImporterTin),
        nameof(Declaration.ExporterTin),
        nameof(Declaration.CustomsBrokerTin),
        nameof(Declaration.EcommercePlatformTin),
    ];

    public void Configure(EntityTypeBuilder<Declaration> b)
    {
        b.ToTable("clr_declarations");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Reference).HasMaxLength(Limits.Reference.MaxLength);
        b.HasIndex(d => d.Reference).IsUnique();
        b.Property(d => d.OriginEconomy).HasMaxLength(Limits.EconomyCode.MaxLength);
        b.Property(d => d.DestinationEconomy).HasMaxLength(Limits.EconomyCode.MaxLength);
        b.Property(d => d.Office).HasMaxLength(Limits.OfficeCode.MaxLength);
        b.Property(d => d.OfficeTimeZone).HasMaxLength(Limits.TimeZone.MaxLength);
        foreach (
            var tin in new[]
            {
                nameof(Declaration.ImporterTin),
                nameof(Declaration.ExporterTin),
                nameof(Declaration.ConsignorTin),
                nameof(Declaration.CustomsBrokerTin),
                nameof(Declaration.CarrierTin),
                nameof(Declaration.FreightForwarderTin),
                nameof(Declaration.WarehouseTin),
                nameof(Declaration.EcommercePlatformTin),
            }
        )
        {
            b.Property<string?>(tin).HasMaxLength(Limits.StoredTin.MaxLength);
        }

        b.Property(d => d.ConsignorMra).HasMaxLength(20);
        b.Property(d => d.SubmittedBy).HasMaxLength(100);
        b.HasIndex(d => d.LodgedAt);
        b.HasIndex(d => new { d.Lane, d.Office });
        // A party's declarations are found by equality, which implies the column is not null: an index of only the rows
        // that name the party is enough, and a lodging without a broker or a platform (most) writes neither index.
        foreach (var tin in PartyIndexes)
        {
            b.HasIndex(tin).HasFilter($"\"{tin}\" IS NOT NULL");
        }

        b.HasMany(d => d.Items).WithOne().HasForeignKey(i => i.DeclarationId);
    }
}

internal sealed class DeclarationItemMapping : IEntityTypeConfiguration<DeclarationItemRow>
{
    public void Configure(EntityTypeBuilder<DeclarationItemRow> b)
    {
        b.ToTable("clr_declaration_items");
        b.HasKey(i => new { i.DeclarationId, i.Line });
        b.Property(i => i.Line).ValueGeneratedNever();
        b.Property(i => i.HsCode).HasMaxLength(Limits.HsCode.MaxLength);
        b.Property(i => i.Description).HasMaxLength(Limits.Description.MaxLength);
    }
}

internal sealed class DeclarationEventMapping : IEntityTypeConfiguration<DeclarationEvent>
{
    public void Configure(EntityTypeBuilder<DeclarationEvent> b)
    {
        b.ToTable("clr_declaration_events");
        b.HasKey(e => e.Id);
        b.HasOne<Declaration>().WithMany().HasForeignKey(e => e.DeclarationId);
        b.HasIndex(e => e.DeclarationId);
        b.Property(e => e.Actor).HasMaxLength(100);
        b.Property(e => e.Agency).HasMaxLength(Limits.AgencyCode.MaxLength);
        b.Property(e => e.Note).HasMaxLength(Limits.Note.MaxLength);
    }
}

internal sealed class AgencyCaseMapping : IEntityTypeConfiguration<AgencyCase>
{
    public void Configure(EntityTypeBuilder<AgencyCase> b)
    {
        b.ToTable("clr_agency_cases");
        b.HasKey(c => new { c.DeclarationId, c.Agency });
        b.HasOne<Declaration>().WithMany().HasForeignKey(c => c.DeclarationId);
        b.Property(c => c.Agency).HasMaxLength(Limits.AgencyCode.MaxLength);
        b.Property(c => c.DecidedBy).HasMaxLength(100);
        b.Property(c => c.Note).HasMaxLength(Limits.Note.MaxLength);
        b.HasIndex(c => new { c.Agency, c.PermitStatus });
    }
}

internal sealed class RiskRuleVersionMapping : IEntityTypeConfiguration<RiskRuleVersion>
{
    public void Configure(EntityTypeBuilder<RiskRuleVersion> b)
    {
        b.ToTable("clr_risk_rules");
        b.HasKey(r => new { r.Id, r.Version });
        b.Property(r => r.Id).HasMaxLength(Limits.Code.MaxLength);
        b.Property(r => r.Version).ValueGeneratedNever();
        b.Property(r => r.Name).HasMaxLength(Limits.Name.MaxLength);
        b.Property(r => r.Conditions)
            .HasConversion(
                c => System.Text.Json.JsonSerializer.Serialize(c, ClearanceJson.Options),
                s =>
                    System.Text.Json.JsonSerializer.Deserialize<WrittenRuleConditions>(s, ClearanceJson.Options)
                    ?? new WrittenRuleConditions()
            );
        b.Property(r => r.CreatedBy).HasMaxLength(100);
        b.Property(r => r.Reason).HasMaxLength(Limits.Reason.MaxLength);
    }
}

internal sealed class ProfileVersionMapping : IEntityTypeConfiguration<ProfileVersion>
{
    public void Configure(EntityTypeBuilder<ProfileVersion> b)
    {
        b.ToTable("clr_selectivity_profiles");
        b.HasKey(p => p.Version);
        b.Property(p => p.Version).ValueGeneratedNever();
        b.Property(p => p.CreatedBy).HasMaxLength(100);
    }
}

internal sealed class CommodityControlMapping : IEntityTypeConfiguration<CommodityControlRow>
{
    public void Configure(EntityTypeBuilder<CommodityControlRow> b)
    {
        b.ToTable("clr_commodity_controls");
        b.HasKey(c => c.Id);
        b.HasOne<AgencyRow>().WithMany().HasForeignKey(c => c.Agency);
        b.Property(c => c.HsFrom).HasMaxLength(Limits.HsCode.MaxLength);
        b.Property(c => c.HsTo).HasMaxLength(Limits.HsCode.MaxLength);
    }
}

/// <summary>JSON as the API writes it: camelCase, enums by name.</summary>
internal static class ClearanceJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
