using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary><c>DELETE /api/v1/users/{name}/api-key</c>, decided by <see cref="ChangeAccount"/>.</summary>
internal static class RevokeApiKey
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/users/{name}/api-key", Handle)
            .WithName($"{AccountChange.RevokeApiKey}User")
            .WithTags("Accounts")
            .RequireAuthorization(Policies.Admins)
            .WithSummary("Revoke the account's API key.");

    public static Task<Results<Ok<AccountChangeResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.UserName))] string name,
        [FromQuery, Limit(nameof(Limits.Reason))] string? reason,
        OpenAeoDb db,
        IOptions<SignInOptions> options,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => ChangeAccount.Handle(name, AccountChange.RevokeApiKey, new AccountChangeRequest(reason), db, options, clock, user, ct);
}
