using System.Net;
using System.Text.RegularExpressions;

namespace OpenAeo.Tests;

/// <summary>
/// Posts a page's form as a browser does: reads the page first (for its antiforgery token and cookie), then sends
/// the named form's fields. The answer is the page as the person sees it after the post.
/// </summary>
internal static partial class PageForms
{
    public static async Task<HttpResponseMessage> PostForm(this HttpClient client, string page, string formName, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetStringAsync(page);
        var token = AntiforgeryToken().Match(html);
        token.Success.ShouldBeTrue($"{page} has no antiforgery token");
        var body = new List<KeyValuePair<string, string>>
        {
            new("_handler", formName),
            new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)),
        };
        body.AddRange(fields);
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(page, content);
    }

    public static async Task<string> Text(this HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
