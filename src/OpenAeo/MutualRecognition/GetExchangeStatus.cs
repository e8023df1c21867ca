using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// <c>GET /exchange/v1/status/{tin}</c>: an operator's latest entry and its index, for a linked partner; answered from
/// memory while this process wrote nothing since its last read (ADR 0010).
/// </summary>
internal static class GetExchangeStatus
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/status/{tin}", Handle);

    [Authorize]
    [EndpointSummary("The operator's latest entry and its index.")]
    public static async Task<IResult> Handle(
        [Limit(nameof(Limits.Tin))] string tin,
        HttpContext http,
        PublicationMark mark,
        ExchangeCache cache,
        NodeIdentity node,
        TimeProvider clock,
        ClaimsPrincipal user,
        LogSoundness soundness,
        ILogger<ExchangeCache> log,
        CancellationToken ct
    )
    {
        if (ExchangeApi.PartnerOf(user) is not { } economy)
        {
            return ExchangeApi.NotAPartner();
        }

        var parsed = Tin.Parse(tin);
        var key = parsed.IsOk ? parsed.Value.Value : tin;
        if (soundness.Latest is { } verified && verified.Doubts(key))
        {
            // The last verification found an altered entry stored under or about this TIN: its latest entry is in doubt.
            return Problems.Unavailable(
                $"This node's log failed its last verification for {key} ({verified.Problems[0]}); the status is "
                    + "not served until the log verifies again."
            );
        }

        // The hottest path: nothing written in this process since the last read, and that read is recent (ADR 0010).
        switch (cache.Linked(economy))
        {
            case false:
                return ExchangeApi.NoAgreement(economy, node);
            case true when cache.TryStatus(key, out var cachedIndex, out var cachedJson):
                return StatusAnswer(tin, key, cachedIndex, cachedJson);
        }

        // Only now a unit of work: a request answered from memory does not build one (ADR 0068).
        var db = http.RequestServices.GetRequiredService<OpenAeoDb>();

        // Otherwise one statement answers "is this partner linked to us", "has anything the publisher reads moved"
        // and "what is the operator's latest entry" (index seeks only). When nothing moved since a completed publisher
        // run, that entry is current and is served as is.
        var stamp = cache.Now();
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
                Index = db.LogEntries()
                    .Where(e => e.Tin == key)
                    .OrderByDescending(e => e.Index)
                    .Select(e => (long?)e.Index)
                    .FirstOrDefault(),
                Json = db.LogEntries().Where(e => e.Tin == key).OrderByDescending(e => e.Index).Select(e => e.Json).FirstOrDefault(),
                LeafHash = db.LogEntries()
                    .Where(e => e.Tin == key)
                    .OrderByDescending(e => e.Index)
                    .Select(e => e.LeafHash)
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        cache.Remember(economy, look is { Linked: true }, stamp);
        if (look is not { Linked: true })
        {
            return ExchangeApi.NoAgreement(economy, node);
        }

        var (index, json, leafHash) = (look.Index, look.Json, look.LeafHash);
        var seen = new LogWatermark(look.LastEventId, look.LastAuditId);
        var current = PublicationMark.Covers(published, seen);
        if (!current)
        {
            await StatusPublisher.CatchUpAsync(db, node, clock, mark, seen, ct);
            var latest = await db.LogEntries()
                .AsNoTracking()
                .Where(e => e.Tin == key)
                .OrderByDescending(e => e.Index)
                .Select(e => new
                {
                    e.Index,
                    e.Json,
                    e.LeafHash,
                })
                .FirstOrDefaultAsync(ct);
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

        return Results.Bytes(
            ExchangeApi.Json(w =>
            {
                w.WriteString("tin", key);
                w.WriteNumber("index", i);
                w.WritePropertyName("entry");
                w.WriteRawValue(json, skipInputValidation: true);
            }),
            "application/json"
        );
    }
}
