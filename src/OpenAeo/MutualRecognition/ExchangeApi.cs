using System.Buffers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// <c>/exchange/v1</c>: our signed status log for partner administrations, in the wire format of status-exchange.md.
/// Every call except <c>identity</c> needs the API key of a Partner account whose economy is a registered partner
/// (with an MRA or a data-sharing arrangement); other partners get 403. Each call first runs the publisher, so what
/// is served includes every certificate event already committed.
/// </summary>
internal static class ExchangeApi
{
    public const int MaxPage = 1000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var exchange = endpoints.MapGroup("/exchange/v1").WithTags("Exchange");
        exchange.MapGet("/identity", Identity).AllowAnonymous().WithSummary("Economy, log id and public key of this node's status log.");
        exchange.MapGet("/sth", TreeHead).RequireAuthorization().WithSummary("The latest signed tree head.");
        exchange.MapGet("/entries", Entries).RequireAuthorization().WithSummary($"Entries [start, end), at most {MaxPage}.");
        exchange.MapGet("/proof/consistency", Consistency).RequireAuthorization();
        exchange.MapGet("/proof/inclusion", Inclusion).RequireAuthorization();
        exchange.MapGet("/status/{tin}", Status).RequireAuthorization().WithSummary("The operator's latest entry and its index.");
    }

    public static byte[] IdentityJson(NodeIdentity node) => Json(w =>
    {
        var log = node.Log;
        w.WriteString("economy", node.Economy);
        w.WriteString("logId", WireFormat.ToBase64(log.LogId));
        w.WriteString("publicKey", WireFormat.ToBase64(log.PublicKey));
        w.WriteString("algorithm", LogIdentity.Algorithm);
    });

    private static IResult Identity(NodeIdentity node) => Results.Bytes(IdentityJson(node), "application/json");

    private static async Task<IResult> TreeHead(OpenAeoDb db, NodeIdentity node, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await Prepare(db, node, clock, user, ct) is { } denied)
        {
            return denied;
        }

        return Results.Bytes((await StatusLog.LatestAsync(db, node, clock, ct)).ToJson(), "application/json");
    }

    private static async Task<IResult> Entries(long? start, long? end, OpenAeoDb db, NodeIdentity node, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await Prepare(db, node, clock, user, ct) is { } denied)
        {
            return denied;
        }

        var size = (await StatusLog.LatestAsync(db, node, clock, ct)).TreeSize;
        if (start is not { } a || end is not { } b || a < 0 || b <= a || b > size)
        {
            return Bad($"start and end must satisfy 0 <= start < end <= {size} (the tree size).");
        }

        b = Math.Min(b, a + MaxPage);
        var rows = await db.LogEntries().AsNoTracking().Where(e => e.Index >= a && e.Index < b).OrderBy(e => e.Index).Select(e => new { e.Index, e.Json }).ToListAsync(ct);
        return Results.Bytes(Json(w =>
        {
            w.WriteStartArray("entries");
            foreach (var row in rows)
            {
                w.WriteStartObject();
                w.WriteNumber("index", row.Index);
                w.WritePropertyName("entry");
                // Served exactly as stored: the bytes a partner hashes are the bytes we hashed.
                w.WriteRawValue(row.Json, skipInputValidation: true);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }), "application/json");
    }

    private static async Task<IResult> Consistency(long? first, long? second, OpenAeoDb db, NodeIdentity node, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await Prepare(db, node, clock, user, ct) is { } denied)
        {
            return denied;
        }

        var size = (await StatusLog.LatestAsync(db, node, clock, ct)).TreeSize;
        if (first is not { } m || second is not { } n || m < 0 || m > n || n > size)
        {
            return Bad($"first and second must satisfy 0 <= first <= second <= {size}.");
        }

        var proof = await StatusLog.ConsistencyProofAsync(db, m, n, ct);
        return proof is null ? Bad("No consistency proof for those sizes.") : Results.Bytes(Json(w =>
        {
            w.WriteNumber("first", m);
            w.WriteNumber("second", n);
            Hashes(w, proof);
        }), "application/json");
    }

    private static async Task<IResult> Inclusion(long? index, long? treeSize, OpenAeoDb db, NodeIdentity node, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await Prepare(db, node, clock, user, ct) is { } denied)
        {
            return denied;
        }

        var size = (await StatusLog.LatestAsync(db, node, clock, ct)).TreeSize;
        if (index is not { } i || treeSize is not { } n || i < 0 || i >= n || n > size)
        {
            return Bad($"index and treeSize must satisfy 0 <= index < treeSize <= {size}.");
        }

        var proof = await StatusLog.InclusionProofAsync(db, i, n, ct);
        return proof is null ? Bad("No inclusion proof for that index.") : Results.Bytes(Json(w =>
        {
            w.WriteNumber("index", i);
            w.WriteNumber("treeSize", n);
            Hashes(w, proof);
        }), "application/json");
    }

    private static async Task<IResult> Status(string tin, OpenAeoDb db, NodeIdentity node, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await Prepare(db, node, clock, user, ct) is { } denied)
        {
            return denied;
        }

        var parsed = Tin.Parse(tin);
        var key = parsed.IsOk ? parsed.Value.Value : tin;
        var row = await db.LogEntries().AsNoTracking().Where(e => e.Tin == key).OrderByDescending(e => e.Index).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return Problems.NotFound($"The log has no entry for {tin}.");
        }

        return Results.Bytes(Json(w =>
        {
            w.WriteString("tin", row.Tin);
            w.WriteNumber("index", row.Index);
            w.WritePropertyName("entry");
            w.WriteRawValue(row.Json, skipInputValidation: true);
        }), "application/json");
    }

    /// <summary>403 unless the caller is a registered partner; then publishes pending events so the answer is current.</summary>
    private static async Task<IResult?> Prepare(OpenAeoDb db, NodeIdentity node, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = Actor.From(user);
        if (actor is not { Role: Role.Partner, PartnerEconomy: { } economy })
        {
            return Problems.Forbidden("The exchange is for partner administrations: use the API key of a Partner account.");
        }

        var partner = await db.Partners().AsNoTracking().SingleOrDefaultAsync(p => p.Economy == economy, ct);
        if (partner is null || (partner.MraId is null && partner.DataSharingId is null))
        {
            return Problems.Forbidden($"{economy} has no MRA or data-sharing arrangement with {node.Economy} registered here.");
        }

        await StatusPublisher.RunAsync(db, node, clock, ct);
        return null;
    }

    private static IResult Bad(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.");

    private static void Hashes(Utf8JsonWriter w, IReadOnlyList<byte[]> hashes)
    {
        w.WriteStartArray("hashes");
        foreach (var h in hashes)
        {
            w.WriteStringValue(WireFormat.ToBase64(h));
        }

        w.WriteEndArray();
    }

    private static byte[] Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
