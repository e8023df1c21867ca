namespace OpenAeo.MutualRecognition;

/// <summary><c>GET /exchange/v1/entries</c>: a page of our status log's entries, served byte for byte as stored.</summary>
internal static class GetLogEntries
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/entries", Handle).WithSummary($"Entries [start, end), at most {ExchangeApi.MaxPage}.");

    [Authorize]
    public static async Task<IResult> Handle(
        [Limit(nameof(Limits.LogIndex))] long? start,
        [Limit(nameof(Limits.LogIndex))] long? end,
        OpenAeoDb db,
        NodeIdentity node,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var size = (await StatusLog.LatestAsync(db, node, clock, ct)).TreeSize;
        if (start is not { } a || end is not { } b || a < 0 || b <= a || b > size)
        {
            return ExchangeApi.OutOfRange("start", $"start and end must satisfy 0 <= start < end <= {size} (the tree size).");
        }

        b = Math.Min(b, a + ExchangeApi.MaxPage);
        var rows = await db.LogEntries()
            .AsNoTracking()
            .Where(e => e.Index >= a && e.Index < b)
            .OrderBy(e => e.Index)
            .Select(e => new { e.Index, e.Json })
            .ToListAsync(ct);
        return Results.Bytes(
            ExchangeApi.Json(w =>
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
            }),
            "application/json"
        );
    }
}
