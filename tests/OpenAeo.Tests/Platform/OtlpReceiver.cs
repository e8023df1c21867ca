using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// An OTLP/HTTP receiver on a loopback port (real Kestrel): it takes what an exporter posts to <c>/v1/traces</c> and
/// <c>/v1/metrics</c> (protobuf, as <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c> sends it), answers 200 as a collector
/// does, and keeps the bodies by signal. The OpenTelemetry Collector is not a Debian package; this is the part of it the
/// exporter talks to.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private OtlpReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<(string Signal, string ContentType, byte[] Body)> Received { get; } = new();

    public string Url { get; private set; } = "";

    public static async Task<OtlpReceiver> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var receiver = new OtlpReceiver(builder.Build());
        receiver.app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.Received.Enqueue((signal, request.ContentType ?? "", body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await receiver.app.StartAsync();
        receiver.Url = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>Whether some body of <paramref name="signal"/> holds <paramref name="text"/> (protobuf keeps strings as UTF-8
    /// bytes).</summary>
    public bool Holds(string signal, string text)
    {
        var wanted = System.Text.Encoding.UTF8.GetBytes(text);
        return Received.Any(r => r.Signal == signal && r.Body.AsSpan().IndexOf(wanted) >= 0);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
