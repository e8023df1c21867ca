using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Security;

namespace OpenAeo.Registry;

/// <param name="Reason">Why; kept in the audit trail.</param>
/// <param name="Password">For a password reset: the new password; absent = a random one is made and shown once.</param>
public sealed record AccountChangeRequest(
    [Limit(nameof(Limits.Reason))] string? Reason,
    [Limit(nameof(Limits.Password))] string? Password = null
);

/// <summary>The account after the change, with a new API key or generated password shown this once (only hashes are stored).</summary>
public sealed record AccountChangeResponse(UserResponse User, string? ApiKey, string? Password);

/// <summary>
/// An administrator's changes to an existing account, the same for the API, <c>openaeo users …</c> and the accounts
/// page: disable, enable, reset the password, issue or rotate the API key, revoke it, end a lockout (an endpoint a file:
/// <see cref="DisableUser"/>, <see cref="EnableUser"/>, <see cref="ResetPassword"/>, <see cref="IssueApiKey"/>,
/// <see cref="RevokeApiKey"/>, <see cref="UnlockUser"/>). One decision, because the logic is the same for all: load the account, make the
/// secret the change needs, let
/// <see cref="UserAccount.Apply"/> decide, save with the audit entry. A disabled account, a revoked or a replaced key
/// is refused from the next request on, on every node (each request reads the account, <see cref="Accounts"/>).
/// </summary>
internal static class ChangeAccount
{
    /// <summary>
    /// The handler of a change whose reason (and password) come in an optional body: disable, enable, reset the password,
    /// issue the API key. <see cref="Execute"/> as the signed-in administrator.
    /// </summary>
    public static Delegate WithBody(AccountChange change) =>
        (
            [Limit(nameof(Limits.UserName))] string name,
            AccountChangeRequest? request,
            Actor actor,
            OpenAeoDb db,
            IOptions<SignInOptions> options,
            TimeProvider clock,
            CancellationToken ct
        ) => Execute(name, change, request ?? new AccountChangeRequest(null), actor, db, options.Value, clock, ct);

    /// <summary>The handler of a change a <c>DELETE</c> asks for, its reason in the query: revoke the API key, end a lockout.</summary>
    public static Delegate WithReasonInQuery(AccountChange change) =>
        (
            [Limit(nameof(Limits.UserName))] string name,
            [FromQuery, Limit(nameof(Limits.Reason))] string? reason,
            Actor actor,
            OpenAeoDb db,
            IOptions<SignInOptions> options,
            TimeProvider clock,
            CancellationToken ct
        ) => Execute(name, change, new AccountChangeRequest(reason), actor, db, options.Value, clock, ct);

    /// <summary>What every account change's endpoint says of itself: name, tag, summary, that only administrators call it,
    /// and the account as it now is.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, AccountChange change, string summary) =>
        endpoint.AnswersOk<AccountChangeResponse>().WithName($"{change}User").RequireAuthorization(Policies.Admins).WithSummary(summary);

    public static async Task<Result<AccountChangeResponse>> Execute(
        string name,
        AccountChange change,
        AccountChangeRequest request,
        Actor actor,
        OpenAeoDb db,
        SignInOptions options,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var login = PasswordSignIn.Login(name);
        var account = await db.Users().SingleOrDefaultAsync(u => u.Name == login, ct);
        if (account is null)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no account named '{name}'.");
        }

        string? password = null,
            passwordHash = null,
            apiKey = null;
        if (change == AccountChange.ResetPassword)
        {
            password = string.IsNullOrEmpty(request.Password) ? GeneratePassword() : request.Password;
            if (UserAccount.CheckPassword(password) is { } weak)
            {
                return weak;
            }

            passwordHash = Accounts.HashPassword(account, password);
        }

        if (change == AccountChange.IssueApiKey)
        {
            apiKey = ApiKeys.Generate();
        }

        var enabledAdmins = await db.Users().CountAsync(u => u.Role == Role.Admin && !u.Disabled, ct);
        var decided = account.Apply(
            change,
            new AccountChangeContext(actor.Name, enabledAdmins, passwordHash, apiKey is null ? null : ApiKeys.Hash(apiKey))
        );
        if (!decided.IsOk)
        {
            return Result<AccountChangeResponse>.Fail(decided.Errors);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (change is AccountChange.Unlock or AccountChange.ResetPassword)
        {
            // A new password is a fresh start; so is an administrator's unlock.
            await db.SignInFailures().Where(f => f.Door == PasswordSignIn.AccountDoor(account.Name)).ExecuteDeleteAsync(ct);
        }

        db.Audit(
            now,
            actor.Name,
            decided.Value!,
            $"user:{account.Name}",
            request.Reason,
            change == AccountChange.ResetPassword ? new { generated = string.IsNullOrEmpty(request.Password) } : null
        );
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var described = (await ListUsers.Describe(db, options.Account, now, account.Name, ct)).Single();
        return Result<AccountChangeResponse>.Ok(
            new AccountChangeResponse(described, apiKey, string.IsNullOrEmpty(request.Password) ? password : null)
        );
    }

    /// <summary>A one-time password an administrator passes on: 16 characters from 96 random bits, no look-alike symbols.</summary>
    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
}
