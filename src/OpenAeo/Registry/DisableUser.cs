using Microsoft.Extensions.Options;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary><c>POST /api/v1/users/{name}/disable</c>, decided by <see cref="ChangeAccount"/>.</summary>
internal static class DisableUser
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/users/{name}/disable", Handle)
            .WithName($"{AccountChange.Disable}User")
            .WithTags("Accounts")
            .RequireAuthorization(Policies.Admins)
            .WithSummary("Disable the account: its password, API key and sessions stop working at once.");

    public static Task<Results<Ok<AccountChangeResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.UserName))] string name,
        AccountChangeRequest? request,
        OpenAeoDb db,
        IOptions<SignInOptions> options,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => ChangeAccount.Handle(name, AccountChange.Disable, request ?? new AccountChangeRequest(null), db, options, clock, user, ct);
}
