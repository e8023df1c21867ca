using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OpenAeo.Registry.Pages;

internal static class SignInEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints
            .MapPost("/signout", async (HttpContext http, OpenAeoDb db, TimeProvider clock) =>
            {
                if (http.User.Identity?.IsAuthenticated == true)
                {
                    db.Audit(clock.GetUtcNow(), http.User.Identity.Name ?? "?", "user.signed-out", $"user:{http.User.Identity.Name}");
                    await db.SaveChangesAsync(http.RequestAborted);
                }

                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.LocalRedirect("/");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
}
