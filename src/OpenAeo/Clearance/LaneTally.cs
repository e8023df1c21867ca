using OpenAeo.Domain.Clearance;
using OpenAeo.Platform.Operations;

namespace OpenAeo.Clearance;

/// <summary>
/// The lanes decided in one unit of work, counted into <see cref="OpenAeoMetrics"/> only once it is committed, so a
/// refused lodging or a rolled-back import counts nothing. One lodging and a whole import record the same way.
/// </summary>
internal sealed class LaneTally
{
    private readonly Dictionary<(Lane Lane, LaneCause? Cause), long> counts = [];

    public LaneTally Add(LaneDecision decision)
    {
        var key = (decision.Lane, decision.Causes.Count > 0 ? decision.Causes[0] : (LaneCause?)null);
        counts[key] = counts.GetValueOrDefault(key) + 1;
        return this;
    }

    /// <param name="source"><c>api</c> or <c>import</c>.</param>
    public void CountCommitted(string source)
    {
        foreach (var ((lane, cause), n) in counts)
        {
            var laneTag = new KeyValuePair<string, object?>("lane", lane.ToString());
            OpenAeoMetrics.DeclarationsLodged.Add(n, laneTag, new("source", source));
            OpenAeoMetrics.LanesAssigned.Add(n, laneTag, new("cause", cause?.ToString() ?? "None"));
        }
    }
}
