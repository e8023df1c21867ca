using System.Buffers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// <c>/exchange/v1</c>: our signed status log for partner administrations, in the wire format of status-exchange.md.
/// Every call except <c>identity</c> needs the API key of a Partner account whose economy is a registered partner
/// (with an MRA or a data-sharing arrangement, not retired); other partners get 403. Each call first publishes what
/// is pending, so what is served includes every certificate event already committed; when nothing is pending that
/// check is part of the one statement the call runs anyway. <c>status/{tin}</c> also answers from memory while this
/// process wrote nothing since its last read, for at most <c>Exchange:StatusCacheSeconds</c> (ADR 0010).
/// </summary>
internal static class ExchangeApi
{
    public const int MaxPage = 1000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var exchange = endpoints.MapGroup("/exchange/v1").WithTags("Exchange");
        exchange.MapGet("/identity", Identity).WithName("GetExchangeIdentity").AllowAnonymous().WithSummary("Economy, log id and public key of this node's status log.");
        exchange.MapGet("/sth", TreeHead).WithName("GetSignedTreeHead").RequireAuthorization().WithSummary("The latest signed tree head.");
        exchange.MapGet("/entries", Entries).WithName("GetLogEntries").RequireAuthorization().WithSummary($"Entries [start, end), at most {MaxPage}.");
        exchange.MapGet("/proof/consistency", Consistency).WithName("GetConsistencyProof").RequireAuthorization()
            .WithSummary("A proof that the log at one size is a prefix of the log at a later size (RFC 9162).");
        exchange.MapGet("/proof/inclusion", Inclusion).WithName("GetInclusionProof").RequireAuthorization()
            .WithSummary("A proof that an entry is in the log at a given size (RFC 9162).");
        exchange.MapGet("/status/{tin}", Status).WithName("GetExchangeStatus").RequireAuthorization().WithSummary("The operator's latest entry and its index.");
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

    private static async Task<IResult> TreeHead(OpenAeoDb db, PublicationMark mark, NodeIdentity node, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await Prepare(db, node, clock, mark, user, ct) is { } denied)
        {
            return denied;
        }

