using System.Globalization;

namespace OpenAeo.Domain.TimeRelease;

/// <summary>Durations, rates and groups as people read them in a study's findings (the tables keep the report's notation).</summary>
public static class Readable
{
    private const char Minus = '−';

    /// <summary><c>38 s</c>, <c>12 min</c>, <c>4 h 01 min</c>, <c>2.3 days</c>: to the minute under a day, a tenth of a day
    /// above.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } value || !double.IsFinite(value))
        {
            return "–";
        }

        var sign = value < 0 ? Minus.ToString() : "";
        var s = Math.Abs(value);
        if (s < 59.5)
        {
            return sign + Math.Round(s).ToString("0", CultureInfo.InvariantCulture) + " s";
        }

        var minutes = (long)Math.Round(s / 60);
        if (minutes < 60)
        {
            return $"{sign}{minutes} min";
        }

        if (minutes < 24 * 60)
        {
            return $"{sign}{minutes / 60} h {minutes % 60:D2} min";
        }

        var days = s / 86_400;
        return sign + days.ToString(days < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " days";
    }

    /// <summary><c>−30%</c>, <c>+2%</c>: whole percent, with a true minus sign.</summary>
    public static string Rate(double? percent)
    {
        if (percent is not { } p || !double.IsFinite(p))
        {
            return "–";
        }

        var rounded = Math.Round(p, MidpointRounding.AwayFromZero);
        return rounded switch
        {
            < 0 => $"{Minus}{(-rounded).ToString("0", CultureInfo.InvariantCulture)}%",
            0 => "0%",
            _ => $"+{rounded.ToString("0", CultureInfo.InvariantCulture)}%",
        };
    }

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary><c>95% CI −34% to −26%</c>.</summary>
    public static string RateInterval(double level, Interval? interval) =>
        interval is { } i ? $"{Level(level)} CI {Rate(i.Low)} to {Rate(i.High)}" : $"no {Level(level)} interval: too few declarations";

