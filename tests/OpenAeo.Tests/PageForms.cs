using System.Text.RegularExpressions;

namespace OpenAeo.Tests;

/// <summary>
/// Posts a page's form as a browser does: reads the page first (for its antiforgery token and cookie), then sends
/// the named form's fields. The answer is the page as the person sees it after the post.
/// </summary>
internal static partial class PageForms
{
    public static async Task<HttpResponseMessage> PostForm(
        this HttpClient client,
        string page,
        string formName,
        IEnumerable<KeyValuePair<string, string>> fields
    )
    {
        var body = new List<KeyValuePair<string, string>>
        {
            new("_handler", formName),
            new("__RequestVerificationToken", await TokenOf(client, page)),
        };
        body.AddRange(fields);
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(page, content);
    }

    /// <summary>Uploads a file through a page's plain upload form (one posting to an endpoint of its own, field <c>file</c>).</summary>
    public static async Task<HttpResponseMessage> PostFile(
        this HttpClient client,
        string page,
        string action,
        string fileName,
        string content,
        string contentType
    )
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(await TokenOf(client, page)), "__RequestVerificationToken");
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return await client.PostAsync(action, form);
    }

    private static async Task<string> TokenOf(HttpClient client, string page)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync(page));
        token.Success.ShouldBeTrue($"{page} has no antiforgery token");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    public static async Task<string> Text(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
