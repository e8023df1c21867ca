using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenAeo.Platform.Security;

/// <summary>
/// ASP.NET data protection (sign-in cookies, antiforgery tokens, partners' API keys) with one key ring for the whole
/// deployment, kept in the database: every node that shares the database reads the same keys, so a cookie issued by
/// one node is accepted by another and a secret encrypted by the CLI is read by the web server (ADR 0018). The
/// application name is fixed because the default, the content root path, differs between nodes installed apart.
/// </summary>
internal static class DataProtectionSetup
{
    public const string ApplicationName = "OpenAeo";

    public static IServiceCollection AddOpenAeoDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<OpenAeoDb>();
        services.AddSingleton<IStartupTask, KeyRingStartup>();
        return services;
    }

    /// <summary>
    /// Makes sure the key ring has a key before this process serves: the first process that migrates a new database
    /// (<c>openaeo db migrate</c>, or the first node to start) creates it, and nodes started later read it, instead of
    /// each node creating its own key on its first request.
    /// </summary>
    private sealed class KeyRingStartup : IStartupTask
    {
        public bool ServeOnly => false;

        public Task RunAsync(IServiceProvider services, CancellationToken ct)
        {
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("OpenAeo.KeyRing").Protect([]);
            return Task.CompletedTask;
        }
    }
}

internal sealed class DataProtectionKeyMapping : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("platform_data_protection_keys");
        b.HasKey(k => k.Id);
        b.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
