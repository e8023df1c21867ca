using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary><c>POST /api/v1/users/{name}/enable</c>, decided by <see cref="ChangeAccount"/>.</summary>
internal static class EnableUser
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/users/{name}/enable", ChangeAccount.WithBody(AccountChange.Enable))
            .Describe(AccountChange.Enable, "Enable a disabled account (its old sessions stay ended).");
}
