using Microsoft.Extensions.Options;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary><c>POST /api/v1/users/{name}/enable</c>, decided by <see cref="ChangeAccount"/>.</summary>
internal static class EnableUser
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/users/{name}/enable", Handle)
            .WithName($"{AccountChange.Enable}User")
            .WithTags("Accounts")
            .RequireAuthorization(Policies.Admins)
            .WithSummary("Enable a disabled account (its old sessions stay ended).");

    public static Task<Results<Ok<AccountChangeResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.UserName))] string name,
        AccountChangeRequest? request,
        OpenAeoDb db,
        IOptions<SignInOptions> options,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => ChangeAccount.Handle(name, AccountChange.Enable, request ?? new AccountChangeRequest(null), db, options, clock, user, ct);
}
