using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary><c>POST /api/v1/users/{name}/disable</c>, decided by <see cref="ChangeAccount"/>.</summary>
internal static class DisableUser
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/users/{name}/disable", ChangeAccount.WithBody(AccountChange.Disable))
            .Describe(AccountChange.Disable, "Disable the account: its password, API key and sessions stop working at once.");
}
