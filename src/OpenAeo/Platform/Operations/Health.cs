using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenAeo.Platform.Analytics;

namespace OpenAeo.Platform.Operations;

/// <summary>
/// Three health addresses (ADR 0050), anonymous and never rate-limited. <c>/health</c> stays what it always was (the
/// process answers; benchmarks and existing probes use it). <c>/health/live</c> is the same for an orchestrator's
/// liveness probe: it checks no dependency, so a database outage takes nodes out of the load balancer but never
/// restarts them all. <c>/health/ready</c> runs every check tagged <see cref="ReadyTag"/> (the database with its
/// migrations, DuckDB, and what capabilities add, such as the node key) and answers 503 naming the failed ones.
/// </summary>
internal static class Health
{
    public const string ReadyTag = "ready";

    /// <summary>Long enough for a busy database, short enough for a probe that runs every few seconds.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddOpenAeoHealth(this IServiceCollection services)
    {
        services
            .AddHealthChecks()
            .AddCheck<DatabaseReady>("database", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<AnalyticsReady>("duckdb", tags: [ReadyTag], timeout: CheckTimeout);
        return services;
    }

    public static void MapOpenAeoHealth(this WebApplication app)
    {
        var none = new HealthCheckOptions { Predicate = _ => false };
        app.MapHealthChecks("/health", none).AllowAnonymous();
        app.MapHealthChecks("/health/live", none).AllowAnonymous();
        app.MapHealthChecks(
                "/health/ready",
                new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync }
            )
            .AllowAnonymous();
    }

    /// <summary>
    /// Each check's name, status and our own one-line description: never an exception's message, which could name a
    /// host, a path or a user to an anonymous caller (the exception goes to the log).
    /// </summary>
    private static Task WriteJsonAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report
                .Entries.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new
                {
                    name = e.Key,
                    status = e.Value.Status.ToString(),
                    description = e.Value.Exception is null ? e.Value.Description : "The check failed; the log says why.",
                }),
        };
        return JsonSerializer.SerializeAsync(http.Response.Body, body, cancellationToken: http.RequestAborted);
    }
}

/// <summary>The database answers and every migration this build knows is applied (a node ahead of its database serves errors).</summary>
internal sealed class DatabaseReady(OpenAeoDb db, ILogger<DatabaseReady> log) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("The database answers and its migrations are applied.")
                : HealthCheckResult.Unhealthy($"The database lacks {pending} migration(s) this version needs.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Readiness: the database does not answer");
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }
}

/// <summary>DuckDB opens with OpenAeo's settings, its spill folder included, and runs a query.</summary>
internal sealed class AnalyticsReady(AnalyticsDatabase analytics, ILogger<AnalyticsReady> log) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = analytics.Open();
            AnalyticsDatabase.Execute(connection, "SELECT 1");
            return Task.FromResult(HealthCheckResult.Healthy("DuckDB opens."));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Readiness: DuckDB does not open");
            return Task.FromResult(HealthCheckResult.Unhealthy("DuckDB does not open (its spill folder or its memory setting)."));
        }
    }
}
