namespace OpenAeo.Domain.TimeRelease;

/// <summary>A confidence interval [Low, High].</summary>
public sealed record Interval(double Low, double High)
{
    public bool Contains(double value) => Low <= value && value <= High;
}

/// <summary>The median's interval (order statistics, read off the bins outward) and the mean's (bootstrap) on one side.</summary>
public sealed record SideIntervals(Interval? Median, Interval? Mean);

public sealed record CellIntervals(
    double Level,
    SideIntervals Before,
    SideIntervals After,
    Interval? MedianRateOfChangePct,
    Interval? MeanRateOfChangePct
);

/// <summary>
/// Shift-share of the change in a group's mean: <c>total = mix + within + interaction</c>, with
/// mix = Σ (s′ − s) m, within = Σ s (m′ − m), interaction = Σ (s′ − s)(m′ − m) over channels (s the share, m the mean).
/// </summary>
public sealed record Decomposition(
    double TotalSeconds,
    double MixSeconds,
    double WithinSeconds,
    double InteractionSeconds,
    Interval? TotalCi,
    Interval? MixCi,
    Interval? WithinCi,
    Interval? InteractionCi
);

/// <summary>One month of the event-study view: the treated and control medians, months counted from the split's month.</summary>
public sealed record DidMonth(
    int Relative,
    int Year,
    int Month,
    long TreatedN,
    double? TreatedMedianSeconds,
    long ControlN,
    double? ControlMedianSeconds
);

/// <summary>
/// The difference-in-differences of a study: treated and control, before and after, over all cells. Medians are read
/// off the 0.5 % bins (ADR 0021).
/// </summary>
/// <param name="MedianRatio">(treated after / before) ÷ (control after / before): 0.7 is a 30 % larger fall for the treated.</param>
/// <param name="MeanLogDiff">Change in mean log duration, treated minus control: about the relative effect on the typical duration.</param>
public sealed record DifferenceInDifferences(
    string Treated,
    string Control,
    double Level,
    long TreatedBeforeN,
    long TreatedAfterN,
    long ControlBeforeN,
    long ControlAfterN,
    double? TreatedBeforeMedianSeconds,
    double? TreatedAfterMedianSeconds,
    double? ControlBeforeMedianSeconds,
    double? ControlAfterMedianSeconds,
    double? MedianRatio,
    Interval? MedianRatioCi,
    double? MeanLogDiff,
    Interval? MeanLogDiffCi,
    IReadOnlyList<DidMonth> Months
);

/// <summary>
/// Confidence intervals, channel-mix decomposition and difference-in-differences from a study's
/// <see cref="RigourCounts"/> (ADR 0021). Every bootstrap replicate draws one multinomial weight per occupied
/// bootstrap unit and applies it to every cell and arm at once, so an importer seen before and after (or in both
/// arms) moves together, as a cluster bootstrap must. Intervals are percentile intervals.
/// </summary>
public static class Rigour
{
    /// <summary>A decomposition needs channels, and channels that are not themselves the cells.</summary>
    public static bool Decomposes(StudyDefinition study, bool hasChannel) =>
        hasChannel && !study.GroupBy.Contains(StudyDefinition.ChannelColumn);

    public static StudyResult Apply(StudyResult result, RigourCounts counts, RigourOptions options, bool decompose)
    {
        var units = counts
            .Cells.Values.SelectMany(c => c.Channels.Keys.Select(k => k.Unit))
            .Concat(counts.Treated.Bins.Keys.Select(k => k.Unit))
            .Concat(counts.Control.Bins.Keys.Select(k => k.Unit))
            .Distinct()
            .Order()
            .ToArray();
        var resampling = new Resampling(units, options);
        var cells = result
            .Cells.Select(cell =>
            {
                var group = cell.Group.Select(g => g.Value).ToList();
                return counts.Cells.TryGetValue(group, out var c) ? CellRigour(cell, c, resampling, decompose) : cell;
            })
            .ToList();
        var did = options.Treated is { } treated ? Did(counts, treated, options.Control, result.Study.Split, resampling) : null;
        return result with { Cells = cells, Did = did };
    }

