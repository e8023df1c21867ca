using Microsoft.Extensions.Options;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary><c>POST /api/v1/users/{name}/api-key</c>, decided by <see cref="ChangeAccount"/>.</summary>
internal static class IssueApiKey
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/users/{name}/api-key", Handle)
            .WithName($"{AccountChange.IssueApiKey}User")
            .WithTags("Accounts")
            .RequireAuthorization(Policies.Admins)
            .WithSummary("Issue an API key, or rotate it (the old key stops working at once); the key is shown once.");

    public static Task<Results<Ok<AccountChangeResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.UserName))] string name,
        AccountChangeRequest? request,
        OpenAeoDb db,
        IOptions<SignInOptions> options,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => ChangeAccount.Handle(name, AccountChange.IssueApiKey, request ?? new AccountChangeRequest(null), db, options, clock, user, ct);
}
