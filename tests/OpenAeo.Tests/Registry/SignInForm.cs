using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OpenAeo.Tests.Registry;

/// <summary>
/// The sign-in page driven over HTTP as a browser would post it (antiforgery token and cookie included), for tests of
/// what the server decides; the browser tests drive the same page through Chromium.
/// </summary>
internal static partial class SignInForm
{
    /// <summary>A client that keeps cookies and does not follow redirects, so a sign-in's 302 and cookie can be read.</summary>
    public static HttpClient Browser(OpenAeoApp app) =>
        app.Started().CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the form; returns the response and the refusal the page shows (null after a successful sign-in).</summary>
    public static async Task<(HttpResponseMessage Response, string? Refusal)> Post(HttpClient browser, string name, string password)
    {
        var page = await browser.GetStringAsync("/signin");
        var token = TokenRegex().Match(page).Groups[1].Value;
        token.ShouldNotBeEmpty();
        var response = await browser.PostAsync(
            "/signin",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["_handler"] = "signin",
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                    ["Input.Name"] = name,
                    ["Input.Password"] = password,
                }
            )
        );
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return (response, null);
        }

        var html = await response.Content.ReadAsStringAsync();
        var alert = AlertRegex().Match(html);
        return (response, alert.Success ? WebUtility.HtmlDecode(alert.Groups[1].Value) : "(no refusal shown)");
    }

    /// <summary>Signs in and checks it worked.</summary>
    public static async Task<HttpClient> SignedIn(OpenAeoApp app, string name, string password)
    {
        var browser = Browser(app);
        var (response, refusal) = await Post(browser, name, password);
        refusal.ShouldBeNull();
        response.Headers.Location!.ToString().ShouldBe("/");
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("<p class=\"errors\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex AlertRegex();
}