    /// <summary>The median window of every side of every cell, from its histogram (the engine asks for them between its two
    /// passes).</summary>
    public static Dictionary<(IReadOnlyList<string?> Group, Period Period), MedianWindow> Windows(RigourCounts counts) =>
        counts
            .Cells.SelectMany(c => c.Value.Histograms.Select(h => (Key: (c.Key, h.Key), Window: MedianWindow.Of(h.Value))))
            .ToDictionary(x => x.Key, x => x.Window);

    /// <summary>
    /// Whether a study needs the per-unit counts (the engine's second pass): for a bootstrap or a difference-in-differences.
    /// Without, a cell has the order-statistic intervals of its medians only, from its histograms.
    /// </summary>
    public static bool NeedsUnits(RigourOptions options) => options.Bootstrap > 0 || options.Treated is not null;

    private static StudyCell CellRigour(StudyCell cell, CellCounts counts, Resampling resampling, bool decompose)
    {
        var units = resampling.UsesUnits;
        Side Of(Period period)
        {
            var histogram = counts.Histograms.GetValueOrDefault(period) ?? [];
            if (!units)
            {
                return Side.From([], histogram.Select(h => (0, h.Key, new UnitSums(h.Value, 0, 0))));
            }

            var window = MedianWindow.Of(histogram);
            var bins = counts
                .Bins.Where(k => k.Key.Period == period)
                .GroupBy(k => (k.Key.Unit, Bin: window.Place(k.Key.Bin)), k => k.Value)
                .Select(g => (g.Key.Unit, g.Key.Bin, new UnitSums(g.Sum(), 0, 0)));
            return Side.From(counts.Channels.Where(k => k.Key.Period == period).Select(k => (k.Key.Unit, k.Key.Channel, k.Value)), bins);
        }

        decompose &= units;

        var before = Of(Period.Before);
        var after = Of(Period.After);
        var level = resampling.Level;

        // The exact medians' ratio moves with the binned one: the replicates' binned ratios, scaled by exact ÷ binned.
        var exactRatio = Ratio(cell.Before.MedianSeconds, cell.After.MedianSeconds);
        var ratioCi = exactRatio is null ? null : resampling.Ci(w => Ratio(before.Median(w), after.Median(w)));
        var binnedRatio = Ratio(before.Median(null), after.Median(null));
        var ci = new CellIntervals(
            level,
            new SideIntervals(before.MedianInterval(level), MeanCi(resampling, before)),
            new SideIntervals(after.MedianInterval(level), MeanCi(resampling, after)),
            ratioCi is null || binnedRatio is not { } binned
                ? null
                : new Interval((exactRatio!.Value / binned * ratioCi.Low - 1) * 100, (exactRatio.Value / binned * ratioCi.High - 1) * 100),
            MeanRateCi(resampling, before, after)
        );

        Decomposition? decomposition = null;
        var channels = before.ChannelNames.Union(after.ChannelNames).Order(StringComparer.Ordinal).ToArray();
        if (decompose && Decompose(before.Channels(channels, null), after.Channels(channels, null)) is { } full)
        {
            // One decomposition per replicate gives all four parts' replicates (not one sweep per part).
            var parts = resampling.Cis(4, w =>
                Decompose(before.Channels(channels, w), after.Channels(channels, w)) is { } d
                    ? [d.Total, d.Mix, d.Within, d.Interaction]
                    : null
            );
            decomposition = new Decomposition(full.Total, full.Mix, full.Within, full.Interaction, parts[0], parts[1], parts[2], parts[3]);
        }

        return cell with
        {
            Ci = ci,
            Decomposition = decomposition,
        };
    }

    /// <summary>
    /// The mean's interval: studentised on the log scale when the mean is positive (ADR 0034), else BCa on the
    /// seconds (a signed stage's mean can be zero or negative, where the log does not exist).
    /// </summary>
    private static Interval? MeanCi(Resampling resampling, Side side) =>
        side.Mean(null) is > 0
            ? resampling.StudentisedCi(w => LogMeanRatio(null, side, w)) is { } log
                ? new Interval(Math.Exp(log.Low), Math.Exp(log.High))
                : null
            : resampling.Ci(side.Mean);

