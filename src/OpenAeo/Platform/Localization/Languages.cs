using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

// Resource names are built from the root namespace, not from the assembly's name ("openaeo"): Resources/X/Y.resx holds
// the words of OpenAeo.X.Y (ADR 0028).
[assembly: RootNamespace("OpenAeo")]

namespace OpenAeo.Platform.Localization;

/// <summary>
/// The languages pages are shown in, and how a request picks one: the visitor's choice (a cookie the language switcher
/// sets), then the browser's <c>Accept-Language</c>, then English. Dates and numbers follow the same culture.
/// </summary>
/// <remarks>
/// Adding a language is adding its code, name and day pattern here and a <c>.{code}.resx</c> beside every <c>.resx</c> under
/// <c>src/OpenAeo/Resources</c> (the completeness test lists what is missing); no page changes.
/// </remarks>
internal static class Languages
{
    public const string Default = "en";

    /// <summary>The cookie the switcher sets; it holds nothing but the language (<c>c=es|uic=es</c>).</summary>
    public const string CookieName = "openaeo-language";

    /// <summary>Every language the pages are complete in, each named in its own language for the switcher.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Supported = [("en", "English"), ("es", "Español")];

    /// <summary>
    /// How each language writes a day in running text, without the weekday ("22 May 2019", "22 de mayo de 2019"): the
    /// cultures' own long patterns carry the weekday, and the US order for "en" would differ from the API's words.
    /// </summary>
    private static readonly Dictionary<string, string> DayPatterns = new() { ["en"] = "d MMMM yyyy", ["es"] = "d 'de' MMMM 'de' yyyy" };

    public static IServiceCollection AddOpenAeoLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Supported.Select(l => new CultureInfo(l.Code)).ToList();
            o.DefaultRequestCulture = new RequestCulture(Default);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;

            // "es-MX" in Accept-Language picks "es" rather than falling through to English.
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CookieName },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static IApplicationBuilder UseOpenAeoLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>The language of this request, as a supported code (for <c>&lt;html lang&gt;</c> and the switcher).</summary>
    public static string Current =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var code && Supported.Any(l => l.Code == code) ? code : Default;

    /// <summary>A day as people write it in the request's language: "2 March 2026", "2 de marzo de 2026".</summary>
    public static string Day(DateOnly day) =>
        day.ToString(
            DayPatterns.GetValueOrDefault(Current) ?? CultureInfo.CurrentCulture.DateTimeFormat.LongDatePattern,
            CultureInfo.CurrentCulture
        );

    /// <summary>The switcher's form posts here: the cookie is set for a year and the visitor goes back to the page it was on.</summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints
            .MapPost("/language", ([FromForm] LanguageChoice choice, HttpContext http, TimeProvider clock) =>
            {
                if (Supported.All(l => l.Code != choice.Language))
                {
                    return Results.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Not a language of OpenAeo.",
                        detail: $"Choose one of: {string.Join(", ", Supported.Select(l => l.Code))}."
                    );
                }

                http.Response.Cookies.Append(
                    CookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(choice.Language!)),
                    new CookieOptions
                    {
                        Expires = clock.GetUtcNow().AddYears(1),
                        HttpOnly = true,
                        IsEssential = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = http.Request.IsHttps,
                        Path = "/",
                    }
                );

                // Only a path on this site: a crafted form must not turn the switcher into an open redirect.
                return Results.LocalRedirect(IsLocal(choice.ReturnUrl) ? choice.ReturnUrl! : "/");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}

/// <summary>What the language switcher posts: the language and the page to go back to.</summary>
internal sealed record LanguageChoice([Limit(nameof(Limits.Code))] string? Language, [Limit(nameof(Limits.Url))] string? ReturnUrl);
