using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary><c>DELETE /api/v1/users/{name}/api-key</c>, decided by <see cref="ChangeAccount"/>.</summary>
internal static class RevokeApiKey
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/users/{name}/api-key", ChangeAccount.WithReasonInQuery(AccountChange.RevokeApiKey))
            .Describe(AccountChange.RevokeApiKey, "Revoke the account's API key.");
}
