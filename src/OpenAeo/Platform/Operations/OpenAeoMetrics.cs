using System.Diagnostics.Metrics;

namespace OpenAeo.Platform.Operations;

/// <summary>
/// OpenAeo's own instruments, all of them, in the meter <see cref="MeterName"/> (ADR 0050). Capabilities record the
/// counters and the histogram where the work is committed, and give the observable gauges their readings through
/// <see cref="IGaugeReading"/>, so this file names no capability. With no exporter configured nothing listens to the
/// meter, and recording costs one check of a flag.
/// </summary>
internal sealed class OpenAeoMetrics : IDisposable
{
    public const string MeterName = "OpenAeo";

    /// <summary>The status log's size, from the latest signed tree head (never a count of its rows).</summary>
    public const string StatusLogSize = "openaeo.status_log.size";

    /// <summary>Per partner, seconds since its log was last pulled and verified (since it was registered, before the first).</summary>
    public const string ReplicationLag = "openaeo.replication.lag";

    /// <summary>E-mails in the outbox not sent, by <c>state</c>: <c>pending</c> (waiting for an attempt) or <c>failed</c> (given
    /// up).</summary>
    public const string MailOutbox = "openaeo.mail.outbox";

    private static readonly Meter Shared = new(MeterName);

    /// <summary>Declarations stored, by <c>lane</c> and <c>source</c> (<c>api</c> for one lodging, <c>import</c> for a file).</summary>
    public static readonly Counter<long> DeclarationsLodged = Shared.CreateCounter<long>(
        "openaeo.declarations.lodged",
        "{declaration}",
        "Declarations stored, by lane and by how they came (api, import)."
    );

    /// <summary>Lanes decided by selectivity, by <c>lane</c> and by the strongest <c>cause</c> that set it (none for Green).</summary>
    public static readonly Counter<long> LanesAssigned = Shared.CreateCounter<long>(
        "openaeo.lanes.assigned",
        "{lane}",
        "Lanes decided by selectivity, by lane and by what set it (Score, ForcedByRule, Random, agencies, e-commerce; None)."
    );

    /// <summary>How long a time release study ran in the study runner, by its final <c>status</c>.</summary>
    public static readonly Histogram<double> StudyDuration = Shared.CreateHistogram(
        "openaeo.study.duration",
        "s",
        "Time release studies, from start to result, by final status.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800] }
    );

    /// <summary>Writes each shared commit of concurrent lodgings carried (ADR 0057): how well group commit groups under the
    /// load of the moment; one a commit means every lodging paid for a commit of its own.</summary>
    public static readonly Histogram<int> WritesPerCommit = Shared.CreateHistogram(
        "openaeo.writes.per_commit",
        "{write}",
        "Writes (lodgings) carried by each shared commit of concurrent callers.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] }
    );

    // The gauges read the database, so they belong to one host (and its service provider), not to the process.
    private readonly Meter meter;

    public OpenAeoMetrics(
        IMeterFactory meters,
        IServiceScopeFactory scopes,
        TimeProvider clock,
        IEnumerable<IGaugeReading> readings,
        ILogger<OpenAeoMetrics> log
    )
    {
        meter = meters.Create(MeterName);
        var byGauge = readings.ToLookup(r => r.Gauge, StringComparer.Ordinal);
        IEnumerable<Measurement<double>> Observe(string gauge)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
                var now = clock.GetUtcNow();
                return [.. byGauge[gauge].SelectMany(r => r.Measure(db, now))];
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A scrape during a database outage reports no value rather than failing the whole scrape.
                log.LogWarning(e, "Metrics: {Gauge} could not be read", gauge);
                return [];
            }
        }

        meter.CreateObservableGauge(StatusLogSize, () => Observe(StatusLogSize), "{entry}", "Entries in this node's signed status log.");
        meter.CreateObservableGauge(
            ReplicationLag,
            () => Observe(ReplicationLag),
            "s",
            "Seconds since each partner's log was last verified."
        );
        meter.CreateObservableGauge(MailOutbox, () => Observe(MailOutbox), "{mail}", "E-mails not sent: pending or failed (given up).");
    }

    public void Dispose() => meter.Dispose();
}

/// <summary>
/// A reading of one of <see cref="OpenAeoMetrics"/>' gauges, by the capability that owns the data; it must be cheap (an
/// index look-up).
/// </summary>
internal interface IGaugeReading
{
    /// <summary><see cref="OpenAeoMetrics.StatusLogSize"/>, <see cref="OpenAeoMetrics.ReplicationLag"/> or
    /// <see cref="OpenAeoMetrics.MailOutbox"/>.</summary>
    string Gauge { get; }

    IEnumerable<Measurement<double>> Measure(OpenAeoDb db, DateTimeOffset now);
}
