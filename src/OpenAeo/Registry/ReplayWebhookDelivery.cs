using OpenAeo.Platform.Webhooks;

namespace OpenAeo.Registry;

/// <summary>
/// <c>POST /api/v1/webhooks/deliveries/{id}/replay</c>: send a delivery again, delivered or failed, with the same
/// <c>webhook-id</c> and body and a fresh retry schedule. The dispatcher sends it on its next round; the request
/// itself never waits for the receiver.
/// </summary>
internal static class ReplayWebhookDelivery
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/webhooks/deliveries/{id:long}/replay", Execute)
            .AnswersAccepted<WebhookDeliveryResponse>(d => $"/api/v1/webhooks/{d.Subscription}/deliveries");

    [Authorize(Policies.Admins)]
    [EndpointSummary("Send a delivery again (same webhook-id and body, a fresh retry schedule) on the dispatcher's next round.")]
    public static async Task<Result<WebhookDeliveryResponse>> Execute(
        [Limit(nameof(Limits.LogIndex))] long id,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (CreateWebhook.AdminOnly(actor) is { } refused)
        {
            return refused;
        }

        var delivery = await db.WebhookDeliveries().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (delivery is null)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no webhook delivery {id}.");
        }

        var now = clock.GetUtcNow();
        var was = delivery.Status;
        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.Attempts = 0;
        delivery.NextAttemptAt = now;
        db.Audit(
            now,
            actor.Name,
            "webhook.delivery-replayed",
            $"webhook:{delivery.SubscriptionId}",
            null,
            new
            {
                delivery = delivery.Id,
                webhookId = delivery.MessageId,
                was = was.ToString(),
            }
        );
        await db.SaveChangesAsync(ct);
        return Result<WebhookDeliveryResponse>.Ok((await ListWebhookDeliveries.Describe(db, null, id, null, ct)).Single());
    }
}
