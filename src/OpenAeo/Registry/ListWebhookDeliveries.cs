using OpenAeo.Platform.Webhooks;

namespace OpenAeo.Registry;

/// <summary>One try to post a delivery.</summary>
/// <param name="StatusCode">The receiver's HTTP status; null when there was no answer.</param>
/// <param name="Response">The first 500 characters of the receiver's answer.</param>
public sealed record WebhookAttemptResponse(DateTimeOffset At, int? StatusCode, string? Response, string? Error, int DurationMs);

/// <summary>An event for a subscription, with its attempts (newest first) and the body it sends.</summary>
/// <param name="WebhookId">The <c>webhook-id</c> header, the same on every attempt and replay.</param>
/// <param name="Status"><c>Pending</c>, <c>Delivered</c> or <c>Failed</c> (retries exhausted; replay it).</param>
public sealed record WebhookDeliveryResponse(
    long Id,
    int Subscription,
    string WebhookId,
    string EventType,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? DeliveredAt,
    string Payload,
    IReadOnlyList<WebhookAttemptResponse> AttemptLog
);

/// <summary><c>GET /api/v1/webhooks/{id}/deliveries</c>: a subscription's deliveries, newest first.</summary>
internal static class ListWebhookDeliveries
{
    public const int MaxDeliveries = 200;

    public static void Map(RouteGroupBuilder api) => api.MapGet("/webhooks/{id:int}/deliveries", Handle).WithPaging(Sorts);

    public static readonly Sorting<WebhookDelivery> Sorts = Sorting<WebhookDelivery>
        .Create("-id", d => d.Id)
        .By("id", d => d.Id)
        .By("createdAt", d => d.CreatedAt);

    [Authorize(Policies.Admins)]
    [EndpointSummary(
        "A subscription's deliveries, newest first (status=Pending|Delivered|Failed filters), with status, "
            + "response code, attempts and next try."
    )]
    public static async Task<Results<Ok<Page<WebhookDeliveryResponse>>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Id))] int id,
        [Limit(nameof(Limits.Keyword))] string? status,
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        OpenAeoDb db,
        HttpContext http,
        CancellationToken ct
    )
    {
        WebhookDeliveryStatus? only = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<WebhookDeliveryStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Problems.Invalid([new DomainError("webhook.status", "The status is Pending, Delivered or Failed.", "status")]);
            }

            only = parsed;
        }

        if (!await db.WebhookSubscriptions().AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound($"There is no webhook {id}.");
        }

        var read = await Paging.Read(http, Query(db, id, null, only), Sorts, page, pageSize, sort, rows => Describe(db, rows, ct), ct);
        return read.IsOk ? TypedResults.Ok(Paging.Linked(http, read.Value!)) : Problems.Invalid(read.Errors);
    }

    /// <summary>The latest deliveries (up to <see cref="MaxDeliveries"/>, newest first) for the page and a replay's answer.</summary>
    public static async Task<IReadOnlyList<WebhookDeliveryResponse>> Describe(
        OpenAeoDb db,
        int? subscription,
        long? delivery,
        WebhookDeliveryStatus? status,
        CancellationToken ct
    ) =>
        await Describe(
            db,
            await Query(db, subscription, delivery, status).OrderByDescending(d => d.Id).Take(MaxDeliveries).ToListAsync(ct),
            ct
        );

    private static IQueryable<WebhookDelivery> Query(OpenAeoDb db, int? subscription, long? delivery, WebhookDeliveryStatus? status) =>
        db.WebhookDeliveries()
            .AsNoTracking()
            .Where(d =>
                (subscription == null || d.SubscriptionId == subscription)
                && (delivery == null || d.Id == delivery)
                && (status == null || d.Status == status)
            );

    private static async Task<IReadOnlyList<WebhookDeliveryResponse>> Describe(
        OpenAeoDb db,
        List<WebhookDelivery> deliveries,
        CancellationToken ct
    )
    {
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts().AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(ct))
            .OrderByDescending(a => a.Id)
            .ToLookup(a => a.DeliveryId);
        return
        [
            .. deliveries.Select(d => new WebhookDeliveryResponse(
                d.Id,
                d.SubscriptionId,
                d.MessageId,
                d.EventType,
                d.Status.ToString(),
                d.Attempts,
                d.CreatedAt,
                d.NextAttemptAt,
                d.LastStatusCode,
                d.LastError,
                d.DeliveredAt,
                d.Payload,
                [.. attempts[d.Id].Select(a => new WebhookAttemptResponse(a.At, a.StatusCode, a.Response, a.Error, a.DurationMs))]
            )),
        ];
    }
}