    /// <summary>The rate of change of the mean, in percent: studentised on log(after ÷ before) when both means are positive (ADR
    /// 0034).</summary>
    private static Interval? MeanRateCi(Resampling resampling, Side before, Side after) =>
        before.Mean(null) is > 0 && after.Mean(null) is > 0
            ? resampling.StudentisedCi(w => LogMeanRatio(before, after, w)) is { } log
                ? new Interval((Math.Exp(log.Low) - 1) * 100, (Math.Exp(log.High) - 1) * 100)
                : null
            : resampling.Ci(w => RateOfChange.Percent(before.Mean(w), after.Mean(w)));

    /// <summary>
    /// log(mean after ÷ mean before) under the weights (log mean after alone without a before) and its standard error
    /// by linearisation over the bootstrap units: a mean is a ratio Σ sum ÷ Σ n, so a unit's influence on its log is
    /// (sum − mean × n) ÷ Σ sum, and a unit drawn w times is w independent clusters. Units carry both periods, so an
    /// importer seen before and after counts once, with the difference of its two influences.
    /// </summary>
    private static (double Value, double Se)? LogMeanRatio(Side? before, Side after, int[]? w)
    {
        var (nA, sA) = after.Totals(w);
        if (nA <= 0 || sA <= 0)
        {
            return null;
        }

        var (nB, sB) = before?.Totals(w) ?? (1, 1);
        if (nB <= 0 || sB <= 0)
        {
            return null;
        }

        var (mA, mB) = (sA / nA, sB / nB);
        var variance = 0.0;
        for (var u = 0; u < BootstrapUnits.Count; u++)
        {
            var weight = w is null ? 1 : w[u];
            if (weight == 0)
            {
                continue;
            }

            var d = after.Influence(u, mA, sA) - (before?.Influence(u, mB, sB) ?? 0);
            variance += weight * d * d;
        }

        return (Math.Log(mA) - (before is null ? 0 : Math.Log(mB)), Math.Sqrt(variance));
    }

    /// <summary>
    /// Shift-share over channels given each channel's (declarations, summed seconds) before and after. A channel
    /// present on one side only has no mean on the other; its mean is taken from the side where it exists, so its
    /// whole contribution is mix (declarations moved into or out of it). Null when either side is empty.
    /// </summary>
    public static (double Total, double Mix, double Within, double Interaction)? Decompose(
        IReadOnlyList<(double N, double Sum)> before,
        IReadOnlyList<(double N, double Sum)> after
    )
    {
        double nb = 0,
            na = 0,
            sumB = 0,
            sumA = 0;
        for (var i = 0; i < before.Count; i++)
        {
            (nb, sumB, na, sumA) = (nb + before[i].N, sumB + before[i].Sum, na + after[i].N, sumA + after[i].Sum);
        }

        if (nb <= 0 || na <= 0)
        {
            return null;
        }

        double mix = 0,
            within = 0,
            interaction = 0;
        for (var i = 0; i < before.Count; i++)
        {
            var (sb, sa) = (before[i].N / nb, after[i].N / na);
            var mb =
                before[i].N > 0 ? before[i].Sum / before[i].N
                : after[i].N > 0 ? after[i].Sum / after[i].N
                : 0;
            var ma = after[i].N > 0 ? after[i].Sum / after[i].N : mb;
            mix += (sa - sb) * mb;
            within += sb * (ma - mb);
            interaction += (sa - sb) * (ma - mb);
        }

        return (sumA / na - sumB / nb, mix, within, interaction);
    }

