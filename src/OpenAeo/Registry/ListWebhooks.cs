using OpenAeo.Platform.Webhooks;

namespace OpenAeo.Registry;

/// <summary>A subscription as administrators see it: the secret only in the answer that made it (creation or rotation).</summary>
/// <param name="Secret">The <c>whsec_</c> signing secret, shown once; store it in the receiver.</param>
/// <param name="Pending">Deliveries waiting for their next attempt.</param>
/// <param name="Failed">Deliveries that gave up (replay them once the receiver works).</param>
public sealed record WebhookResponse(
    int Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Active,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? SecretRotatedAt,
    int Pending,
    int Failed,
    string? Secret = null
);

/// <summary><c>GET /api/v1/webhooks</c> and the webhooks page; <see cref="Describe"/> serves <see cref="GetWebhook"/> too.</summary>
internal static class ListWebhooks
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/webhooks", Paging.Handler(Sorts, async (db, ct) => await Describe(db, null, ct)))
            .WithName(nameof(ListWebhooks))
            .RequireAuthorization(Policies.Admins)
            .WithPaging(Sorts)
            .WithDescription("A node has a handful of subscriptions: they are described whole, then paged like every list (ADR 0039).")
            .WithSummary("Every webhook subscription with its event types, whether it is active, and its pending and failed deliveries.");
    }

    public static readonly Sorting<WebhookResponse> Sorts = Sorting<WebhookResponse>
        .Create("id", w => w.Id)
        .By("id", w => w.Id)
        .By("url", w => w.Url)
        .By("createdAt", w => w.CreatedAt)
        .By("failed", w => w.Failed);

    public static async Task<List<WebhookResponse>> Describe(OpenAeoDb db, int? id, CancellationToken ct)
    {
        var subscriptions = await db.WebhookSubscriptions()
            .AsNoTracking()
            .Where(s => id == null || s.Id == id)
            .OrderBy(s => s.Id)
            .ToListAsync(ct);
        var ids = subscriptions.Select(s => s.Id).ToList();
        var counts = (
            await db.WebhookDeliveries()
                .AsNoTracking()
                .Where(d => ids.Contains(d.SubscriptionId) && d.Status != WebhookDeliveryStatus.Delivered)
                .GroupBy(d => new { d.SubscriptionId, d.Status })
                .Select(g => new
                {
                    g.Key.SubscriptionId,
                    g.Key.Status,
                    Count = g.Count(),
                })
                .ToListAsync(ct)
        ).ToDictionary(c => (c.SubscriptionId, c.Status), c => c.Count);
        return
        [
            .. subscriptions.Select(s =>
                Response(
                    s,
                    counts.GetValueOrDefault((s.Id, WebhookDeliveryStatus.Pending)),
                    counts.GetValueOrDefault((s.Id, WebhookDeliveryStatus.Failed))
                )
            ),
        ];
    }

    public static WebhookResponse Response(WebhookSubscription s, int pending = 0, int failed = 0, string? secret = null) =>
        new(s.Id, s.Url, s.Description, s.Types, s.Active, s.CreatedAt, s.CreatedBy, s.SecretRotatedAt, pending, failed, secret);
}
