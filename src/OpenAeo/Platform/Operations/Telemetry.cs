using System.Net;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Permission = OpenAeo.Domain.Registry.Permission;
using Permissions = OpenAeo.Domain.Registry.Permissions;

namespace OpenAeo.Platform.Operations;

/// <summary>
/// OpenTelemetry (ADR 0050): traces and metrics of ASP.NET Core, HttpClient, Npgsql, the .NET runtime and
/// <see cref="OpenAeoMetrics"/>, exported by OTLP when an endpoint is configured and served for Prometheus at
/// <c>/metrics</c> when <c>Metrics:Prometheus</c> is true. With neither, OpenTelemetry is not registered at all: no
/// listener, no exporter, nothing per request.
/// </summary>
internal static class Telemetry
{
    public const string PrometheusSetting = "Metrics:Prometheus";
    public const string OtlpEndpointSetting = "OpenTelemetry:Otlp:Endpoint";

    /// <summary>The standard variable every OpenTelemetry SDK reads; honoured as the setting's alternative.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string MetricsPath = "/metrics";

    /// <summary>Decided from the settings as the host is built: what is not configured is not registered.</summary>
    public static WebApplicationBuilder AddOpenAeoTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var endpoint = configuration[OtlpEndpointSetting] is { Length: > 0 } e ? e : null;
        var otlp = endpoint is not null || configuration[OtlpEndpointVariable] is { Length: > 0 };
        var prometheus = configuration.GetValue(PrometheusSetting, false);
        builder.Services.AddSingleton(new TelemetrySettings(prometheus, otlp));
        builder.Services.AddSingleton<OpenAeoMetrics>();
        if (!prometheus && !otlp)
        {
            return builder;
        }

        void Otlp(OtlpExporterOptions o)
        {
            // Without the setting the exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself.
            if (endpoint is not null)
            {
                o.Endpoint = new Uri(endpoint);
            }
        }

        var telemetry = builder
            .Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("openaeo", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m =>
            {
                m.AddMeter(OpenAeoMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                Npgsql.MeterProviderBuilderExtensions.AddNpgsqlInstrumentation(m);
                if (prometheus)
                {
                    m.AddPrometheusExporter();
                }

                if (otlp)
                {
                    m.AddOtlpExporter(Otlp);
                }
            });
        if (otlp)
        {
            // Probes and scrapes every few seconds would bury the traces people look for.
            telemetry.WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path)).AddHttpClientInstrumentation();
                Npgsql.TracerProviderBuilderExtensions.AddNpgsql(t).AddOtlpExporter(Otlp);
            });
        }

        return builder;
    }

    /// <summary>
    /// Creates the gauges and, when Prometheus is on, maps <c>/metrics</c> for an administrator (API key or session) from
    /// anywhere, or for anyone connecting from this machine directly (a Prometheus or collector beside the node) — not
    /// through a proxy, whose requests carry forwarded headers. Off, the address answers 404 like any unknown one.
    /// </summary>
    public static void MapOpenAeoMetrics(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<OpenAeoMetrics>();
        if (!app.Services.GetRequiredService<TelemetrySettings>().Prometheus)
        {
            return;
        }

        var administrators = Permissions.RolesFor(Permission.Administer).Select(r => r.ToString()).ToArray();
        app.MapPrometheusScrapingEndpoint(MetricsPath)
            .RequireAuthorization(p =>
                p.RequireAssertion(ctx =>
                    administrators.Any(ctx.User.IsInRole) || (ctx.Resource is HttpContext http && FromThisMachineDirectly(http))
                )
            );
    }

    /// <summary>A loopback connection with no sign of a proxy (a forwarded header applied or ignored).</summary>
    public static bool FromThisMachineDirectly(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address
        && IPAddress.IsLoopback(address)
        && !http.Request.Headers.ContainsKey("X-Forwarded-For")
        && !http.Request.Headers.ContainsKey("X-Original-For");

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);
}

/// <summary>What <see cref="Telemetry.AddOpenAeoTelemetry"/> found configured.</summary>
internal sealed record TelemetrySettings(bool Prometheus, bool Otlp);
