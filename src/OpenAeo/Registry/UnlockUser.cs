using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary><c>DELETE /api/v1/users/{name}/lockout</c>, decided by <see cref="ChangeAccount"/>.</summary>
internal static class UnlockUser
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/users/{name}/lockout", ChangeAccount.WithReasonInQuery(AccountChange.Unlock))
            .Describe(AccountChange.Unlock, "End the account's sign-in lockout now.");
}
