using System.Diagnostics.Metrics;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Platform.Operations;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// The status log's size for <see cref="OpenAeoMetrics.StatusLogSize"/>: the largest signed tree head, one primary-key
/// look-up.
/// </summary>
internal sealed class StatusLogSizeReading : IGaugeReading
{
    public string Gauge => OpenAeoMetrics.StatusLogSize;

    public IEnumerable<Measurement<double>> Measure(OpenAeoDb db, DateTimeOffset now) =>
        [new(db.LogTreeHeads().Max(h => (long?)h.TreeSize) ?? 0)];
}

/// <summary>
/// <see cref="OpenAeoMetrics.ReplicationLag"/> from what the replicator stores on each partner it still pulls: the time of
/// its last verified round (or of its registration, before the first), tagged with the partner's economy.
/// </summary>
internal sealed class ReplicationLagReading : IGaugeReading
{
    public string Gauge => OpenAeoMetrics.ReplicationLag;

    public IEnumerable<Measurement<double>> Measure(OpenAeoDb db, DateTimeOffset now) =>
        db.Partners()
            .Where(p => p.Health != PartnerHealth.Retired)
            .Select(p => new
            {
                p.Economy,
                p.LastSuccessAt,
                p.CreatedAt,
            })
            .AsEnumerable()
            .Select(p => new Measurement<double>(
                Math.Max(0, (now - (p.LastSuccessAt ?? p.CreatedAt)).TotalSeconds),
                new KeyValuePair<string, object?>("partner", p.Economy)
            ))
            .ToList();
}
