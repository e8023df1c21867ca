using OpenAeo.Domain.MutualRecognition;

namespace OpenAeo.Domain.Insights;

/// <summary>An MRA's indicators measured from the border KPIs' cells restricted to the MRA's partner.</summary>
public static class MraIndicators
{
    /// <summary>The indicator's value in one month (or the period) from that month's border cells; null when there is nothing to
    /// measure.</summary>
    /// <param name="freshnessHours">Hours since the last verified pull of the MRA's partners (the stalest), for the month under way; null
    /// otherwise.</param>
    public static double? Value(IndicatorMeasure measure, string mraId, IReadOnlyList<BorderKpis.Cell> cells, double? freshnessHours)
    {
        var partner = cells.FirstOrDefault(c => c.Group == BorderKpis.OfMra(mraId));
        var others = cells.FirstOrDefault(c => c.Group == BorderKpis.OtherConsignors);
        static double? Rate(BorderKpis.Cell? c) => c is { Declarations: > 0 } ? (double)c.Examined / c.Declarations : null;
        static double? Hours(BorderKpis.Cell? c) => c?.MedianReleaseMicros / BorderKpis.MicrosPerHour;
        return measure switch
        {
            IndicatorMeasure.ExaminationRate => Rate(partner),
            IndicatorMeasure.ExaminationRatio => Rate(partner) is double p && Rate(others) is double o && o > 0 ? p / o : null,
            IndicatorMeasure.ReleaseHours => Hours(partner),
            IndicatorMeasure.ReleaseRatio => Hours(partner) is double p && Hours(others) is double o && o > 0 ? p / o : null,
            _ => freshnessHours,
        };
    }

    public static IndicatorStatus Status(IndicatorRule? rule, double? value) =>
        (rule, value) switch
        {
            (null, _) => IndicatorStatus.Unmeasured,
            (_, null) => IndicatorStatus.NoData,
            ({ AtMost: true } r, double v) => v <= r.Threshold ? IndicatorStatus.Met : IndicatorStatus.NotMet,
            (var r, double v) => v >= r.Threshold ? IndicatorStatus.Met : IndicatorStatus.NotMet,
        };
}
