using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Platform.Security;

/// <summary>
/// What a browser does with OpenAeo, without the browser: it keeps cookies, follows no redirects (the tests look at
/// them), signs in through the sign-in form with that form's antiforgery token, and reads the token a page's form carries.
/// </summary>
internal static partial class BrowserSession
{
    public const string Password = "session-password-1";

    /// <summary>A new account with a password and an API key (returned), for tests that need both ways in.</summary>
    public static async Task<(string Name, string ApiKey)> Account(
        OpenAeoApp app,
        Role role,
        string? operatorTin = null,
        string? agency = null
    )
    {
        var name = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..24];
        var added = await app.WithDb(db =>
            AddUser.Execute(
                new AddUserRequest(
                    name,
                    null,
                    role.ToString(),
                    operatorTin,
                    role == Role.Partner ? "JP" : null,
                    Password,
                    true,
                    "test",
                    agency
                ),
                Actor.System,
                db,
                app.Clock,
                CancellationToken.None
            )
        );
        added.Errors.ShouldBeEmpty();
        return (name, added.Value!.ApiKey!);
    }

    /// <summary>An anonymous browser on https://localhost (outside Development the session cookie is sent over HTTPS only).</summary>
    public static HttpClient Open(
        Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app,
        string baseAddress = "https://localhost"
    ) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

    /// <summary>Signs in through the sign-in form, as a person would.</summary>
    public static async Task<HttpClient> SignedIn(
        Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app,
        string name,
        string password = Password,
        string baseAddress = "https://localhost"
    )
    {
        var client = Open(app, baseAddress);
        var form = await client.GetStringAsync("/signin");
        using var post = await client.PostAsync(
            "/signin",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["_handler"] = "signin",
                    ["__RequestVerificationToken"] = Token(form),
                    ["Input.Name"] = name,
                    ["Input.Password"] = password,
                }
            )
        );
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{name} signs in");
        return client;
    }

    /// <summary>The antiforgery token of the first form on a page (every page has one: the sign-out button's).</summary>
    public static string Token(string html)
    {
        var match = TokenInput().Match(html);
        match.Success.ShouldBeTrue("the page has a form with an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
