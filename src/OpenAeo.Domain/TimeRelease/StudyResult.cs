namespace OpenAeo.Domain.TimeRelease;

/// <summary>
/// Where every row of the input went. Each row is counted once, in the first of these that applies: rejected
/// (unreadable), missing start, censored (started, not ended by <paramref name="AsOf"/>, in a period), missing end,
/// negative, no period; the rest are the cells' <c>n</c>. Extreme values are among the counted rows: flagged, not removed.
/// </summary>
/// <param name="Censored">Declarations not ended by the end of the data: in the Kaplan–Meier medians, not in the complete-case
/// statistics.</param>
/// <param name="AsOf">The end of the data the study used (ISO 8601, UTC): given, or the latest timestamp it read.</param>
public sealed record DataQuality(
    long Rows,
    long RejectedRows,
    long MissingStart,
    long MissingEnd,
    long Negative,
    long NoPeriod,
    long FlaggedExtreme,
    long Censored = 0,
    string? AsOf = null
);

/// <summary>One grouping column's value in a cell; null when the file's cell was empty.</summary>
public sealed record GroupValue(string Column, string? Value);

/// <summary>One cell of the study: a combination of group values, before and after.</summary>
/// <param name="Ci">The cell's confidence intervals, once <see cref="Rigour.Apply"/> has run.</param>
/// <param name="Decomposition">The channel-mix decomposition of the change in mean, when the file has channels.</param>
public sealed record StudyCell(
    IReadOnlyList<GroupValue> Group,
    SideStatistics Before,
    SideStatistics After,
    CellIntervals? Ci = null,
    Decomposition? Decomposition = null
)
{
    public double? MeanRateOfChangePct => RateOfChange.Percent(Before.MeanSeconds, After.MeanSeconds);

    public double? MedianRateOfChangePct => RateOfChange.Percent(Before.MedianSeconds, After.MedianSeconds);
}

/// <summary>The share of a period's counted declarations in one channel, within the group without the channel column.</summary>
public sealed record ChannelShare(IReadOnlyList<GroupValue> Group, string Period, string? Channel, long Declarations, double Share);

/// <summary>A row left out because a value could not be read, located the way an editor shows it.</summary>
/// <param name="Line">The physical line in a CSV file (header = 1); the 1-based row number in a Parquet file.</param>
/// <param name="Column">1-based position of the column in the file; 0 when the whole row is unreadable.</param>
public sealed record RejectedRow(string File, long Line, int Column, string? ColumnName, string Reason)
{
    public override string ToString() => Column > 0 ? $"{File}:{Line}:{Column} ({ColumnName}): {Reason}" : $"{File}:{Line}: {Reason}";
}

public sealed record StudyResult(
    StudyDefinition Study,
    DataQuality DataQuality,
    IReadOnlyList<StudyCell> Cells,
    IReadOnlyList<ChannelShare> ChannelShares,
    IReadOnlyList<RejectedRow> Rejected,
    DifferenceInDifferences? Did = null
);

public enum Period
{
    Before,
    After,
}

/// <summary>The statistics of one (group, period) side with the channel counts behind it, as an engine computed them.</summary>
public sealed record SideResult(
    IReadOnlyList<string?> Group,
    Period Period,
    SideStatistics Statistics,
    IReadOnlyDictionary<string, long> Channels,
    long EmptyChannel
);

