using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Platform.Security;

public sealed class The_transport
{
    private const string Host = "aeo.customs.example";

    [Fact]
    public async Task Every_response_says_no_sniffing_no_framing_no_referrer_outside_and_carries_a_policy()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var client = app.Anonymous();

        foreach (
            var path in new[]
            {
                "/",
                "/signin",
                "/programmes",
                "/api/v1/economies",
                "/api/v1/operators",
                "/charts/aeo-by-economy.svg",
                "/no-such-page",
                "/scalar/v1",
            }
        )
        {
            using var response = await client.GetAsync(path);
            ((int)response.StatusCode).ShouldBeLessThan(500, path);
            var headers = response.Headers;
            Single(response, "X-Content-Type-Options").ShouldBe("nosniff", path);
            Single(response, "X-Frame-Options").ShouldBe("DENY", path);
            Single(response, "Referrer-Policy").ShouldBe("same-origin", path);
            var policy = Single(response, "Content-Security-Policy");
            policy.ShouldContain("frame-ancestors 'none'", Case.Sensitive, path);
            policy.ShouldContain("object-src 'none'", Case.Sensitive, path);
        }

        // Pages run our one script and our one stylesheet, nothing inline; data (JSON, SVG) may load nothing at all.
        var page = Single(await client.GetAsync("/programmes"), "Content-Security-Policy");
        page.ShouldContain("script-src 'self';");
        page.ShouldContain("style-src 'self';");
        page.ShouldNotContain("unsafe");
        Single(await client.GetAsync("/api/v1/economies"), "Content-Security-Policy").ShouldStartWith("default-src 'none';");
        Single(await client.GetAsync("/charts/aeo-by-economy.svg"), "Content-Security-Policy").ShouldStartWith("default-src 'none';");
    }

    [Fact]
    public async Task Outside_Development_plain_HTTP_is_sent_to_HTTPS_which_answers_with_HSTS()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var production = app.Started().WithWebHostBuilder(b => b.UseSetting("https_port", "443"));

        using var plain = await BrowserSession.Open(production, $"http://{Host}").GetAsync("/programmes?economy=TW");
        using var secure = await BrowserSession.Open(production, $"https://{Host}").GetAsync("/programmes");

        plain.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        plain.Headers.Location!.ToString().ShouldBe($"https://{Host}/programmes?economy=TW");
        plain.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("HSTS only means something over HTTPS");
        secure.StatusCode.ShouldBe(HttpStatusCode.OK);
        Single(secure, "Strict-Transport-Security").ShouldBe("max-age=31536000");
    }

    [Fact]
    public async Task In_Development_plain_HTTP_is_served_and_no_HSTS_is_promised()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var development = app.Started()
            .WithWebHostBuilder(b =>
                b.UseEnvironment("Development").UseSetting("Demo:SeedOnFirstRun", "false").UseSetting("https_port", "443")
            );

        using var plain = await BrowserSession.Open(development, $"http://{Host}").GetAsync("/programmes");
        using var secure = await BrowserSession.Open(development, $"https://{Host}").GetAsync("/programmes");

        plain.StatusCode.ShouldBe(HttpStatusCode.OK);
        secure.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task Forwarded_headers_are_believed_from_a_configured_proxy_only()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var behindProxy = app.Started()
            .WithWebHostBuilder(b => b.UseSetting("https_port", "443").UseSetting("ForwardedHeaders:KnownProxies", "10.0.0.5, 10.0.0.6"));
        var server = behindProxy.Server;

        var viaProxy = await Send(server, from: "10.0.0.6");
        var viaStranger = await Send(server, from: "10.0.0.9");

        // From the proxy: the client's address and its HTTPS, so no redirect and the HSTS promise.
        viaProxy.Connection.RemoteIpAddress.ShouldBe(IPAddress.Parse("203.0.113.7"));
        viaProxy.Request.Scheme.ShouldBe("https");
        viaProxy.Response.StatusCode.ShouldBe(StatusCodes.Status200OK);
        viaProxy.Response.Headers.StrictTransportSecurity.ToString().ShouldBe("max-age=31536000");

        // From anyone else the same headers are a forgery: its own address, plain HTTP, sent to HTTPS.
        viaStranger.Connection.RemoteIpAddress.ShouldBe(IPAddress.Parse("10.0.0.9"));
        viaStranger.Request.Scheme.ShouldBe("http");
        viaStranger.Response.StatusCode.ShouldBe(StatusCodes.Status307TemporaryRedirect);
    }

    [Fact]
    public async Task Outside_Development_the_session_cookie_travels_over_HTTPS_only()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var (name, _) = await BrowserSession.Account(app, Role.Analyst);
        var development = app.WithWebHostBuilder(b => b.UseEnvironment("Development").UseSetting("Demo:SeedOnFirstRun", "false"));

        var production = await SignInCookies(app, name, "https://localhost");
        var local = await SignInCookies(development, name, "http://localhost");

        production.ShouldContain(c =>
            c.StartsWith("openaeo=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase)
        );
        production.ShouldContain(c =>
            c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase)
        );
        production.ShouldAllBe(c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        local.ShouldContain(c =>
            c.StartsWith("openaeo=", StringComparison.Ordinal) && !c.Contains("; secure", StringComparison.OrdinalIgnoreCase)
        );
    }

    /// <summary>The Set-Cookie headers of a sign-in through the form (the antiforgery cookie comes with the form).</summary>
    private static async Task<List<string>> SignInCookies(WebApplicationFactory<Program> app, string name, string baseAddress)
    {
        var client = BrowserSession.Open(app, baseAddress);
        using var form = await client.GetAsync("/signin");
        var html = await form.Content.ReadAsStringAsync();
        using var post = await client.PostAsync(
            "/signin",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["_handler"] = "signin",
                    ["__RequestVerificationToken"] = BrowserSession.Token(html),
                    ["Input.Name"] = name,
                    ["Input.Password"] = BrowserSession.Password,
                }
            )
        );
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return [.. form.Headers.GetValues("Set-Cookie"), .. post.Headers.GetValues("Set-Cookie")];
    }

    /// <summary>A request as a reverse proxy forwards it: from the proxy's address, naming the client and its scheme.</summary>
    private static Task<HttpContext> Send(TestServer server, string from) =>
        server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Scheme = "http";
            c.Request.Host = new HostString(Host);
            c.Request.Path = "/programmes";
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
        });

    private static string Single(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) || response.Content.Headers.TryGetValues(header, out values)
            ? values.Single()
            : throw new ShouldAssertException($"{response.RequestMessage?.RequestUri} has no {header} header");
}