    private static DifferenceInDifferences Did(
        RigourCounts counts,
        ArmFilter treated,
        ArmFilter? control,
        DateOnly split,
        Resampling resampling
    )
    {
        Side Of(ArmCounts arm, Period period) =>
            Side.From([], arm.Bins.Where(k => k.Key.Period == period).Select(k => (k.Key.Unit, k.Key.Bin, k.Value)));
        var (tb, ta, cb, ca) = (
            Of(counts.Treated, Period.Before),
            Of(counts.Treated, Period.After),
            Of(counts.Control, Period.Before),
            Of(counts.Control, Period.After)
        );
        double? MedianRatio(int[]? w) => Ratio(Ratio(cb.Median(w), ca.Median(w)), Ratio(tb.Median(w), ta.Median(w)));
        double? MeanLogDiff(int[]? w) =>
            tb.MeanLog(w) is { } a && ta.MeanLog(w) is { } b && cb.MeanLog(w) is { } c && ca.MeanLog(w) is { } d ? b - a - (d - c) : null;
        var splitMonth = split.Year * 12 + split.Month - 1;
        var months = counts
            .Treated.Months.Keys.Select(k => k.Month)
            .Union(counts.Control.Months.Keys.Select(k => k.Month))
            .Order()
            .Select(m =>
            {
                var t = MonthBins(counts.Treated, m);
                var c = MonthBins(counts.Control, m);
                return new DidMonth(
                    m - splitMonth,
                    m / 12,
                    m % 12 + 1,
                    (long)t.Sum(x => x.Count),
                    BinnedQuantile(t, 0.5),
                    (long)c.Sum(x => x.Count),
                    BinnedQuantile(c, 0.5)
                );
            })
            .ToList();
        return new DifferenceInDifferences(
            treated.ToString(),
            control?.ToString() ?? $"not {treated}",
            resampling.Level,
            tb.N,
            ta.N,
            cb.N,
            ca.N,
            tb.Median(null),
            ta.Median(null),
            cb.Median(null),
            ca.Median(null),
            MedianRatio(null),
            resampling.Ci(MedianRatio),
            MeanLogDiff(null),
            resampling.Ci(MeanLogDiff),
            months
        );
    }

    private static List<(int Bin, double Count)> MonthBins(ArmCounts arm, int month) =>
        [.. arm.Months.Where(k => k.Key.Month == month).Select(k => (k.Key.Bin, (double)k.Value)).OrderBy(x => x.Item1)];

    /// <summary>The q-quantile of a histogram over bins (sorted by bin), interpolating linearly inside the bin that holds it.</summary>
    public static double? BinnedQuantile(IReadOnlyList<(int Bin, double Count)> bins, double q)
    {
        var total = bins.Sum(b => b.Count);
        if (total <= 0)
        {
            return null;
        }

        var target = q * total;
        double below = 0;
        foreach (var (bin, count) in bins)
        {
            if (count > 0 && below + count >= target)
            {
                var lower = DurationBins.Lower(bin);
                return lower + (DurationBins.Upper(bin) - lower) * ((target - below) / count);
            }

            below += count;
        }

        return DurationBins.Upper(bins[^1].Bin);
    }

    private static double? Ratio(double? before, double? after) => before is > 0 && after is > 0 ? after / before : null;

    /// <summary>
    /// The bootstrap of one study: the replicates' weights (multinomial over the occupied units, one weight per unit,
    /// shared by every statistic so cells and arms move together) and the jackknife's (each occupied unit left out),
    /// which gives the BCa interval its acceleration. BCa rather than plain percentiles: a ratio of skewed durations
    /// has a skewed sampling distribution, and the percentile interval then under-covers (ADR 0021).
    /// </summary>
    private sealed class Resampling
    {
        private readonly int[][] replicates;
        private readonly int[][] jackknife;

        public Resampling(int[] units, RigourOptions options)
        {
            Level = options.Level;
            UsesUnits = NeedsUnits(options);
            var random = new SplitMix(options.Seed);
            replicates = new int[options.Bootstrap][];
            for (var b = 0; b < options.Bootstrap; b++)
            {
                var w = new int[BootstrapUnits.Count];
                for (var i = 0; i < units.Length; i++)
                {
                    w[units[random.Below(units.Length)]]++;
                }

                replicates[b] = w;
            }

            jackknife =
                options.Bootstrap == 0
                    ? []
                    :
                    [
                        .. units.Select(u =>
                        {
                            var w = Enumerable.Repeat(1, BootstrapUnits.Count).ToArray();
                            w[u] = 0;
                            return w;
                        }),
                    ];
        }

        public double Level { get; }

        public bool UsesUnits { get; }

        /// <summary>The BCa interval of a statistic of the weights (null weights: the sample itself); null without bootstrap or
        /// data.</summary>
        public Interval? Ci(Func<int[]?, double?> statistic)
        {
            if (replicates.Length < 2 || statistic(null) is not { } estimate || !double.IsFinite(estimate))
            {
                return null;
            }

            var values = new List<double>(replicates.Length);
            foreach (var w in replicates)
            {
                if (statistic(w) is { } v && double.IsFinite(v))
                {
                    values.Add(v);
                }
            }

            var leftOut = jackknife.Select(statistic).OfType<double>().Where(double.IsFinite).ToList();
            return Bca(estimate, values, replicates.Length, leftOut, Level);
        }

