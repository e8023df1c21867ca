using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary><c>POST /api/v1/users/{name}/api-key</c>, decided by <see cref="ChangeAccount"/>.</summary>
internal static class IssueApiKey
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/users/{name}/api-key", ChangeAccount.WithBody(AccountChange.IssueApiKey))
            .Describe(
                AccountChange.IssueApiKey,
                "Issue an API key, or rotate it (the old key stops working at once); the key is shown once."
            );
}
