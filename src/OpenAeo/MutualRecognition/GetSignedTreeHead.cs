namespace OpenAeo.MutualRecognition;

/// <summary><c>GET /exchange/v1/sth</c>: the latest signed tree head of our status log, for a linked partner.</summary>
internal static class GetSignedTreeHead
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/sth", Handle);

    [Authorize]
    [EndpointSummary("The latest signed tree head.")]
    public static async Task<IResult> Handle(OpenAeoDb db, NodeIdentity node, TimeProvider clock, CancellationToken ct) =>
        Results.Bytes((await StatusLog.LatestAsync(db, node, clock, ct)).ToJson(), "application/json");
}
