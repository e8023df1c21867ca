namespace OpenAeo.MutualRecognition;

/// <summary><c>GET /exchange/v1/identity</c>: who this node is, for anyone (a partner registers us with it).</summary>
internal static class GetExchangeIdentity
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/identity", Handle);

    [AllowAnonymous]
    [EndpointSummary("Economy, log id and public key of this node's status log.")]
    public static IResult Handle(NodeIdentity node) => Results.Bytes(ExchangeApi.IdentityJson(node), "application/json");
}
