using System.Text.Json.Serialization;

namespace OpenAeo.Tests;

/// <summary>
/// Reads the API's answers as records (the response records of <c>src/OpenAeo</c> where they exist, small test-side
/// records in each capability's <c>Responses.cs</c> where they do not), so a test names what it checks instead of
/// walking the JSON by property name, and a renamed field fails to compile rather than to match.
/// </summary>
internal static class Api
{
    /// <summary>
    /// What the server writes with: the web defaults (camelCase, case-insensitive reading) and enums by name
    /// (<c>PlatformSetup</c>'s <c>ConfigureHttpJsonOptions</c>); <c>The_test_json_options</c> checks they stay the same.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The body as <typeparamref name="T"/>; a body that is not one fails the test with the body in the message.</summary>
    public static async Task<T> Read<T>(this HttpResponseMessage response) =>
        Parse<T>(await response.Content.ReadAsStringAsync(), $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: ");

    /// <summary>JSON a command wrote (<c>--format json</c>) as <typeparamref name="T"/>; output that is not one fails the test
    /// with the output in the message.</summary>
    public static T Parse<T>(string json) => Parse<T>(json, "");

    /// <summary>The body as <typeparamref name="T"/> after checking the status code (the body is the failure message).</summary>
    public static async Task<T> Read<T>(this HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).ShouldBe(status, await response.Content.ReadAsStringAsync());
        return await response.Read<T>();
    }

    /// <summary>JSON as <typeparamref name="T"/>; JSON that is not one fails the test with the JSON, after
    /// <paramref name="from"/> (where it came from), in the message.</summary>
    private static T Parse<T>(string json, string from)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new ShouldAssertException($"{from}not a {typeof(T).Name} ({e.Message}): {json}");
        }
    }

    /// <summary>GET <paramref name="url"/> as <typeparamref name="T"/> (a failure status throws, as <c>GetFromJsonAsync</c>
    /// does).</summary>
    public static async Task<T> Get<T>(this HttpClient client, string url) =>
        await client.GetFromJsonAsync<T>(url, Json) ?? throw new JsonException($"{url} answered null");

    /// <summary>An untyped member (declared <c>object</c> in a response record, e.g. a view that differs by role) as
    /// <typeparamref name="T"/>.</summary>
    public static T As<T>(this object? member) =>
        member is JsonElement element
            ? element.Deserialize<T>(Json)!
            : throw new ShouldAssertException($"Expected a JSON value, got {member ?? "null"}");
}

/// <summary>
/// An RFC 9457 problem as <c>Problems</c> writes it: the standard members and the errors by field of a validation
/// problem. Tests whose point is another extension member read that member from the JSON.
/// </summary>
internal sealed record Problem(string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors)
{
    /// <summary>The messages for <paramref name="field"/>; a problem without them fails the test, naming what it had.</summary>
    public string[] For(string field) =>
        Errors is { } errors && errors.TryGetValue(field, out var messages)
            ? messages
            : throw new ShouldAssertException(
                $"No errors for '{field}' in the problem: {string.Join(", ", Errors?.Keys.AsEnumerable() ?? [])} ({Detail})"
            );
}

/// <summary>The problem a refused file upload answers with (<c>FileProblems</c>): every bad row as <c>file:line:column</c>.</summary>
internal sealed record FileProblem(string? Title, int? Status, string? Detail, OpenAeo.Platform.Files.FileError[] Errors);
