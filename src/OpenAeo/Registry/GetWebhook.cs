namespace OpenAeo.Registry;

/// <summary><c>GET /api/v1/webhooks/{id}</c>.</summary>
internal static class GetWebhook
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/webhooks/{id:int}", Handle);

    [Authorize(Policies.Admins)]
    [EndpointSummary("One webhook subscription (never its secret).")]
    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Id))] int id,
        OpenAeoDb db,
        CancellationToken ct
    ) => (await ListWebhooks.Describe(db, id, ct)) is [var one] ? TypedResults.Ok(one) : Problems.NotFound($"There is no webhook {id}.");
}
