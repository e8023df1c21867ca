using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

namespace OpenAeo.Platform.Security;

/// <summary>
/// How requests reach OpenAeo: over HTTPS outside Development (redirection and HSTS), possibly through a reverse
/// proxy that terminates TLS (its forwarded headers are believed only from the proxies named in configuration, plus
/// loopback), and with cookies that never travel over plain HTTP outside Development. ADR 0016.
/// </summary>
internal static class Transport
{
    public const string KnownProxiesSetting = "ForwardedHeaders:KnownProxies";
    public const string KnownNetworksSetting = "ForwardedHeaders:KnownNetworks";

    public static IServiceCollection AddOpenAeoTransport(this IServiceCollection services)
    {
        services
            .AddOptions<ForwardedHeadersOptions>()
            .Configure<IConfiguration>(
                (o, configuration) =>
                {
                    // The client address (rate limits, audit) and the scheme (HTTPS redirection, secure cookies). Not the host:
                    // a forged Host would only mislead, and OpenAeo builds no absolute links from it.
                    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                    foreach (var proxy in Values(configuration, KnownProxiesSetting))
                    {
                        o.KnownProxies.Add(
                            IPAddress.TryParse(proxy, out var address)
                                ? address
                                : throw new InvalidOperationException($"{KnownProxiesSetting}: '{proxy}' is not an IP address.")
                        );
                    }

                    foreach (var network in Values(configuration, KnownNetworksSetting))
                    {
                        o.KnownIPNetworks.Add(
                            System.Net.IPNetwork.TryParse(network, out var parsed)
                                ? parsed
                                : throw new InvalidOperationException(
                                    $"{KnownNetworksSetting}: '{network}' is not a network in CIDR notation (10.0.0.0/8)."
                                )
                        );
                    }
                }
            );
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

        // Outside Development the session cookie never goes over plain HTTP, where anyone on the path could take it. The
        // antiforgery cookie is no credential (half a token pair, useless without the page's half): secure whenever the
        // request is; demanding HTTPS for it would fail every page with a form on a plain request (500) instead of
        // redirecting or answering it.
        services
            .AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IHostEnvironment>(
                (o, environment) =>
                    o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always
            );
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o =>
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest
        );
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme, not the proxy's.</summary>
    public static WebApplication UseOpenAeoTransport(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();

            // Redirects when it knows where HTTPS is: Kestrel listening on https, or the https_port setting.
            app.UseHttpsRedirection();
        }

        return app;
    }

    /// <summary>A list setting, as an array (<c>KnownProxies:0</c>, environment <c>KnownProxies__0</c>) or one comma-separated
    /// value.</summary>
    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return values.SelectMany(v =>
            (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        );
    }
}
