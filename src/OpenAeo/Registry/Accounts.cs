using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Security;

namespace OpenAeo.Registry;

/// <summary>Finds accounts for the API-key handler and checks passwords for the sign-in page.</summary>
internal sealed class Accounts(OpenAeoDb db) : IAccountLookup
{
    public async Task<IReadOnlyList<Claim>?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken ct)
    {
        var account = await db.Users().AsNoTracking().SingleOrDefaultAsync(u => u.ApiKeyHash == apiKeyHash && !u.Disabled, ct);
        return account is null ? null : Actor.Claims(account);
    }

    /// <summary>The account's claims when the password is right; null otherwise, without saying which part was wrong.</summary>
    public async Task<IReadOnlyList<Claim>?> VerifyPasswordAsync(string name, string password, CancellationToken ct)
    {
        var login = name.Trim().ToLowerInvariant();
        var account = await db.Users().SingleOrDefaultAsync(u => u.Name == login && !u.Disabled, ct);
        var hasher = new PasswordHasher<UserAccount>();
        if (account?.PasswordHash is null)
        {
            // Spend the same time as a real check so response times do not reveal which names exist.
            hasher.VerifyHashedPassword(null!, DummyHash, password);
            return null;
        }

        var result = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.SetPasswordHash(hasher.HashPassword(account, password));
            await db.SaveChangesAsync(ct);
        }

        return result == PasswordVerificationResult.Failed ? null : Actor.Claims(account);
    }

    private static readonly string DummyHash = new PasswordHasher<UserAccount>().HashPassword(null!, "not-a-real-password");
}
