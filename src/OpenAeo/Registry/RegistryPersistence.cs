using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

internal static class RegistryPersistence
{
    public static DbSet<Economy> Economies(this OpenAeoDb db) => db.Set<Economy>();

    public static DbSet<Programme> Programmes(this OpenAeoDb db) => db.Set<Programme>();

    public static DbSet<ProgrammeStatistic> ProgrammeStatistics(this OpenAeoDb db) => db.Set<ProgrammeStatistic>();

    public static DbSet<Operator> Operators(this OpenAeoDb db) => db.Set<Operator>();

    public static DbSet<UserAccount> Users(this OpenAeoDb db) => db.Set<UserAccount>();

    public static DbSet<SignInFailure> SignInFailures(this OpenAeoDb db) => db.Set<SignInFailure>();

    /// <summary>The node programme's time zone id ("UTC" when the node has no programme): the zone its days are counted in.</summary>
    public static async Task<string> HomeZoneIdAsync(this OpenAeoDb db, string nodeEconomy, CancellationToken ct) =>
        await db.Programmes().AsNoTracking().Where(p => p.EconomyCode == nodeEconomy).Select(p => p.TimeZone).FirstOrDefaultAsync(ct)
        ?? "UTC";

    public static async Task<TimeZoneInfo> HomeZoneAsync(this OpenAeoDb db, string nodeEconomy, CancellationToken ct) =>
        TimeZones.Find(await db.HomeZoneIdAsync(nodeEconomy, ct)) ?? TimeZoneInfo.Utc;

    public static async Task<IReadOnlySet<string>> EconomyCodesAsync(this OpenAeoDb db, CancellationToken ct) =>
        (await db.Economies().Where(e => e.Kind == EconomyKind.Economy).Select(e => e.Code).ToListAsync(ct)).ToHashSet();

    public static Task<Operator?> FindOperatorAsync(this OpenAeoDb db, Tin tin, CancellationToken ct) =>
        db.Operators().SingleOrDefaultAsync(o => o.Tin == tin, ct);

    /// <summary>A TIN column of any capability's table: stored as its text, read back without checking again.</summary>
    internal static PropertyBuilder<Tin> IsTin(this PropertyBuilder<Tin> p) =>
        p.HasConversion(t => t.Value, v => Tin.FromTrusted(v)).HasMaxLength(Limits.StoredTin.MaxLength);
}

internal sealed class EconomyMapping : IEntityTypeConfiguration<Economy>
{
    public void Configure(EntityTypeBuilder<Economy> b)
    {
        b.ToTable("registry_economies");
        b.HasKey(e => e.Code);
        b.Property(e => e.Code).HasMaxLength(Limits.EconomyCode.MaxLength);
        b.Property(e => e.Name).HasMaxLength(Limits.Name.MaxLength);
        b.Property(e => e.Source).HasMaxLength(Limits.Source.MaxLength);
    }
}

internal sealed class ProgrammeMapping : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.ToTable("registry_programmes");
        b.HasKey(p => p.Code);
        b.HasConcurrencyVersion();
        b.Property(p => p.Code).HasMaxLength(Limits.ProgrammeCode.MaxLength);
        b.Property(p => p.EconomyCode).HasMaxLength(2);
        b.Property(p => p.Name).HasMaxLength(Limits.Name.MaxLength);
        b.Property(p => p.ShortName).HasMaxLength(Limits.ShortName.MaxLength);
        b.Property(p => p.SmeTurnoverCurrency).HasMaxLength(Limits.Currency.MaxLength);
        b.Property(p => p.Notes).HasMaxLength(Limits.Note.MaxLength);
        b.Property(p => p.Source).HasMaxLength(1000);
        b.Property(p => p.Tracks).HasConversion<int>();
        b.Property(p => p.EligibleRoles).HasConversion<int>();
        b.HasIndex(p => p.EconomyCode);
        b.HasOne<Economy>().WithMany().HasForeignKey(p => p.EconomyCode).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(p => p.Validity);
        b.Ignore(p => p.Sla);
        b.Ignore(p => p.SmeDefinition);
        b.Ignore(p => p.Calendar);
        b.Ignore(p => p.Monitoring);
        b.Ignore(p => p.WorkingHours);
    }
}

internal sealed class ProgrammeStatisticMapping : IEntityTypeConfiguration<ProgrammeStatistic>
{
    public void Configure(EntityTypeBuilder<ProgrammeStatistic> b)
    {
        b.ToTable("registry_programme_statistics");
        b.HasKey(s => s.Id);
        b.Property(s => s.ProgrammeCode).HasMaxLength(20);
        b.Property(s => s.Metric).HasMaxLength(200);
        b.Property(s => s.Source).HasMaxLength(500);
        b.HasIndex(s => s.ProgrammeCode);
        b.HasOne<Programme>().WithMany().HasForeignKey(s => s.ProgrammeCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OperatorMapping : IEntityTypeConfiguration<Operator>
{
    public void Configure(EntityTypeBuilder<Operator> b)
    {
        b.ToTable("registry_operators");
        b.HasKey(o => o.Tin);
        b.HasConcurrencyVersion();
        b.Property(o => o.Tin).HasConversion(t => t.Value, v => Tin.FromTrusted(v)).HasMaxLength(Limits.StoredTin.MaxLength);
        b.Property(o => o.LegalName).HasMaxLength(Limits.LegalName.MaxLength);
        b.Property(o => o.EconomyCode).HasMaxLength(2);
        b.Property(o => o.Sector).HasMaxLength(Limits.Sector.MaxLength);

        // Flags are stored as their number, not their names, so "has role X" is a bitwise test in SQL.
        b.Property(o => o.Roles).HasConversion<int>();
        b.HasIndex(o => o.EconomyCode);
        b.HasIndex(o => o.LegalName);
        b.HasOne<Economy>().WithMany().HasForeignKey(o => o.EconomyCode).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(o => o.Details);
    }
}

internal sealed class UserAccountMapping : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> b)
    {
        b.ToTable("registry_users");
        b.HasKey(u => u.Id);
        b.Property(u => u.Name).HasMaxLength(Limits.UserName.MaxLength);
        b.Property(u => u.DisplayName).HasMaxLength(Limits.Name.MaxLength);
        b.Property(u => u.OperatorTin).HasMaxLength(Limits.StoredTin.MaxLength);
        b.Property(u => u.PartnerEconomy).HasMaxLength(2);
        b.Property(u => u.Agency).HasMaxLength(Limits.AgencyCode.MaxLength);
        b.Property(u => u.TimeZone).HasMaxLength(Limits.TimeZone.MaxLength);
        b.Property(u => u.PasswordHash).HasMaxLength(500);
        b.Property(u => u.ApiKeyHash).HasMaxLength(64);
        b.HasIndex(u => u.Name).IsUnique();
        b.HasIndex(u => u.ApiKeyHash).IsUnique();
    }
}

internal sealed class SignInFailureMapping : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> b)
    {
        b.ToTable("registry_sign_in_failures");
        b.HasKey(f => f.Id);

        // "account:" or "address:" and a sign-in name (at most 64) or an address.
        b.Property(f => f.Door).HasMaxLength(100);
        b.HasIndex(f => new { f.Door, f.At });
        b.HasIndex(f => f.At);
    }
}
