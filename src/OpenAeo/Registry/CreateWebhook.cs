using Microsoft.Extensions.Options;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared.Webhooks;
using OpenAeo.Platform.Webhooks;

namespace OpenAeo.Registry;

/// <summary>A webhook subscription as the API and the page send it; on an update, an absent field keeps its value.</summary>
/// <param name="Url">Where OpenAeo posts: <c>https://</c> on a public address unless the deployment allows more (ADR 0037).</param>
/// <param name="EventTypes">Types from the catalogue, e.g. <c>certificate.suspended</c>.</param>
/// <param name="Active">False pauses the subscription: its events wait and are sent once it is active again.</param>
/// <param name="RotateSecret">On an update: a new secret, shown once in the answer; the old one stops signing at once.</param>
/// <param name="Reason">Why; kept in the audit trail.</param>
public sealed record WebhookRequest(
    [Limit(nameof(Limits.Url))] string? Url,
    [Limit(nameof(Limits.Label))] string? Description,
    [Limit(nameof(Limits.WebhookEventTypes))] IReadOnlyList<string>? EventTypes,
    bool? Active = null,
    bool? RotateSecret = null,
    [Limit(nameof(Limits.Reason))] string? Reason = null
);

/// <summary><c>POST /api/v1/webhooks</c>: an administrator subscribes a receiver to events; the answer carries the secret, once.</summary>
internal static class CreateWebhook
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/webhooks", Execute).AnswersCreated<WebhookResponse>(w => $"/api/v1/webhooks/{w.Id}");

    [Authorize(Policies.Admins)]
    [EndpointSummary("Subscribe a receiver to events; the answer shows the signing secret (whsec_…) this once.")]
    public static Task<Result<WebhookResponse>> Execute(
        WebhookRequest request,
        Actor actor,
        OpenAeoDb db,
        WebhookSecrets secrets,
        IOptions<WebhookOptions> options,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, CreateWebhook.AdminOnly(actor), async () =>
        {
            var url = WebhookTargets.Check(request.Url, options.Value.Rules);
            var types = WebhookEventTypes.Parse(request.EventTypes);
            if (!url.IsOk || !types.IsOk)
            {
                return Result<WebhookResponse>.Fail([.. url.Errors, .. types.Errors]);
            }

            var now = clock.GetUtcNow();
            var (secret, protectedSecret) = secrets.New();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var subscription = new WebhookSubscription
            {
                Url = url.Value!.AbsoluteUri,
                Description = Words(request.Description),
                ProtectedSecret = protectedSecret,
                EventTypes = string.Join(',', types.Value!),
                Active = request.Active ?? true,
                CreatedAt = now,
                CreatedBy = actor.Name,
                // Events from now on: the newest entry of the trail marks where this subscription starts.
                StartsAfterAuditId = await db.AuditEntries().MaxAsync(a => (long?)a.Id, ct) ?? 0,
            };
            subscription.FannedThrough = subscription.StartsAfterAuditId;
            db.WebhookSubscriptions().Add(subscription);
            await db.SaveChangesAsync(ct);
            db.Audit(
                now,
                actor.Name,
                "webhook.created",
                $"webhook:{subscription.Id}",
                request.Reason,
                new
                {
                    subscription.Url,
                    eventTypes = subscription.Types,
                    subscription.Active,
                }
            );
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Result<WebhookResponse>.Ok(ListWebhooks.Response(subscription, secret: secret));
        });

    /// <summary>The refusal for anyone but an administrator (the API's policy says the same; the pages and the CLI call the handlers
    /// directly).</summary>
    internal static DomainError? AdminOnly(Actor actor) =>
        Permissions.Allows(actor.Role, Permission.Administer)
            ? null
            : new DomainError(Problems.ForbiddenCode, "Only administrators manage webhooks.");

    internal static string? Words(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
