using System.Net.Http.Headers;

namespace OpenAeo.Tests.Platform;

public class An_unknown_address
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Fact]
    public async Task Answers_a_browser_with_a_page()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var browser = app.Anonymous();
        browser.DefaultRequestHeaders.Accept.ParseAdd(BrowserAccept);

        var response = await browser.GetAsync("/no-such-page");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await response.Text();
        page.ShouldStartWith("<!DOCTYPE html>");
        page.ShouldContain("<h1 data-testid=\"status-heading\">Not found</h1>");
        page.ShouldContain("There is nothing at this address.");
        page.ShouldContain("<nav class=\"menu\"", customMessage: "the page has the site's menu, so the person can go on");
    }

    [Theory]
    [InlineData("/no-such-page", "application/json")]
    [InlineData("/no-such-page", null)]
    [InlineData("/api/v1/no-such-route", BrowserAccept)]
    public async Task Answers_an_api_client_and_every_api_address_with_a_problem(string path, string? accept)
    {
        await using var app = OpenAeoApp.OnSqlite();
        var client = app.Anonymous();
        if (accept is not null)
        {
            client.DefaultRequestHeaders.Accept.ParseAdd(accept);
        }

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Read<Problem>()).Status.ShouldBe(404);
    }
}
