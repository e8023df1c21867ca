using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// The one EF Core model. Capabilities contribute their mappings as <see cref="IEntityTypeConfiguration{TEntity}"/>
/// classes in their own <c>*Persistence.cs</c> files and reach their tables through <c>db.Set&lt;T&gt;()</c>
/// extensions, so this class never names a capability. Each provider has a thin subclass that owns its
/// migrations folder.
/// </summary>
internal abstract class OpenAeoDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>The data protection key ring every node shares (Platform/Security/DataProtection.cs).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The shadow column that makes a row's concurrent changes visible (see <see cref="ConcurrencyVersion"/>).</summary>
    public const string VersionColumn = "Version";

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        NextVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        NextVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Every modified row that carries a version is saved as "the version I read, plus one": the UPDATE matches only while
    /// nobody else saved the row since it was read, so the later of two racing changes fails instead of overwriting.
    /// </summary>
    private void NextVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty(VersionColumn) is { IsConcurrencyToken: true })
            {
                var version = entry.Property(VersionColumn);
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OpenAeoDb).Assembly, t => !t.IsAbstract);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(200);
        configurationBuilder.Properties<decimal>().HavePrecision(20, 2);
    }
}

internal sealed class SqliteOpenAeoDb(DbContextOptions<SqliteOpenAeoDb> options) : OpenAeoDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no native instant type and EF cannot order or compare DateTimeOffset stored as text;
        // storing UTC ticks keeps instants sortable and exact.
        configurationBuilder
            .Properties<DateTimeOffset>()
            .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

internal sealed class PostgresOpenAeoDb(DbContextOptions<PostgresOpenAeoDb> options) : OpenAeoDb(options);

/// <summary>
/// Optimistic concurrency for rows two people (or a person and a scheduled job) may change at once: an application
/// decided twice, a certificate suspended while it expires (ADR 0019).
/// </summary>
internal static class ConcurrencyVersion
{
    public static void HasConcurrencyVersion<T>(this EntityTypeBuilder<T> b)
        where T : class => b.Property<long>(OpenAeoDb.VersionColumn).IsConcurrencyToken();
}