        /// <summary>
        /// The BCa intervals of <paramref name="count"/> statistics computed together (one pass over the replicates for
        /// all of them, when they share their work, as the parts of a decomposition do).
        /// </summary>
        public Interval?[] Cis(int count, Func<int[]?, double[]?> statistics)
        {
            var found = new Interval?[count];
            if (replicates.Length < 2 || statistics(null) is not { } estimates)
            {
                return found;
            }

            List<double>[] Collect(int[][] weights)
            {
                var collected = Enumerable.Range(0, count).Select(_ => new List<double>(weights.Length)).ToArray();
                foreach (var w in weights)
                {
                    if (statistics(w) is not { } v)
                    {
                        continue;
                    }

                    for (var i = 0; i < count; i++)
                    {
                        if (double.IsFinite(v[i]))
                        {
                            collected[i].Add(v[i]);
                        }
                    }
                }

                return collected;
            }

            var values = Collect(replicates);
            var leftOut = Collect(jackknife);
            for (var i = 0; i < count; i++)
            {
                found[i] = double.IsFinite(estimates[i]) ? Bca(estimates[i], values[i], replicates.Length, leftOut[i], Level) : null;
            }

            return found;
        }

        /// <summary>The studentised interval of a statistic that comes with its standard error (null weights: the sample itself).</summary>
        public Interval? StudentisedCi(Func<int[]?, (double Value, double Se)?> statistic)
        {
            if (replicates.Length < 2 || statistic(null) is not var (estimate, se) || !double.IsFinite(estimate))
            {
                return null;
            }

            var t = new List<double>(replicates.Length);
            foreach (var w in replicates)
            {
                if (statistic(w) is var (v, s) && s > 0 && double.IsFinite(v))
                {
                    t.Add((v - estimate) / s);
                }
            }

            return Studentised(estimate, se, t, replicates.Length, Level);
        }
    }

    /// <summary>
    /// The studentised (bootstrap-t) interval (Efron and Tibshirani 1993, ch. 12; Hall 1988) of a statistic given
    /// with its standard error: t* = (θ* − θ̂) ÷ se* over the replicates, and [θ̂ − t*₍₁₋α/₂₎ se, θ̂ − t*₍α/₂₎ se].
    /// Second-order accurate like BCa, and better than BCa for means of skewed durations at a few hundred clusters,
    /// because each replicate's spread is its own (ADR 0034). Null under the same rule as <see cref="Bca"/>.
    /// </summary>
    public static Interval? Studentised(double estimate, double se, IReadOnlyList<double> t, int drawn, double level)
    {
        if (t.Count < 2 || t.Count < 0.9 * drawn || !(se > 0))
        {
            return null;
        }

        var sorted = t.Select(Math.Abs).Order().ToArray();
        var half = Percentile(sorted, level) * se;
        return new Interval(estimate - half, estimate + half);
    }

