using System.Globalization;
using Microsoft.AspNetCore.Identity;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Security;

namespace OpenAeo.Registry;

/// <summary>
/// Finds accounts for the API-key handler and the cookie check, and checks passwords for sign-in. Every call reads
/// the database; the handlers ask through <see cref="CachedAccountLookup"/>, which remembers the answers for a few seconds.
/// </summary>
internal sealed class Accounts(OpenAeoDb db)
{
    /// <summary>The claims of the enabled account whose key hashes to the presented key's hash.</summary>
    public async Task<IReadOnlyList<Claim>?> FindClaimsByApiKeyAsync(string apiKey, CancellationToken ct)
    {
        var hash = ApiKeys.Hash(apiKey);
        var account = await db.Users().AsNoTracking().SingleOrDefaultAsync(u => u.ApiKeyHash == hash && !u.Disabled, ct);
        return account is null ? null : Actor.Claims(account);
    }

    public Task<bool> IsSessionCurrentAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (SessionOf(principal) is not var (id, version))
        {
            // A cookie from before session versions existed, or not ours: sign in again.
            return Task.FromResult(false);
        }

        return db.Users().AnyAsync(u => u.Id == id && !u.Disabled && u.SessionVersion == version, ct);
    }

    /// <summary>The account id and session version a sign-in cookie carries, if it carries both.</summary>
    public static (int Id, int Version)? SessionOf(ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && int.TryParse(principal.FindFirstValue(OpenAeoClaims.Session), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (id, version)
            : null;

    /// <summary>
    /// The account (tracked, for the caller to record the sign-in) when the password is right; otherwise why not, for
    /// the audit trail only: the person signing in is told nothing about which part was wrong.
    /// </summary>
    public async Task<(UserAccount? Account, string? Failure)> VerifyPasswordAsync(string login, string password, CancellationToken ct)
    {
        var account = await db.Users().SingleOrDefaultAsync(u => u.Name == login, ct);
        var hasher = new PasswordHasher<UserAccount>();
        if (account?.PasswordHash is null || account.Disabled)
        {
            // Spend the same time as a real check so response times do not reveal which names exist or are disabled.
            hasher.VerifyHashedPassword(null!, DummyHash, password);
            return (
                null,
                account is null ? "unknown-user"
                : account.Disabled ? "disabled"
                : "no-password"
            );
        }

        var result = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return (null, "wrong-password");
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.SetPasswordHash(hasher.HashPassword(account, password));
        }

        return (account, null);
    }

    public static string HashPassword(UserAccount account, string password) =>
        new PasswordHasher<UserAccount>().HashPassword(account, password);

    private static readonly string DummyHash = new PasswordHasher<UserAccount>().HashPassword(null!, "not-a-real-password");
}
