namespace OpenAeo.MutualRecognition;

/// <summary><c>GET /exchange/v1/proof/consistency</c>: an RFC 9162 consistency proof between two sizes of our log.</summary>
internal static class GetConsistencyProof
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/proof/consistency", Handle);

    [Authorize]
    [EndpointSummary("A proof that the log at one size is a prefix of the log at a later size (RFC 9162).")]
    public static async Task<IResult> Handle(
        [Limit(nameof(Limits.LogIndex))] long? first,
        [Limit(nameof(Limits.LogIndex))] long? second,
        OpenAeoDb db,
        NodeIdentity node,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var size = (await StatusLog.LatestAsync(db, node, clock, ct)).TreeSize;
        if (first is not { } m || second is not { } n || m < 0 || m > n || n > size)
        {
            return ExchangeApi.OutOfRange("first", $"first and second must satisfy 0 <= first <= second <= {size}.");
        }

        var proof = await StatusLog.ConsistencyProofAsync(db, m, n, ct);
        return proof is null
            ? ExchangeApi.OutOfRange("second", "No consistency proof for those sizes.")
            : Results.Bytes(
                ExchangeApi.Json(w =>
                {
                    w.WriteNumber("first", m);
                    w.WriteNumber("second", n);
                    ExchangeApi.Hashes(w, proof);
                }),
                "application/json"
            );
    }
}