        return Results.Bytes((await StatusLog.LatestAsync(db, node, clock, ct)).ToJson(), "application/json");
    }

    private static async Task<IResult> Entries([Limit(nameof(Limits.LogIndex))] long? start, [Limit(nameof(Limits.LogIndex))] long? end, OpenAeoDb db, PublicationMark mark, NodeIdentity node, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await Prepare(db, node, clock, mark, user, ct) is { } denied)
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

    private static async Task<IResult> Consistency([Limit(nameof(Limits.LogIndex))] long? first, [Limit(nameof(Limits.LogIndex))] long? second, OpenAeoDb db, PublicationMark mark, NodeIdentity node, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await Prepare(db, node, clock, mark, user, ct) is { } denied)
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

    private static async Task<IResult> Inclusion([Limit(nameof(Limits.LogIndex))] long? index, [Limit(nameof(Limits.LogIndex))] long? treeSize, OpenAeoDb db, PublicationMark mark, NodeIdentity node, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await Prepare(db, node, clock, mark, user, ct) is { } denied)
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

    private static async Task<IResult> Status([Limit(nameof(Limits.Tin))] string tin, OpenAeoDb db, PublicationMark mark, ExchangeCache cache, NodeIdentity node, TimeProvider clock, ClaimsPrincipal user,
        LogSoundness soundness, ILogger<ExchangeCache> log, CancellationToken ct)
    {
        if (PartnerOf(user) is not { } economy)
        {
            return NotAPartner();
        }

        var parsed = Tin.Parse(tin);
        var key = parsed.IsOk ? parsed.Value.Value : tin;
        if (soundness.Latest is { } verified && verified.Doubts(key))
        {
            // The last verification found an altered entry stored under or about this TIN: its latest entry is in doubt.
            return Problems.Unavailable($"This node's log failed its last verification for {key} ({verified.Problems[0]}); the status is not served until the log verifies again.");
        }

        // The hottest path: nothing written in this process since the last read, and that read is recent (ADR 0010).
        switch (cache.Linked(economy))
        {
            case false:
                return NoAgreement(economy, node);
            case true when cache.TryStatus(key, out var cachedIndex, out var cachedJson):
                return StatusAnswer(tin, key, cachedIndex, cachedJson);
        }

        // Otherwise one statement answers "is this partner linked to us", "has anything the publisher reads moved"
        // and "what is the operator's latest entry" (index seeks only). When nothing moved since a completed publisher
        // run, that entry is current and is served as is.
        var stamp = cache.Now();
        var published = mark.Current;
        var look = await db.Partners().AsNoTracking().Where(p => p.Economy == economy).Select(p => new
        {
            Linked = p.Health != PartnerHealth.Retired && (p.MraId != null || p.DataSharingId != null),
            LastEventId = db.CertificateEvents().Max(e => (long?)e.Id) ?? 0,
            LastAuditId = db.AuditEntries().Max(a => (long?)a.Id) ?? 0,
            Index = db.LogEntries().Where(e => e.Tin == key).OrderByDescending(e => e.Index).Select(e => (long?)e.Index).FirstOrDefault(),
            Json = db.LogEntries().Where(e => e.Tin == key).OrderByDescending(e => e.Index).Select(e => e.Json).FirstOrDefault(),
            LeafHash = db.LogEntries().Where(e => e.Tin == key).OrderByDescending(e => e.Index).Select(e => e.LeafHash).FirstOrDefault(),
        }).SingleOrDefaultAsync(ct);
        cache.Remember(economy, look is { Linked: true }, stamp);
        if (look is not { Linked: true })
        {
            return NoAgreement(economy, node);
        }

        var (index, json, leafHash) = (look.Index, look.Json, look.LeafHash);
        var seen = new LogWatermark(look.LastEventId, look.LastAuditId);
        var current = PublicationMark.Covers(published, seen);
        if (!current)
        {
            await StatusPublisher.CatchUpAsync(db, node, clock, mark, seen, ct);
            var latest = await db.LogEntries().AsNoTracking().Where(e => e.Tin == key).OrderByDescending(e => e.Index)
                .Select(e => new { e.Index, e.Json, e.LeafHash }).FirstOrDefaultAsync(ct);
            (index, json, leafHash) = (latest?.Index, latest?.Json, latest?.LeafHash);
        }

        // The row was found through its derived Tin column: it is served only if it is the entry it claims to be (issue 11).
        var bytes = json is null ? [] : System.Text.Encoding.UTF8.GetBytes(json);
        if (index is { } i && StatusLog.RowProblems(i, key, bytes, MerkleTree.HashLeaf(bytes), leafHash!, out _) is [var problem, ..])
        {
            log.LogError("Status of {Tin} not served: {Problem}", key, problem);
            return Problems.Unavailable($"{problem} This node does not serve a status it cannot vouch for; run 'openaeo exchange verify'.");
        }

        if (current)
        {
            cache.Remember(key, index, json, stamp);
        }

        return StatusAnswer(tin, key, index, json);
    }

    private static IResult StatusAnswer(string tin, string key, long? index, string? json)
    {
        if (index is not { } i || json is null)
        {
            return Problems.NotFound($"The log has no entry for {tin}.");
        }

        return Results.Bytes(Json(w =>
        {
            w.WriteString("tin", key);
            w.WriteNumber("index", i);
            w.WritePropertyName("entry");
            w.WriteRawValue(json, skipInputValidation: true);
        }), "application/json");
    }

    /// <summary>
    /// 403 unless the caller is a partner linked to us by an MRA or a data-sharing arrangement (and not retired); then
    /// publishes what is pending, unless nothing the publisher reads has moved since its last completed run, so the
    /// answer includes every certificate event and consent change already committed. One statement when nothing is pending.
    /// </summary>
    private static async Task<IResult?> Prepare(OpenAeoDb db, NodeIdentity node, TimeProvider clock, PublicationMark mark, ClaimsPrincipal user, CancellationToken ct)
    {
        if (PartnerOf(user) is not { } economy)
        {
            return NotAPartner();
        }

        var published = mark.Current;
        var look = await db.Partners().AsNoTracking().Where(p => p.Economy == economy).Select(p => new
        {
            Linked = p.Health != PartnerHealth.Retired && (p.MraId != null || p.DataSharingId != null),
            LastEventId = db.CertificateEvents().Max(e => (long?)e.Id) ?? 0,
            LastAuditId = db.AuditEntries().Max(a => (long?)a.Id) ?? 0,
        }).SingleOrDefaultAsync(ct);
        if (look is not { Linked: true })
        {
            return NoAgreement(economy, node);
        }

        var seen = new LogWatermark(look.LastEventId, look.LastAuditId);
        if (!PublicationMark.Covers(published, seen))
        {
            await StatusPublisher.CatchUpAsync(db, node, clock, mark, seen, ct);
        }

        return null;
    }

    private static string? PartnerOf(ClaimsPrincipal user) =>
        Actor.From(user) is { Role: Role.Partner, PartnerEconomy: { } economy } ? economy : null;

    private static ProblemHttpResult NotAPartner() =>
        Problems.Forbidden("The exchange is for partner administrations: use the API key of a Partner account.");

    private static ProblemHttpResult NoAgreement(string economy, NodeIdentity node) =>
        Problems.Forbidden($"{economy} has no MRA or data-sharing arrangement with {node.Economy} registered here (or was retired).");

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
