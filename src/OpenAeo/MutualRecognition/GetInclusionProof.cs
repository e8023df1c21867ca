namespace OpenAeo.MutualRecognition;

/// <summary><c>GET /exchange/v1/proof/inclusion</c>: an RFC 9162 inclusion proof of one entry of our log.</summary>
internal static class GetInclusionProof
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/proof/inclusion", Handle);

    [Authorize]
    [EndpointSummary("A proof that an entry is in the log at a given size (RFC 9162).")]
    public static async Task<IResult> Handle(
        [Limit(nameof(Limits.LogIndex))] long? index,
        [Limit(nameof(Limits.LogIndex))] long? treeSize,
        OpenAeoDb db,
        NodeIdentity node,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var size = (await StatusLog.LatestAsync(db, node, clock, ct)).TreeSize;
        if (index is not { } i || treeSize is not { } n || i < 0 || i >= n || n > size)
        {
            return ExchangeApi.OutOfRange("index", $"index and treeSize must satisfy 0 <= index < treeSize <= {size}.");
        }

        var proof = await StatusLog.InclusionProofAsync(db, i, n, ct);
        return proof is null
            ? ExchangeApi.OutOfRange("index", "No inclusion proof for that index.")
            : Results.Bytes(
                ExchangeApi.Json(w =>
                {
                    w.WriteNumber("index", i);
                    w.WriteNumber("treeSize", n);
                    ExchangeApi.Hashes(w, proof);
                }),
                "application/json"
            );
    }
}
