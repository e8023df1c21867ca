using OpenAeo.Platform.Web;

namespace OpenAeo.Tests;

/// <summary>Reads the API's collections, which all answer <c>{ items, total, next }</c> (ADR 0039).</summary>
internal static class Collections
{
    /// <summary>The items of the first page of the list at <paramref name="url"/>.</summary>
    public static Task<JsonElement[]> GetItemsAsync(this HttpClient client, string url) => client.GetItemsAsync<JsonElement>(url);

    /// <summary>The items of the first page of the list at <paramref name="url"/>, as <typeparamref name="T"/>.</summary>
    public static async Task<T[]> GetItemsAsync<T>(this HttpClient client, string url) => [.. (await client.Get<Page<T>>(url)).Items];

    /// <summary>Every item of the list, following <c>next</c> to the last page (at most <paramref name="maxPages"/>).</summary>
    public static Task<List<JsonElement>> GetAllItemsAsync(this HttpClient client, string url, int maxPages = 1000) =>
        client.GetAllItemsAsync<JsonElement>(url, maxPages);

    /// <summary>Every item of the list as <typeparamref name="T"/>, following <c>next</c> to the last page (at most
    /// <paramref name="maxPages"/>).</summary>
    public static async Task<List<T>> GetAllItemsAsync<T>(this HttpClient client, string url, int maxPages = 1000)
    {
        var items = new List<T>();
        string? next = url;
        for (var pages = 0; next is not null; pages++)
        {
            if (pages == maxPages)
            {
                throw new InvalidOperationException($"{url} still had a next page after {maxPages} pages.");
            }

            var page = await client.Get<Page<T>>(next);
            items.AddRange(page.Items);
            next = page.Next;
        }

        return items;
    }
}
