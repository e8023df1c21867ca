using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using OpenAeo.Domain.Shared.Webhooks;

namespace OpenAeo.Platform.Webhooks;

/// <summary>What one round did: deliveries made from new events, and attempts that succeeded or failed.</summary>
internal sealed record DispatchRound(int Fanned, int Delivered, int Failed, string? Refusal = null);

/// <summary>
/// The only sender of webhooks (ADR 0037). Each round, under a lease so that several web nodes (or a CLI) never
/// post the same delivery at once: turns new audit entries that are events into deliveries, one per subscription
/// that wants the type (the outbox is the audit trail, written in the same transaction as each change), then posts
/// the deliveries that are due, signed, and records every attempt. A request that caused an event never waits for
/// a receiver. Delivery is at least once: a crash between the post and its record sends it again, with the same
/// <c>webhook-id</c>.
/// </summary>
internal sealed class WebhookDispatcher(
    IServiceScopeFactory scopes,
    DatabaseLeases leases,
    IHttpClientFactory http,
    WebhookSecrets secrets,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> log
)
{
    public const string HttpClientName = "webhooks";
    public const string LeaseName = "webhooks";

    /// <summary>An entry committed this long after it was stamped (a long transaction on PostgreSQL, whose ids are not in commit order) is
    /// still found.</summary>
    public static readonly TimeSpan LateCommitWindow = TimeSpan.FromMinutes(10);

    private const int FanOutBatch = 2_000;
    private const int SendBatch = 50;

    public async Task<DispatchRound> RunOnceAsync(CancellationToken ct)
    {
        // Most deployments have no subscription: a read, never a lease write, every round.
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (!await scope.ServiceProvider.GetRequiredService<OpenAeoDb>().WebhookSubscriptions().AnyAsync(ct))
            {
                return new DispatchRound(0, 0, 0);
            }
        }

        var attempt = await leases.TryAcquireAsync(LeaseName, ct);
        if (attempt.Held is not { } lease)
        {
            return new DispatchRound(0, 0, 0, attempt.Holder!.AlreadyRunning("Webhook delivery"));
        }

        await using (lease)
        {
            var fanned = await FanOutAsync(ct);
            var (delivered, failed) = await SendDueAsync(ct);
            return new DispatchRound(fanned, delivered, failed);
        }
    }

    /// <summary>Makes the deliveries of new events; the unique (subscription, audit entry) index makes it idempotent.</summary>
    private async Task<int> FanOutAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
        var subscriptions = await db.WebhookSubscriptions().ToListAsync(ct);
        if (subscriptions.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var since = subscriptions.Min(s => Math.Max(s.StartsAfterAuditId, 0));
        var fanned = subscriptions.Min(s => s.FannedThrough);
        var late = now - LateCommitWindow;
        var mark = Math.Max(since, fanned);

        // Only the actions some subscription wants are read.
        var actions = subscriptions.SelectMany(s => s.Types).Distinct().Select(t => WebhookEvents.ActionOf[t]).ToList();
        var exact = actions.Where(a => !a.EndsWith('.')).ToList();
        var steps = actions.Contains("application.");
        IQueryable<AuditEntry> Events() =>
            db.AuditEntries().AsNoTracking().Where(a => exact.Contains(a.Action) || (steps && a.Action.StartsWith("application.")));

        // New entries first, in their own batch, so that a busy late window (thousands of lodgings in ten minutes) never
        // holds them back; then the window's entries at or below the mark that have no delivery yet, committed late.
        var fresh = await Events().Where(a => a.Id > mark).OrderBy(a => a.Id).Take(FanOutBatch).ToListAsync(ct);
        var committedLate = await Events()
            .Where(a => a.Id > since && a.Id <= mark && a.At >= late && !db.WebhookDeliveries().Any(d => d.AuditEntryId == a.Id))
            .OrderBy(a => a.Id)
            .Take(FanOutBatch)
            .ToListAsync(ct);
        List<AuditEntry> entries = [.. committedLate, .. fresh];
        if (entries.Count == 0)
        {
            return 0;
        }

        var ids = entries.Select(e => e.Id).ToList();
        var existing = (
            await db.WebhookDeliveries()
                .AsNoTracking()
                .Where(d => ids.Contains(d.AuditEntryId))
                .Select(d => new { d.SubscriptionId, d.AuditEntryId })
                .ToListAsync(ct)
        )
            .Select(d => (d.SubscriptionId, d.AuditEntryId))
            .ToHashSet();
        var made = 0;
        foreach (var entry in entries)
        {
            if (WebhookEvents.FromAudit(entry.Action, entry.Subject, entry.Reason, entry.Details) is not { } e)
            {
                continue;
            }

            var payload = e.Payload(entry.At);
            foreach (
                var s in subscriptions.Where(s =>
                    entry.Id > s.StartsAfterAuditId && s.Types.Contains(e.Type) && !existing.Contains((s.Id, entry.Id))
                )
            )
            {
                db.WebhookDeliveries()
                    .Add(
                        new WebhookDelivery
                        {
                            SubscriptionId = s.Id,
                            AuditEntryId = entry.Id,
                            MessageId = "msg_" + Guid.NewGuid().ToString("N"),
                            EventType = e.Type,
                            Payload = payload,
                            CreatedAt = now,
                            Status = WebhookDeliveryStatus.Pending,
                            NextAttemptAt = now,
                        }
                    );
                made++;
            }
        }

        var last = fresh.Count > 0 ? fresh[^1].Id : mark;
        foreach (var s in subscriptions.Where(s => s.FannedThrough < last))
        {
            s.FannedThrough = last;
        }

        await db.SaveChangesAsync(ct);
        return made;
    }

    private async Task<(int Delivered, int Failed)> SendDueAsync(CancellationToken ct)
    {
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
            var now = clock.GetUtcNow();
            var active = db.WebhookSubscriptions().Where(s => s.Active).Select(s => s.Id);
            due = await db.WebhookDeliveries()
                .AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && active.Contains(d.SubscriptionId))
                .OrderBy(d => d.NextAttemptAt)
                .ThenBy(d => d.Id)
                .Select(d => d.Id)
                .Take(SendBatch)
                .ToListAsync(ct);
        }

        // A few at a time: one slow receiver holds one slot for its timeout, not the whole round.
        int delivered = 0,
            failed = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (id, token) =>
        {
            if (await SendAsync(id, token))
            {
                Interlocked.Increment(ref delivered);
            }
            else
            {
                Interlocked.Increment(ref failed);
            }
        });
        return (delivered, failed);
    }

    /// <summary>One attempt at one delivery, recorded with its answer; true when the receiver took it (2xx).</summary>
    private async Task<bool> SendAsync(long id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
        var delivery = await db.WebhookDeliveries().SingleAsync(d => d.Id == id, ct);
        var subscription = await db.WebhookSubscriptions().AsNoTracking().SingleAsync(s => s.Id == delivery.SubscriptionId, ct);
        var started = clock.GetTimestamp();
        var at = clock.GetUtcNow();
        int? status = null;
        string? response = null,
            error = null;
        try
        {
            var timestamp = at.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("webhook-id", delivery.MessageId);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(
                "webhook-signature",
                WebhookSignature.Sign(secrets.Read(subscription), delivery.MessageId, timestamp, delivery.Payload)
            );
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds)));
            using var answer = await http.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)answer.StatusCode;
            response = await FirstCharacters(answer, timeout.Token);
            if (!answer.IsSuccessStatusCode)
            {
                error = $"The receiver answered {status}.";
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"No answer within {options.Value.TimeoutSeconds} s.";
        }
        catch (Exception e)
            when (e
                    is HttpRequestException
                        or System.Security.Cryptography.CryptographicException
                        or InvalidOperationException
                        or IOException
            )
        {
            error = Clip(e.InnerException?.Message is { } inner ? $"{e.Message} {inner}" : e.Message, 1000);
        }

        var ok = error is null;
        var now = clock.GetUtcNow();
        delivery.Attempts++;
        delivery.LastStatusCode = status;
        delivery.LastError = error;
        if (ok)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
        }
        else if (WebhookRetries.NextAttempt(delivery.Attempts, now, Random.Shared.NextDouble()) is { } next)
        {
            delivery.NextAttemptAt = next;
        }
        else
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            log.LogWarning(
                "Webhook delivery {Id} to {Url} failed after {Attempts} attempts: {Error}",
                delivery.MessageId,
                subscription.Url,
                delivery.Attempts,
                error
            );
        }

        db.WebhookAttempts()
            .Add(
                new WebhookAttempt
                {
                    DeliveryId = delivery.Id,
                    At = at,
                    StatusCode = status,
                    Response = response,
                    Error = error,
                    DurationMs = (int)Math.Min(int.MaxValue, clock.GetElapsedTime(started).TotalMilliseconds),
                }
            );
        await db.SaveChangesAsync(CancellationToken.None);
        return ok;
    }

    private static async Task<string?> FirstCharacters(HttpResponseMessage answer, CancellationToken ct)
    {
        await using var body = await answer.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[WebhookAttempt.MaxResponseLength * 4];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        if (read == 0)
        {
            return null;
        }

        var text = new string([.. Encoding.UTF8.GetString(buffer, 0, read).Where(c => !char.IsControl(c) || c is '\n' or '\t')]);
        return Clip(text, WebhookAttempt.MaxResponseLength);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>
    /// The handler behind the webhook client: no redirects (a receiver could point OpenAeo anywhere with one), and each
    /// address a host name resolves to is checked when connecting, so a public name that resolves into a private
    /// network is refused unless private networks are allowed.
    /// </summary>
    public static SocketsHttpHandler Handler(WebhookOptions options) =>
        new()
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = async (context, ct) =>
            {
                var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
                    ? [literal]
                    : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
                var allowed = addresses.Where(a => options.AllowPrivateNetworks || WebhookTargets.IsPublic(a)).ToList();
                if (allowed.Count == 0)
                {
                    throw new HttpRequestException(
                        $"{context.DnsEndPoint.Host} resolves to no public address; Webhooks:AllowPrivateNetworks "
                            + "allows receivers on private networks."
                    );
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync([.. allowed], context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
}

/// <summary>Runs the dispatcher every <c>Webhooks:IntervalSeconds</c> in the server.</summary>
internal sealed class WebhookDispatcherService(
    WebhookDispatcher dispatcher,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcherService> log
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.IntervalSeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        do
        {
            try
            {
                var round = await dispatcher.RunOnceAsync(stoppingToken);
                if (round.Fanned + round.Delivered + round.Failed > 0)
                {
                    log.LogInformation(
                        "Webhooks: {Fanned} new deliveries, {Delivered} delivered, {Failed} attempts failed",
                        round.Fanned,
                        round.Delivered,
                        round.Failed
                    );
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next round tries again; deliveries and the fan-out are idempotent.
                log.LogError(e, "Webhook round failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

internal static class WebhookSetup
{
    public static IServiceCollection AddOpenAeoWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks");
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService<WebhookDispatcherService>();
        services
            .AddHttpClient(WebhookDispatcher.HttpClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("OpenAeo-Webhooks/1"))
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookDispatcher.Handler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value));
        return services;
    }
}
