using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace OpenAeo.Platform.Security;

internal static class OpenAeoClaims
{
    public const string Operator = "openaeo:operator";
    public const string PartnerEconomy = "openaeo:partner-economy";
    public const string Agency = "openaeo:agency";

    /// <summary>The account's session version when the cookie was issued (see <see cref="CookieSessions"/>).</summary>
    public const string Session = "openaeo:session";
}

/// <summary>Finds the account behind an API key. Implemented by the capability that owns accounts.</summary>
internal interface IAccountLookup
{
    Task<IReadOnlyList<Claim>?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken ct);

    /// <summary>True while the account behind a sign-in cookie is enabled and none of its sessions were ended since the cookie was
    /// issued.</summary>
    Task<bool> IsSessionCurrentAsync(ClaimsPrincipal principal, CancellationToken ct);
}

internal static class ApiKeys
{
    public const string Header = "X-Api-Key";

    /// <summary>A new key: 32 random bytes, URL-safe, with a prefix so leaked keys are easy to recognise.</summary>
    public static string Generate() => "oak_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Keys are long and random, so SHA-256 is enough (no salt or stretching needed) and lets us index them.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAccountLookup accounts
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var claims = await accounts.FindByApiKeyHashAsync(ApiKeys.Hash(values.ToString().Trim()), Context.RequestAborted);
        if (claims is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

internal static class AuthenticationSetup
{
    private const string Selector = "OpenAeo";

    /// <summary>The session cookie of people signed in on the pages.</summary>
    public const string CookieName = "openaeo";

    public static IServiceCollection AddOpenAeoAuthentication(this IServiceCollection services)
    {
        services
            .AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "API key or cookie", o =>
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.ContainsKey(ApiKeys.Header)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme
            )
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.AccessDeniedPath = "/access-denied";
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);

                // Machines and scripts get status codes, not a redirect to an HTML sign-in page.
                o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = CookieSessions.ValidateAsync;
            });
        return services;
    }

    public static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/exchange", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (IsMachinePath(ctx.Request.Path))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A sign-in cookie is checked against the account on every request (one primary-key look-up, like an API key):
/// disabling the account or resetting its password moves the account's session version on, so every cookie issued
/// before stops working at once, on every node, and is removed from the browser.
/// </summary>
internal static class CookieSessions
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountLookup>();
        if (context.Principal is null || !await accounts.IsSessionCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
