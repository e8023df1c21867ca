using Microsoft.Extensions.Options;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary><c>POST /api/v1/users/{name}/password</c>, decided by <see cref="ChangeAccount"/>.</summary>
internal static class ResetPassword
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/users/{name}/password", Handle)
            .WithName($"{AccountChange.ResetPassword}User")
            .WithTags("Accounts")
            .RequireAuthorization(Policies.Admins)
            .WithSummary("Set a new password (or have one generated, shown once); ends the account's sessions and lockout.");

    public static Task<Results<Ok<AccountChangeResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.UserName))] string name,
        AccountChangeRequest? request,
        OpenAeoDb db,
        IOptions<SignInOptions> options,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => ChangeAccount.Handle(name, AccountChange.ResetPassword, request ?? new AccountChangeRequest(null), db, options, clock, user, ct);
}