/// <summary>
/// Turns sides into the study's cells and channel shares. Shared by the reference calculation and the DuckDB
/// engine so both present results identically; what they must agree on is the sides.
/// </summary>
public static class StudyResults
{
    public static StudyResult Assemble(
        StudyDefinition study,
        DataQuality quality,
        IEnumerable<SideResult> sides,
        bool hasChannel,
        IReadOnlyList<RejectedRow> rejected
    )
    {
        var bySide = sides.ToList();
        var cells = bySide
            .GroupBy(s => s.Group, GroupComparer.Instance)
            .OrderBy(g => g.Key, GroupComparer.Instance)
            .Select(g => new StudyCell(
                Values(study.GroupBy, g.Key),
                g.FirstOrDefault(s => s.Period == Period.Before)?.Statistics ?? SideStatistics.NoRecords,
                g.FirstOrDefault(s => s.Period == Period.After)?.Statistics ?? SideStatistics.NoRecords
            ))
            .ToList();

        var shares = new List<ChannelShare>();
        if (hasChannel)
        {
            // Shares are within the group without its channel column: grouping by channel is what makes a share.
            var kept = study.GroupBy.Select((c, i) => (c, i)).Where(x => x.c != StudyDefinition.ChannelColumn).ToList();
            var columns = kept.Select(x => x.c).ToList();
            foreach (
                var byGroup in bySide
                    .GroupBy(s => (IReadOnlyList<string?>)kept.Select(x => s.Group[x.i]).ToList(), GroupComparer.Instance)
                    .OrderBy(g => g.Key, GroupComparer.Instance)
            )
            {
                foreach (var period in new[] { Period.Before, Period.After })
                {
                    var counts = new Dictionary<string, long>(StringComparer.Ordinal);
                    long empty = 0;
                    foreach (var side in byGroup.Where(s => s.Period == period))
                    {
                        foreach (var (channel, count) in side.Channels)
                        {
                            counts[channel] = counts.GetValueOrDefault(channel) + count;
                        }

                        empty += side.EmptyChannel;
                    }

                    var total = counts.Values.Sum() + empty;
                    if (total == 0)
                    {
                        continue;
                    }

                    var group = Values(columns, byGroup.Key);
                    var name = period == Period.Before ? "before" : "after";
                    shares.AddRange(
                        counts
                            .OrderBy(c => c.Key, StringComparer.Ordinal)
                            .Select(c => new ChannelShare(group, name, c.Key, c.Value, (double)c.Value / total))
                    );
                    if (empty > 0)
                    {
                        shares.Add(new ChannelShare(group, name, null, empty, (double)empty / total));
                    }
                }
            }
        }

        return new StudyResult(study, quality, cells, shares, rejected);
    }

    private static List<GroupValue> Values(IReadOnlyList<string> columns, IReadOnlyList<string?> values) =>
        columns.Select((c, i) => new GroupValue(c, values[i])).ToList();

    /// <summary>A side's key, its group (as <see cref="GroupComparer"/>) and period.</summary>
    public sealed class SideComparer : IEqualityComparer<(IReadOnlyList<string?> Group, Period Period)>
    {
        public static readonly SideComparer Instance = new();

        public bool Equals((IReadOnlyList<string?> Group, Period Period) x, (IReadOnlyList<string?> Group, Period Period) y) =>
            x.Period == y.Period && GroupComparer.Instance.Equals(x.Group, y.Group);

        public int GetHashCode((IReadOnlyList<string?> Group, Period Period) obj) =>
            HashCode.Combine(obj.Period, GroupComparer.Instance.GetHashCode(obj.Group));
    }

    /// <summary>Orders and compares group values ordinally, empty values last.</summary>
    public sealed class GroupComparer : IEqualityComparer<IReadOnlyList<string?>>, IComparer<IReadOnlyList<string?>>
    {
        public static readonly GroupComparer Instance = new();

        public bool Equals(IReadOnlyList<string?>? x, IReadOnlyList<string?>? y) => Compare(x, y) == 0;

        public int GetHashCode(IReadOnlyList<string?> obj)
        {
            var hash = new HashCode();
            foreach (var v in obj)
            {
                hash.Add(v, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }

        public int Compare(IReadOnlyList<string?>? x, IReadOnlyList<string?>? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                var c = (x[i], y[i]) switch
                {
                    (null, null) => 0,
                    (null, _) => 1,
                    (_, null) => -1,
                    var (a, b) => string.CompareOrdinal(a, b),
                };
                if (c != 0)
                {
                    return c;
                }
            }

            return x.Count.CompareTo(y.Count);
        }
    }
}
