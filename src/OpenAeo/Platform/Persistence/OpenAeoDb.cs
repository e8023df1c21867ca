using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

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
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

internal sealed class PostgresOpenAeoDb(DbContextOptions<PostgresOpenAeoDb> options) : OpenAeoDb(options);
