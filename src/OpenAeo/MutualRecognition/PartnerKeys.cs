using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Platform;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// The API keys partners issued to us. We must send them, so they cannot be hashed like the keys we issue; they are
/// encrypted with ASP.NET data protection, whose key ring every node of the deployment shares in the database
/// (ADR 0018). A log of a query, an export of the table or a support dump then shows no partner's key; whoever holds
/// a copy of the whole database holds the key ring too and can still read them (ADR 0018 says what would change that).
/// </summary>
internal sealed class PartnerKeys(IDataProtectionProvider provider)
{
    /// <summary>
    /// Marks a key the upgrade to ADR 0018 found in plain text; <see cref="ProtectPlainPartnerKeys"/> encrypts it at
    /// the next start. A protected value is base64url and never contains a colon, so the two cannot be confused.
    /// </summary>
    public const string PlainPrefix = "plain:";

    private readonly IDataProtector protector = provider.CreateProtector("OpenAeo.MutualRecognition.PartnerApiKey");

    public string Protect(string apiKey) => protector.Protect(apiKey);

    /// <summary>
    /// Loads (and, when due, creates) the data protection key ring, which is stored in the database through a unit of
    /// work of its own: done before a write's transaction opens, so that writing a new key never waits on the
    /// transaction that is about to use it (SQLite has one writer).
    /// </summary>
    public void LoadKeyRing() => protector.Protect([]);

    /// <summary>The key to present at the partner's node.</summary>
    /// <exception cref="CryptographicException">The stored key cannot be decrypted with this deployment's key ring.</exception>
    public string Reveal(Partner partner)
    {
        if (partner.ProtectedApiKey.StartsWith(PlainPrefix, StringComparison.Ordinal))
        {
            return partner.ProtectedApiKey[PlainPrefix.Length..];
        }

        try
        {
            return protector.Unprotect(partner.ProtectedApiKey);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(
                $"Our API key at {partner.Economy} cannot be decrypted with this deployment's data protection key "
                    + $"ring; enter it again (PUT /api/v1/partners/{partner.Economy}).",
                e
            );
        }
    }

    /// <summary>True when <paramref name="apiKey"/> is the key stored for the partner (false when the stored one cannot be read).</summary>
    public bool IsStored(Partner partner, string apiKey)
    {
        if (partner.ProtectedApiKey.Length == 0)
        {
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(Reveal(partner)),
                System.Text.Encoding.UTF8.GetBytes(apiKey)
            );
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}

/// <summary>
/// Encrypts the partner keys that a database from before ADR 0018 kept in plain text (the migration marked them
/// with <see cref="PartnerKeys.PlainPrefix"/>), right after the migrations, all in one transaction: a crash leaves
/// every key either still marked plain or encrypted, never lost.
/// </summary>
internal sealed class ProtectPlainPartnerKeys : IStartupTask
{
    public bool ServeOnly => false;

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<OpenAeoDb>();
        var keys = services.GetRequiredService<PartnerKeys>();
        var plain = await db.Partners().Where(p => p.ProtectedApiKey.StartsWith(PartnerKeys.PlainPrefix)).ToListAsync(ct);
        if (plain.Count == 0)
        {
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var partner in plain)
        {
            partner.ReplaceProtectedApiKey(keys.Protect(keys.Reveal(partner)));
            db.Audit(
                now,
                Registry.Actor.System.Name,
                "partner.api-key-encrypted",
                $"partner:{partner.Economy}",
                "stored in plain text by an earlier version"
            );
        }

        await db.SaveChangesAsync(ct);
        services
            .GetRequiredService<ILogger<ProtectPlainPartnerKeys>>()
            .LogInformation(
                "Encrypted the stored API keys of {Count} partners ({Partners}).",
                plain.Count,
                string.Join(", ", plain.Select(p => p.Economy))
            );
    }
}

internal static class PartnerKeyRing
{
    /// <summary>Loads the key ring before the endpoint's later filters (<see cref="Platform.Web.Idempotency"/>) open a
    /// transaction.</summary>
    public static RouteHandlerBuilder WithPartnerKeyRing(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(
            async (invocation, next) =>
            {
                invocation.HttpContext.RequestServices.GetRequiredService<PartnerKeys>().LoadKeyRing();
                return await next(invocation);
            }
        );
}
