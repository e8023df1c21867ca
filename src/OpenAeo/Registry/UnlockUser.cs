using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary><c>DELETE /api/v1/users/{name}/lockout</c>, decided by <see cref="ChangeAccount"/>.</summary>
internal static class UnlockUser
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/users/{name}/lockout", Handle)
            .WithName($"{AccountChange.Unlock}User")
            .WithTags("Accounts")
            .RequireAuthorization(Policies.Admins)
            .WithSummary("End the account's sign-in lockout now.");

    public static Task<Results<Ok<AccountChangeResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.UserName))] string name,
        [FromQuery, Limit(nameof(Limits.Reason))] string? reason,
        OpenAeoDb db,
        IOptions<SignInOptions> options,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => ChangeAccount.Handle(name, AccountChange.Unlock, new AccountChangeRequest(reason), db, options, clock, user, ct);
}
