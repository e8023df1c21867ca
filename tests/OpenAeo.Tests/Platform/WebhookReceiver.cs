using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenAeo.Tests.Platform;

/// <summary>One request a receiver got: the three Standard Webhooks headers and the raw body.</summary>
internal sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body)
{
    /// <summary>The body as the event a receiver reads.</summary>
    public WebhookEvent Event => Api.Parse<WebhookEvent>(Body);

    /// <summary>Checks the signature as a receiver does, written here without OpenAeo's code: HMAC-SHA256 keyed by the secret's
    /// bytes.</summary>
    public bool SignedWith(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}")));
        return Signature.Split(' ').Any(s => s == "v1," + expected);
    }
}

/// <summary>
/// A webhook receiver on a loopback port (real Kestrel), answering each request with the next status of a script
/// (200 once the script is used up), and keeping what it got.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> script;

    private WebhookReceiver(WebApplication app, IEnumerable<int> statuses)
    {
        this.app = app;
        script = new ConcurrentQueue<int>(statuses);
    }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> Start(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var receiver = new WebhookReceiver(builder.Build(), statuses);
        receiver.app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            receiver.Received.Enqueue(
                new ReceivedWebhook(
                    request.Headers["webhook-id"].ToString(),
                    request.Headers["webhook-timestamp"].ToString(),
                    request.Headers["webhook-signature"].ToString(),
                    await reader.ReadToEndAsync()
                )
            );
            var status = receiver.script.TryDequeue(out var next) ? next : 200;
            return Results.Text(status == 200 ? "thanks" : "receiver is down for maintenance", statusCode: status);
        });
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
