using System.Buffers;
using System.Text.Json;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
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

    /// <summary>The <c>/exchange/v1</c> group; each call is a use case of its own.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var exchange = endpoints.MapUseCases("Exchange", "/exchange/v1");
        GetExchangeIdentity.Map(exchange);

        // The log's own calls: each first checks the partner and publishes what is pending (Prepare), so a handler
        // starts from a linked partner and a log that holds every committed event.
        var log = exchange.MapGroup("").AddEndpointFilter(PreparedAsync);
        GetSignedTreeHead.Map(log);
        GetLogEntries.Map(log);
        GetConsistencyProof.Map(log);
        GetInclusionProof.Map(log);

        // Its own check, in the same statement as its answer (ADR 0068).
        GetExchangeStatus.Map(exchange);
    }

    private static async ValueTask<object?> PreparedAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        return await Prepare(
            services.GetRequiredService<OpenAeoDb>(),
            services.GetRequiredService<NodeIdentity>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<PublicationMark>(),
            http.User,
            http.RequestAborted
        ) ?? await next(context);
    }

    public static byte[] IdentityJson(NodeIdentity node) =>
        Json(w =>
        {
            var log = node.Log;
            w.WriteString("economy", node.Economy);
            w.WriteString("logId", WireFormat.ToBase64(log.LogId));
            w.WriteString("publicKey", WireFormat.ToBase64(log.PublicKey));
            w.WriteString("algorithm", LogIdentity.Algorithm);
        });

    /// <summary>
    /// 403 unless the caller is a partner linked to us by an MRA or a data-sharing arrangement (and not retired); then
    /// publishes what is pending, unless nothing the publisher reads has moved since its last completed run, so the
    /// answer includes every certificate event and consent change already committed. One statement when nothing is pending.
    /// </summary>
    private static async Task<IResult?> Prepare(
        OpenAeoDb db,
        NodeIdentity node,
        TimeProvider clock,
        PublicationMark mark,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        if (PartnerOf(user) is not { } economy)
        {
            return NotAPartner();
        }

        var published = mark.Current;
        var eventIds = OwnStatuses.Of(db).EventIds(db);
        var look = await db.Partners()
            .AsNoTracking()
            .Where(p => p.Economy == economy)
            .Select(p => new
            {
                Linked = p.Health != PartnerHealth.Retired && (p.MraId != null || p.DataSharingId != null),
                LastEventId = eventIds.Max(id => (long?)id) ?? 0,
                LastAuditId = db.AuditEntries().Max(a => (long?)a.Id) ?? 0,
            })
            .SingleOrDefaultAsync(ct);
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

    public static string? PartnerOf(ClaimsPrincipal user) =>
        Actor.From(user) is { Role: Role.Partner, PartnerEconomy: { } economy } ? economy : null;

    public static ProblemHttpResult NotAPartner() =>
        Problems.Forbidden("The exchange is for partner administrations: use the API key of a Partner account.");

    public static ProblemHttpResult NoAgreement(string economy, NodeIdentity node) =>
        Problems.Forbidden($"{economy} has no MRA or data-sharing arrangement with {node.Economy} registered here (or was retired).");

    /// <summary>400 for a query parameter out of range, with the errors by field as every other bad request.</summary>
    public static IResult OutOfRange(string field, string message) => Problems.Invalid([new DomainError("exchange.range", message, field)]);

    public static void Hashes(Utf8JsonWriter w, IReadOnlyList<byte[]> hashes)
    {
        w.WriteStartArray("hashes");
        foreach (var h in hashes)
        {
            w.WriteStringValue(WireFormat.ToBase64(h));
        }

        w.WriteEndArray();
    }

    public static byte[] Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (
            var w = new Utf8JsonWriter(
                buffer,
                new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }
            )
        )
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
