namespace OpenAeo.Tests.MutualRecognition;

// The exchange's answers (/exchange/v1, status-exchange.md) are written member by member by the app, which has no
// records for them; these are the members the tests read, named as the wire format names them.

/// <summary>A status log entry as a partner reads it.</summary>
internal sealed record ExchangeEntry(long Sequence, string Tin, string? CertificateNumber, string Event);

/// <summary>An entry and its index in the log: an item of <c>/entries</c>, and the answer of <c>/status/{tin}</c>.</summary>
internal sealed record IndexedEntry(long Index, ExchangeEntry Entry);

/// <summary><c>GET /exchange/v1/entries</c>.</summary>
internal sealed record ExchangeEntries(IReadOnlyList<IndexedEntry> Entries);

/// <summary><c>GET /exchange/v1/sth</c>, for its size (a test that checks the head parses it with the app's
/// <c>SignedTreeHead</c>).</summary>
internal sealed record ExchangeTreeHead(long TreeSize);

/// <summary><c>GET /exchange/v1/identity</c> and <c>openaeo exchange identity</c>.</summary>
internal sealed record ExchangeIdentity(string Economy, string LogId, string PublicKey, string Algorithm);
