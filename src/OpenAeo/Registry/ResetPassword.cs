using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary><c>POST /api/v1/users/{name}/password</c>, decided by <see cref="ChangeAccount"/>.</summary>
internal static class ResetPassword
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/users/{name}/password", ChangeAccount.WithBody(AccountChange.ResetPassword))
            .Describe(
                AccountChange.ResetPassword,
                "Set a new password (or have one generated, shown once); ends the account's sessions and lockout."
            );
}
