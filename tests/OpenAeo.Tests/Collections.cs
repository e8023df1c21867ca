using System.Net.Http.Json;
using System.Text.Json;

namespace OpenAeo.Tests;

/// <summary>Reads the API's collections, which all answer <c>{ items, total, next }</c> (ADR 0039).</summary>
internal static class Collections
{
    /// <summary>The items of the first page of the list at <paramref name="url"/>.</summary>
    public static async Task<JsonElement[]> GetItemsAsync(this HttpClient client, string url) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray()];

    /// <summary>Every item of the list, following <c>next</c> to the last page (at most <paramref name="maxPages"/>).</summary>
    public static async Task<List<JsonElement>> GetAllItemsAsync(this HttpClient client, string url, int maxPages = 1000)
    {
        var items = new List<JsonElement>();
        string? next = url;
        for (var pages = 0; next is not null; pages++)
        {
            if (pages == maxPages)
            {
                throw new InvalidOperationException($"{url} still had a next page after {maxPages} pages.");
            }

            var page = await client.GetFromJsonAsync<JsonElement>(next);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }

        return items;
    }
}
