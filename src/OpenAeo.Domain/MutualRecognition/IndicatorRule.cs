using System.Globalization;

namespace OpenAeo.Domain.MutualRecognition;

/// <summary>What an MRA's monitoring indicator measures: a border KPI restricted to the partner, or the exchange's freshness.</summary>
public enum IndicatorMeasure
{
    /// <summary>Share of the declarations from consignors recognised under the MRA that were examined (red lane).</summary>
    ExaminationRate,

    /// <summary>That share divided by the share of other consignors' declarations examined (0.5 = examined half as often).</summary>
    ExaminationRatio,

    /// <summary>Median hours from lodgement to release of declarations from consignors recognised under the MRA.</summary>
    ReleaseHours,

    /// <summary>That median divided by the median of other consignors' declarations (below 1 = faster).</summary>
    ReleaseRatio,

    /// <summary>Hours since the last verified replication of the partner's status log (the month under way only).</summary>
    ExchangeFreshnessHours,
}

public enum IndicatorStatus
{
    Met,
    NotMet,
    NoData,

    /// <summary>A free-text indicator (from before indicators were measured): shown with its text, never judged.</summary>
    Unmeasured,
}

/// <summary>A measured indicator's rule: the measure, and the threshold its value must stay at or under (or at or over).</summary>
public sealed record IndicatorRule(IndicatorMeasure Measure, bool AtMost, double Threshold)
{
    public static readonly IReadOnlyDictionary<string, IndicatorMeasure> Codes = new Dictionary<string, IndicatorMeasure>(
        StringComparer.OrdinalIgnoreCase
    )
    {
        ["examination_rate"] = IndicatorMeasure.ExaminationRate,
        ["examination_ratio"] = IndicatorMeasure.ExaminationRatio,
        ["release_hours"] = IndicatorMeasure.ReleaseHours,
        ["release_ratio"] = IndicatorMeasure.ReleaseRatio,
        ["exchange_freshness_hours"] = IndicatorMeasure.ExchangeFreshnessHours,
    };

    public static string Code(IndicatorMeasure measure) => Codes.Single(c => c.Value == measure).Key;

    /// <summary>Reads <c>examination_ratio &lt;= 0.5</c> (or <c>&gt;=</c>).</summary>
    public static Result<IndicatorRule> Parse(string? text)
    {
        var parts = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (
            parts.Length == 3
            && Codes.TryGetValue(parts[0], out var measure)
            && parts[1] is "<=" or ">="
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold)
            && double.IsFinite(threshold)
            && threshold >= 0
        )
        {
            return Result<IndicatorRule>.Ok(new IndicatorRule(measure, parts[1] == "<=", threshold));
        }

        return new DomainError(
            "mra.monitoring",
            $"'{text}' is not a measured indicator: write a measure ({string.Join(", ", Codes.Keys)}), <= or >=, "
                + "and a number, as 'examination_ratio <= 0.5'.",
            "monitoring"
        );
    }

    public override string ToString() => $"{Code(Measure)} {(AtMost ? "<=" : ">=")} {Threshold.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The rule in words, for people.</summary>
    public string Describe() =>
        Measure switch
        {
            IndicatorMeasure.ExaminationRate => $"share of the partner's recognised consignors' declarations examined, {Bound()} "
                + $"{Threshold.ToString("0.#%", CultureInfo.InvariantCulture)}",
            IndicatorMeasure.ExaminationRatio => $"their examination rate divided by other consignors', {Bound()} "
                + $"{Threshold.ToString("0.##", CultureInfo.InvariantCulture)}",
            IndicatorMeasure.ReleaseHours => $"median hours from lodgement to release of their declarations, {Bound()} "
                + $"{Threshold.ToString("0.##", CultureInfo.InvariantCulture)}",
            IndicatorMeasure.ReleaseRatio => $"their median release time divided by other consignors', {Bound()} "
                + $"{Threshold.ToString("0.##", CultureInfo.InvariantCulture)}",
            _ => $"hours since the partner's status log was last replicated and verified, {Bound()} "
                + $"{Threshold.ToString("0.#", CultureInfo.InvariantCulture)}",
        };

    private string Bound() => AtMost ? "at most" : "at least";
}
