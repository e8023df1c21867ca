using Microsoft.AspNetCore.Mvc;
using OpenAeo.Platform.Webhooks;

namespace OpenAeo.Registry;

/// <summary><c>DELETE /api/v1/webhooks/{id}</c>: the subscription ends with its deliveries (the audit trail keeps that it
/// existed).</summary>
internal static class DeleteWebhook
{
    public static void Map(RouteGroupBuilder api) => api.MapDelete("/webhooks/{id:int}", Execute).AnswersNoContent<int>();

    [Authorize(Policies.Admins)]
    [EndpointSummary("End a subscription: nothing more is sent to it, and its deliveries are removed.")]
    public static async Task<Result<int>> Execute(
        [Limit(nameof(Limits.Id))] int id,
        [FromQuery, Limit(nameof(Limits.Reason))] string? reason,
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

        var subscription = await db.WebhookSubscriptions().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no webhook {id}.");
        }

        db.WebhookSubscriptions().Remove(subscription);
        db.Audit(
            clock.GetUtcNow(),
            actor.Name,
            "webhook.deleted",
            $"webhook:{id}",
            reason,
            new { subscription.Url, eventTypes = subscription.Types }
        );
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(id);
    }
}
