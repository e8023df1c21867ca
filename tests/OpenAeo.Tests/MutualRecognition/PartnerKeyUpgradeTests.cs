using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>Issue #11 item 8: partners' API keys kept in plain text by an earlier version are encrypted on upgrade, none lost.</summary>
public sealed class Partner_keys_on_upgrade
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Plain_keys_of_an_earlier_version_are_encrypted_at_the_next_start_and_read_back_unchanged(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var admin = await app.ClientAs(Role.Admin);
        foreach (var economy in new[] { "KR", "JP" })
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            (
                await admin.PostAsJsonAsync(
                    "/api/v1/partners",
                    new
                    {
                        economy,
                        url = $"https://{economy.ToLowerInvariant()}.example",
                        publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
                        apiKey = "new-key",
                    }
                )
            ).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // The database as the version before issue #11 left it: the schema before this change, keys in plain text.
        await app.WithDb(async db =>
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_AccountsAndKeyRing", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            (await db.Database.ExecuteSqlRawAsync("UPDATE mr_partners SET \"ApiKey\" = 'oak_' || \"Economy\" || '-plain-key'")).ShouldBe(2);
        });

        // The next start: migrations, then the startup tasks.
        await StartupTasks.RunAsync(app.Services, serving: false, CancellationToken.None);

        var keys = app.Services.GetRequiredService<PartnerKeys>();
        var stored = await app.WithDb(db => db.Partners().AsNoTracking().OrderBy(p => p.Economy).ToListAsync());
        stored.ShouldAllBe(p => !p.ProtectedApiKey.Contains("plain") && !p.ProtectedApiKey.Contains("oak_"));
        stored.Select(keys.Reveal).ShouldBe(["oak_JP-plain-key", "oak_KR-plain-key"]);
        var audit = await app.WithDb(db =>
            db.AuditEntries()
                .AsNoTracking()
                .Where(a => a.Action == "partner.api-key-encrypted")
                .Select(a => a.Subject)
                .OrderBy(s => s)
                .ToListAsync()
        );
        audit.ShouldBe(["partner:JP", "partner:KR"]);

        // A second start finds nothing left to encrypt.
        await StartupTasks.RunAsync(app.Services, serving: false, CancellationToken.None);
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Action == "partner.api-key-encrypted"))).ShouldBe(2);
    }
}