    /// <summary>The p-quantile of sorted values, interpolating linearly between closest ranks.</summary>
    private static double Percentile(double[] sorted, double p)
    {
        var rank = (sorted.Length - 1) * Math.Clamp(p, 0, 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }

    /// <summary>
    /// The bias-corrected and accelerated bootstrap interval (Efron 1987). Null when fewer than nine in ten replicates
    /// gave a value (too little data on a side) or the bias cannot be estimated.
    /// </summary>
    public static Interval? Bca(double estimate, IReadOnlyList<double> replicates, int drawn, IReadOnlyList<double> jackknife, double level)
    {
        if (replicates.Count < 2 || replicates.Count < 0.9 * drawn)
        {
            return null;
        }

        var sorted = replicates.Order().ToArray();
        var below = sorted.Count(v => v < estimate) + 0.5 * sorted.Count(v => v == estimate);
        var share = below / sorted.Length;
        if (share <= 0 || share >= 1)
        {
            return null;
        }

        var z0 = Normal.Quantile(share);
        var acceleration = 0.0;
        if (jackknife.Count > 2)
        {
            var mean = jackknife.Average();
            var squares = jackknife.Sum(v => (mean - v) * (mean - v));
            var cubes = jackknife.Sum(v => (mean - v) * (mean - v) * (mean - v));
            acceleration = squares > 0 ? cubes / (6 * Math.Pow(squares, 1.5)) : 0;
        }

        double Adjusted(double p)
        {
            var z = Normal.Quantile(p);
            return Normal.Cdf(z0 + (z0 + z) / (1 - acceleration * (z0 + z)));
        }

        return new Interval(Percentile(sorted, Adjusted((1 - level) / 2)), Percentile(sorted, Adjusted((1 + level) / 2)));
    }

    /// <summary>One side (a period of a cell or of an arm) as arrays the replicates sweep.</summary>
    private sealed class Side
    {
        private readonly double[] unitN = new double[BootstrapUnits.Count];
        private readonly double[] unitSum = new double[BootstrapUnits.Count];
        private readonly double[] unitLog = new double[BootstrapUnits.Count];
        private readonly double[] unitBelow = new double[BootstrapUnits.Count];
        private readonly double[] unitAbove = new double[BootstrapUnits.Count];
        private readonly Dictionary<string, (double[] N, double[] Sum)> channels = new(StringComparer.Ordinal);
        private int[] bins = [];
        private int[] entryBin = [];
        private int[] entryUnit = [];
        private double[] entryCount = [];
        private long[] binTotals = [];

        // The replicate's histogram, reused: a study sweeps every side 1,000 times (ADR 0034, bootstrap cost).
        private double[] scratch = [];
        private (double[] N, double[] Sum)[] channelArrays = [];
        private string[] channelOrder = [];

        public long N { get; private set; }

        public IEnumerable<string> ChannelNames => channels.Keys;

        public static Side From(
            IEnumerable<(int Unit, string Channel, UnitSums Sums)> byChannel,
            IEnumerable<(int Unit, int Bin, UnitSums Sums)> byBin
        )
        {
            var side = new Side();
            // A fixed order of summation, so every engine's counts give bit-identical sums.
            foreach (var (unit, channel, sums) in byChannel.OrderBy(c => c.Unit).ThenBy(c => c.Channel, StringComparer.Ordinal))
            {
                if (!side.channels.TryGetValue(channel, out var c))
                {
                    c = (new double[BootstrapUnits.Count], new double[BootstrapUnits.Count]);
                    side.channels[channel] = c;
                }

                var seconds = (double)sums.SumMicros / Statistics.MicrosPerSecond;
                c.N[unit] += sums.N;
                c.Sum[unit] += seconds;
                side.unitN[unit] += sums.N;
                side.unitSum[unit] += seconds;
            }

            var list = byBin.OrderBy(e => e.Bin).ThenBy(e => e.Unit).ToList();
            foreach (var (unit, bin, sums) in list.Where(e => e.Bin is MedianWindow.Below or MedianWindow.Above))
            {
                (bin == MedianWindow.Below ? side.unitBelow : side.unitAbove)[unit] += sums.N;
            }

            side.bins = [.. list.Select(e => e.Bin).Where(b => b is not (MedianWindow.Below or MedianWindow.Above)).Distinct()];
            var position = side.bins.Select((bin, i) => (bin, i)).ToDictionary(x => x.bin, x => x.i);
            var entries = list.Where(e => position.ContainsKey(e.Bin)).ToList();
            side.entryBin = [.. entries.Select(e => position[e.Bin])];
            side.entryUnit = [.. entries.Select(e => e.Unit)];
            side.entryCount = [.. entries.Select(e => (double)e.Sums.N)];
            side.scratch = new double[side.bins.Length];
            side.binTotals = new long[side.bins.Length];
            foreach (var (unit, bin, sums) in list)
            {
                if (position.TryGetValue(bin, out var at))
                {
                    side.binTotals[at] += sums.N;
                }

                side.N += sums.N;
                side.unitLog[unit] += sums.SumLog;
                if (side.channels.Count == 0)
                {
                    // An arm has no channel sums: its per-unit counts come from the bins.
                    side.unitN[unit] += sums.N;
                    side.unitSum[unit] += (double)sums.SumMicros / Statistics.MicrosPerSecond;
                }
            }

            return side;
        }

        private static double W(int[]? w, int unit) => w is null ? 1 : w[unit];

        public double? Mean(int[]? w) => PerDeclaration(unitSum, w);

        /// <summary>The weighted declarations and summed seconds.</summary>
        public (double N, double Sum) Totals(int[]? w)
        {
            double n = 0,
                sum = 0;
            for (var u = 0; u < BootstrapUnits.Count; u++)
            {
                n += W(w, u) * unitN[u];
                sum += W(w, u) * unitSum[u];
            }

            return (n, sum);
        }

        /// <summary>A unit's influence on the log of the mean (<paramref name="mean"/> = <paramref name="total"/> ÷
        /// declarations).</summary>
        public double Influence(int unit, double mean, double total) => (unitSum[unit] - mean * unitN[unit]) / total;

        public double? MeanLog(int[]? w) => PerDeclaration(unitLog, w);

        /// <summary>A weighted sum over units divided by the weighted declarations: a mean under the replicate's weights.</summary>
        private double? PerDeclaration(double[] sums, int[]? w)
        {
            double n = 0,
                sum = 0;
            for (var u = 0; u < BootstrapUnits.Count; u++)
            {
                n += W(w, u) * unitN[u];
                sum += W(w, u) * sums[u];
            }

            return n > 0 ? sum / n : null;
        }

        public double? Median(int[]? w)
        {
            if (bins.Length == 0)
            {
                return null;
            }

            var histogram = scratch;
            Array.Clear(histogram);
            for (var e = 0; e < entryBin.Length; e++)
            {
                histogram[entryBin[e]] += W(w, entryUnit[e]) * entryCount[e];
            }

            // Outside the window the median is held at the window's edge: it gets there in replicates far in the tails only.
            double below = 0,
                above = 0;
            for (var u = 0; u < BootstrapUnits.Count; u++)
            {
                below += W(w, u) * unitBelow[u];
                above += W(w, u) * unitAbove[u];
            }

            var inside = 0.0;
            foreach (var count in histogram)
            {
                inside += count;
            }

            var half = (below + inside + above) / 2;
            if (half <= below)
            {
                return DurationBins.Lower(bins[0]);
            }

            if (half >= below + inside)
            {
                return DurationBins.Upper(bins[^1]);
            }

            // BinnedQuantile over the arrays: the q-quantile of the window, interpolated inside its bin.
            var target = (half - below) / inside * inside;
            double passed = 0;
            for (var i = 0; i < histogram.Length; i++)
            {
                var count = histogram[i];
                if (count > 0 && passed + count >= target)
                {
                    var lower = DurationBins.Lower(bins[i]);
                    return lower + (DurationBins.Upper(bins[i]) - lower) * ((target - passed) / count);
                }

                passed += count;
            }

            return DurationBins.Upper(bins[^1]);
        }

        public (double N, double Sum)[] Channels(string[] names, int[]? w)
        {
            if (!ReferenceEquals(channelOrder, names))
            {
                // The cell asks with the same names every replicate: look them up once.
                channelOrder = names;
                channelArrays =
                [
                    .. names.Select(name =>
                        channels.TryGetValue(name, out var c)
                            ? c
                            : (N: new double[BootstrapUnits.Count], Sum: new double[BootstrapUnits.Count])
                    ),
                ];
            }

            var found = new (double N, double Sum)[names.Length];
            for (var i = 0; i < channelArrays.Length; i++)
            {
                var (unitsN, unitsSum) = channelArrays[i];
                double n = 0,
                    sum = 0;
                for (var u = 0; u < BootstrapUnits.Count; u++)
                {
                    var weight = W(w, u);
                    n += weight * unitsN[u];
                    sum += weight * unitsSum[u];
                }

                found[i] = (n, sum);
            }

            return found;
        }

        /// <summary>The order-statistic interval for the median, widened to the edges of the bins holding its ranks.</summary>
        public Interval? MedianInterval(double level)
        {
            if (OrderStatistics.Ranks(N, 0.5, level) is not var (lower, upper))
            {
                return null;
            }

            double? low = null,
                high = null;
            var below = (long)unitBelow.Sum();
            if (below >= lower)
            {
                return null;
            }

            for (var i = 0; i < bins.Length; i++)
            {
                below += binTotals[i];
                if (low is null && below >= lower)
                {
                    low = DurationBins.Lower(bins[i]);
                }

                if (below >= upper)
                {
                    high = DurationBins.Upper(bins[i]);
                    break;
                }
            }

            return low is { } l && high is { } h ? new Interval(l, h) : null;
        }
    }
}