    public static string Level(double level) => (level * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// A cell's group for people: <c>AEO · sea</c> rather than <c>true · sea</c>. Yes/no columns read as their meaning
    /// (AEO / non-AEO, SME / non-SME), an empty value as <c>no mode</c>, others as written.
    /// </summary>
    public static string Group(IEnumerable<GroupValue> group)
    {
        var parts = group.Select(g => Value(g.Column, g.Value)).ToList();
        return parts.Count == 0 ? "All declarations" : string.Join(" · ", parts);
    }

    public static string Value(string column, string? value)
    {
        if (value is null)
        {
            return $"no {column.Replace('_', ' ')}";
        }

        var yes =
            value.Equals("true", StringComparison.OrdinalIgnoreCase)
            || value == "1"
            || value.Equals("yes", StringComparison.OrdinalIgnoreCase);
        var no =
            value.Equals("false", StringComparison.OrdinalIgnoreCase)
            || value == "0"
            || value.Equals("no", StringComparison.OrdinalIgnoreCase);
        var name = column switch
        {
            "aeo" => "AEO",
            "sme" => "SME",
            _ => column.Replace('_', ' '),
        };
        return yes ? name
            : no ? $"non-{name}"
            : column == "origin" ? $"from {value}"
            : value;
    }

    /// <summary>An arm of a difference-in-differences for people: <c>aeo=true</c> reads <c>AEO</c>, <c>not aeo=true</c> <c>not
    /// AEO</c>.</summary>
    public static string Arm(string arm)
    {
        var not = arm.StartsWith("not ", StringComparison.Ordinal);
        var text = not ? arm[4..] : arm;
        var at = text.IndexOf('=', StringComparison.Ordinal);
        var readable = at > 0 ? Value(text[..at], text[(at + 1)..]) : text;
        return not ? $"not {readable}" : readable;
    }
}

/// <summary>The findings of a study in words: what an analyst would write at the top of the report.</summary>
public static class Findings
{
    public static IReadOnlyList<string> Of(StudyResult result)
    {
        var lines = new List<string>();
        var stage = result.Study.Stage.Name switch
        {
            Stage.Apec1 => "Stage 1 (lodgement to release)",
            Stage.Apec2 => "Stage 2 (arrival to delivery)",
            Stage.WcoRelease => "Arrival to release",
            var name => name.Replace(":", " to ", StringComparison.Ordinal),
        };
        foreach (var cell in result.Cells)
        {
            var line =
                $"{stage}, {Readable.Group(cell.Group)}: median {Readable.Duration(cell.Before.MedianSeconds)} → "
                + $"{Readable.Duration(cell.After.MedianSeconds)}";
            if (cell.MedianRateOfChangePct is { } rate)
            {
                line += $", {Readable.Rate(rate)}";
                if (cell.Ci is { } ci)
                {
                    line += $" ({Readable.RateInterval(ci.Level, ci.MedianRateOfChangePct)})";
                }
            }

            line += $"; mean {Readable.Duration(cell.Before.MeanSeconds)} → {Readable.Duration(cell.After.MeanSeconds)}";
            if (cell.MeanRateOfChangePct is { } meanRate)
            {
                line += $", {Readable.Rate(meanRate)}";
                if (cell.Ci is { } ci)
                {
                    line += $" ({Readable.RateInterval(ci.Level, ci.MeanRateOfChangePct)})";
                }
            }

            line += $"; {Readable.Count(cell.Before.N)} declarations before, {Readable.Count(cell.After.N)} after.";
            if (cell.Before.N > 0 && cell.After.N > 0 && cell.Ci?.MedianRateOfChangePct is { } interval)
            {
                line += interval.Contains(0) ? " The change could be noise." : " The change is more than noise.";
            }

            if (cell.Decomposition is { } d)
            {
                line +=
                    $" Of the change in mean ({Readable.Duration(d.TotalSeconds)}), declarations moving between "
                    + $"channels account for {Readable.Duration(d.MixSeconds)}, "
                    + $"faster or slower handling within channels for {Readable.Duration(d.WithinSeconds)} and both "
                    + $"together for {Readable.Duration(d.InteractionSeconds)}.";
            }

            lines.Add(line);
        }

        if (result.Did is { } did)
        {
            var level = Readable.Level(did.Level);
            var effect = did.MedianRatio is { } ratio ? Readable.Rate((ratio - 1) * 100) : "–";
            var ci = did.MedianRatioCi is { } i
                ? $" ({level} CI {Readable.Rate((i.Low - 1) * 100)} to {Readable.Rate((i.High - 1) * 100)})"
                : "";
            var text =
                $"Difference-in-differences, {Readable.Arm(did.Treated)} against {Readable.Arm(did.Control)}: "
                + $"{Readable.Arm(did.Treated)} median {Readable.Duration(did.TreatedBeforeMedianSeconds)} → "
                + $"{Readable.Duration(did.TreatedAfterMedianSeconds)}, "
                + $"{Readable.Arm(did.Control)} {Readable.Duration(did.ControlBeforeMedianSeconds)} → "
                + $"{Readable.Duration(did.ControlAfterMedianSeconds)}; "
                + $"the change beyond the control's is {effect}{ci} on the median";
            if (did.MeanLogDiff is { } log)
            {
                text +=
                    $" and {Readable.Rate((Math.Exp(log) - 1) * 100)}"
                    + (
                        did.MeanLogDiffCi is { } l
                            ? $" ({level} CI {Readable.Rate((Math.Exp(l.Low) - 1) * 100)} to {Readable.Rate((Math.Exp(l.High) - 1) * 100)})"
                            : ""
                    )
                    + " on the typical (geometric mean) duration";
            }

            lines.Add(text + ".");
        }

        var q = result.DataQuality;
        var counted = result.Cells.Sum(c => c.Before.N + c.After.N);
        var quality = $"Data quality: {Readable.Count(counted)} of {Readable.Count(q.Rows)} rows counted";
        var left = new List<string>();
        if (q.RejectedRows > 0)
        {
            left.Add($"{Readable.Count(q.RejectedRows)} could not be read");
        }

        if (q.MissingStart + q.MissingEnd > 0)
        {
            left.Add($"{Readable.Count(q.MissingStart + q.MissingEnd)} miss a milestone");
        }

        if (q.Negative > 0)
        {
            left.Add($"{Readable.Count(q.Negative)} end before they start");
        }

        if (q.NoPeriod > 0)
        {
            left.Add($"{Readable.Count(q.NoPeriod)} fall outside both periods");
        }

        quality += left.Count == 0 ? "; none left out." : $"; {string.Join(", ", left)}.";
        if (q.Censored > 0)
        {
            // Dropping declarations still waiting makes a stage look faster than it is: say so, and what was done instead.
            var asOf = q.AsOf is { } end ? $" on {end[..16].Replace('T', ' ')} UTC" : "";
            var moved = result.Cells.SelectMany(c => new[] { c.Before, c.After }).Where(s => s.Censored > 0).ToList();
            var unreached = moved.Count(s => s.KmMedianSeconds is null);
            quality +=
                $" {Readable.Count(q.Censored)} were not yet released at the end of the data{asOf} (censored): the "
                + "means and quantiles leave them out, "
                + "and each median is also estimated with them (Kaplan–Meier)"
                + (
                    unreached > 0
                        ? $"; in {Readable.Count(unreached)} side{(unreached == 1 ? "" : "s")} too many are still waiting for a median."
                        : "."
                );
        }

        if (q.FlaggedExtreme > 0)
        {
            quality += $" {Readable.Count(q.FlaggedExtreme)} unusually long durations are counted and flagged.";
        }

        lines.Add(quality);
        return lines;
    }
}
