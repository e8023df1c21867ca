using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

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
    /// <summary>The account behind a presented API key, as the principal of a request; null when no enabled account has it.</summary>
    ValueTask<ClaimsPrincipal?> FindByApiKeyAsync(string apiKey, CancellationToken ct);

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

/// <summary>
/// The <c>X-Api-Key</c> scheme. It implements <see cref="IAuthenticationHandler"/> itself rather than deriving from
/// <see cref="AuthenticationHandler{TOptions}"/>: it uses no options, events, logger or redirects, so it takes none of
/// them (ADR 0075; kept for being smaller, its speed did not differ measurably).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IAccountLookup accounts) : IAuthenticationHandler
{
    public const string SchemeName = "ApiKey";

    private HttpContext context = null!;
    private Task<AuthenticateResult>? result;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        this.context = context;
        return Task.CompletedTask;
    }

    /// <summary>Once per request, however many times it is asked (the middleware, then a policy naming the scheme).</summary>
    public Task<AuthenticateResult> AuthenticateAsync() => result ??= AuthenticateOnceAsync();

    public Task ChallengeAsync(AuthenticationProperties? properties) => Answer(StatusCodes.Status401Unauthorized);

    public Task ForbidAsync(AuthenticationProperties? properties) => Answer(StatusCodes.Status403Forbidden);

    private async Task<AuthenticateResult> AuthenticateOnceAsync()
    {
        if (!context.Request.Headers.TryGetValue(ApiKeys.Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await accounts.FindByApiKeyAsync(values.ToString().Trim(), context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail("The API key is not valid.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private Task Answer(int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

internal static class AuthenticationSetup
{
    private const string Selector = "OpenAeo";

    /// <summary>The session cookie of people signed in on the pages.</summary>
    public const string CookieName = "openaeo";

    public static IServiceCollection AddOpenAeoAuthentication(this IServiceCollection services)
    {
        services.AddTransient<ApiKeyAuthenticationHandler>();
        services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = Selector;
                o.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
            })
            .AddPolicyScheme(Selector, "API key or cookie", o =>
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.ContainsKey(ApiKeys.Header)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme
            )
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
