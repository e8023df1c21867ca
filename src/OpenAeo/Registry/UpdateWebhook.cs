using Microsoft.Extensions.Options;
using OpenAeo.Domain.Shared.Webhooks;
using OpenAeo.Platform.Webhooks;

namespace OpenAeo.Registry;

/// <summary><c>PUT /api/v1/webhooks/{id}</c>: change the URL, the event types, pause or resume, rotate the secret.</summary>
internal static class UpdateWebhook
{
    public static void Map(RouteGroupBuilder api) => api.MapPut("/webhooks/{id:int}", Execute).AnswersOk<WebhookResponse>();

    [Authorize(Policies.Admins)]
    [EndpointSummary(
        "Change a subscription: URL, description, event types, active or paused; rotateSecret makes a new secret, shown this once."
    )]
    public static Task<Result<WebhookResponse>> Execute(
        [Limit(nameof(Limits.Id))] int id,
        WebhookRequest request,
        Actor actor,
        OpenAeoDb db,
        WebhookSecrets secrets,
        IOptions<WebhookOptions> options,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, CreateWebhook.AdminOnly(actor), async () =>
        {
            var subscription = await db.WebhookSubscriptions().SingleOrDefaultAsync(s => s.Id == id, ct);
            if (subscription is null)
            {
                return new DomainError(Problems.NotFoundCode, $"There is no webhook {id}.");
            }

            var url = request.Url is null
                ? Result<Uri>.Ok(new Uri(subscription.Url))
                : WebhookTargets.Check(request.Url, options.Value.Rules);
            var types = request.EventTypes is null
                ? Result<IReadOnlyList<string>>.Ok(subscription.Types)
                : WebhookEventTypes.Parse(request.EventTypes);
            if (!url.IsOk || !types.IsOk)
            {
                return Result<WebhookResponse>.Fail([.. url.Errors, .. types.Errors]);
            }

            var before = new
            {
                subscription.Url,
                subscription.Description,
                eventTypes = subscription.Types,
                subscription.Active,
            };
            var now = clock.GetUtcNow();
            subscription.Url = url.Value!.AbsoluteUri;
            subscription.Description = request.Description is null ? subscription.Description : CreateWebhook.Words(request.Description);
            subscription.EventTypes = string.Join(',', types.Value!);
            subscription.Active = request.Active ?? subscription.Active;
            string? secret = null;
            if (request.RotateSecret == true)
            {
                (secret, subscription.ProtectedSecret) = secrets.New();
                subscription.SecretRotatedAt = now;
            }

            db.Audit(
                now,
                actor.Name,
                "webhook.changed",
                $"webhook:{id}",
                request.Reason,
                new
                {
                    before,
                    after = new
                    {
                        subscription.Url,
                        subscription.Description,
                        eventTypes = subscription.Types,
                        subscription.Active,
                    },
                    secretRotated = secret is not null,
                }
            );
            await db.SaveChangesAsync(ct);
            var described = (await ListWebhooks.Describe(db, id, ct)).Single();
            return Result<WebhookResponse>.Ok(described with { Secret = secret });
        });
}
