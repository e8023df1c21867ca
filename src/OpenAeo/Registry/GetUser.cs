using Microsoft.Extensions.Options;

namespace OpenAeo.Registry;

/// <summary><c>GET /api/v1/users/{name}</c>.</summary>
internal static class GetUser
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/users/{name}", Handle);

    [EndpointSummary("One account: its role, operator and whether it is enabled.")]
    [Authorize(Policies.Admins)]
    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.UserName))] string name,
        OpenAeoDb db,
        IOptions<SignInOptions> options,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        (await ListUsers.Describe(db, options.Value.Account, clock.GetUtcNow(), name, ct)) is [var one]
            ? TypedResults.Ok(one)
            : Problems.NotFound($"There is no account named '{name}'.");
}
