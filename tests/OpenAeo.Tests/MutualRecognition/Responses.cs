using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Shared;

namespace OpenAeo.Tests.MutualRecognition;

// The exchange's answers (/exchange/v1, status-exchange.md) are written member by member by the app. A log entry and a
// tree head are read with the domain's own readers (StatusEntry.Parse, SignedTreeHead.Parse), as a partner's node
// reads them when it replicates; the records here only hold the envelopes around them.

/// <summary>An entry and its index in the log: an item of <c>/entries</c>, and the answer of <c>/status/{tin}</c>.</summary>
internal sealed record IndexedEntry(long Index, JsonElement Entry)
{
    /// <summary>The entry as replication reads it.</summary>
    public StatusEntry Status => Exchange.Entry(Entry);
}

/// <summary><c>GET /exchange/v1/entries</c>.</summary>
internal sealed record ExchangeEntries(IReadOnlyList<IndexedEntry> Entries);

/// <summary><c>GET /exchange/v1/identity</c> and <c>openaeo exchange identity</c>.</summary>
internal sealed record ExchangeIdentity(string Economy, string LogId, string PublicKey, string Algorithm);

/// <summary>The domain's readers of what the exchange serves, failing the test with the JSON when it is not one.</summary>
internal static class Exchange
{
    public static StatusEntry Entry(JsonElement entry) => Checked(StatusEntry.Parse(entry), entry.GetRawText());

    public static StatusEntry Entry(string json) => Checked(StatusEntry.Parse(Encoding.UTF8.GetBytes(json)), json);

    public static SignedTreeHead TreeHead(string json) => Checked(SignedTreeHead.Parse(Encoding.UTF8.GetBytes(json)), json);

    /// <summary><c>GET /exchange/v1/sth</c>, read as a partner reads it.</summary>
    public static async Task<SignedTreeHead> TreeHeadAsync(this HttpClient client) =>
        TreeHead(await client.GetStringAsync("/exchange/v1/sth"));

    private static T Checked<T>(Result<T> read, string json) =>
        read.IsOk ? read.Value! : throw new ShouldAssertException($"Not a {typeof(T).Name} ({read.Errors[0].Message}): {json}");
}
