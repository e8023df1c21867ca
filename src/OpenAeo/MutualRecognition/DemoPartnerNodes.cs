using System.Net;
using System.Text;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// The demo's partner nodes after the seed: their addresses are reserved names (<c>https://aeo-exchange.jp.invalid</c>,
/// RFC 2606, which never resolve), so without this every pull of a demo database would fail and the partners would turn
/// Unreachable minutes after <c>openaeo run</c>. This handler sits on the exchange's HTTP client and answers requests to
/// those names only, as a partner whose log has not grown since the seed: its tree head is the one this node last
/// verified, and entries are served from the replica. Every other address goes to the network untouched, so a
/// production node (whose partners have real names) never meets it; the replicator still verifies the signature and the
/// tree size of what it gets, as for any partner.
/// </summary>
internal sealed class DemoPartnerNodes(IServiceScopeFactory scopes) : DelegatingHandler
{
    private const string Prefix = "aeo-exchange.";
    private const string Suffix = ".invalid";

    /// <summary>The address the demo registers for a partner economy.</summary>
    public static string Url(string economy) => $"https://{Prefix}{economy.ToLowerInvariant()}{Suffix}";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri?.Host ?? "";
        if (!host.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !host.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var economy = host[Prefix.Length..^Suffix.Length].ToUpperInvariant();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
        var partner = await db.Partners().AsNoTracking().SingleOrDefaultAsync(p => p.Economy == economy, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        string? body = null;
        if (partner?.VerifiedTreeHead is { } head && string.Equals(partner.BaseUrl, Url(economy), StringComparison.OrdinalIgnoreCase))
        {
            if (path.EndsWith("/sth", StringComparison.Ordinal))
            {
                body = head;
            }
            else if (path.EndsWith("/entries", StringComparison.Ordinal))
            {
                var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.RequestUri.Query);
                var start = int.TryParse(query["start"], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0;
                var end = int.TryParse(query["end"], System.Globalization.CultureInfo.InvariantCulture, out var e) ? e : start;
                var rows = await db.ReplicaEntries()
                    .AsNoTracking()
                    .Where(r => r.Partner == economy && r.Index >= start && r.Index < end)
                    .OrderBy(r => r.Index)
                    .Select(r => new { r.Index, r.Json })
                    .ToListAsync(cancellationToken);
                body = $"{{\"entries\":[{string.Join(',', rows.Select(r => $"{{\"index\":{r.Index},\"entry\":{r.Json}}}"))}]}}";
            }
        }

        return body is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request }
            : new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
                RequestMessage = request,
            };
    }
}
