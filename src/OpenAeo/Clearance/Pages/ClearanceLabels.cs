using System.Globalization;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Clearance.Pages;

/// <summary>How the clearance pages word lanes, statuses, milestones, times and shares.</summary>
internal static class ClearanceLabels
{
    public static string LaneMeaning(string lane) =>
        lane switch
        {
            nameof(Lane.Green) => "free from paper and cargo examination",
            nameof(Lane.Blue) => "released, may be audited after clearance",
            nameof(Lane.Yellow) => "documentary (paper) review",
            _ => "cargo examination",
        };

    /// <summary>The colour classes of the stylesheet's state badges, reused for lanes (no new CSS).</summary>
    public static string LaneCss(string lane) =>
        lane switch
        {
            nameof(Lane.Green) => "state-good",
            nameof(Lane.Blue) => "state-customs",
            nameof(Lane.Yellow) => "state-waiting",
            _ => "state-closed",
        };

    public static string StatusCss(string status) =>
        status switch
        {
            "Released" or "Delivered" or "ReadyForRelease" => "state-good",
            "PermitRefused" => "state-closed",
            "AwaitingPermit" => "state-waiting",
            _ => "state-customs",
        };

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A change in percentage points, signed, for the simulation's comparison.</summary>
    public static string Points(double from, double to)
    {
        var d = (to - from) * 100;
        return Math.Abs(d) < 0.05 ? "±0.0" : (d > 0 ? "+" : "−") + Math.Abs(d).ToString("0.0", CultureInfo.InvariantCulture);
    }

    public static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The report's three families of agency benefits, with the share of agencies the survey found granting each.</summary>
    public static string Family(AgencyBenefitFamily family) =>
        family switch
        {
            AgencyBenefitFamily.RecognitionOfAeoStandards => "Recognition of AEO standards: no duplicate checks or re-examinations",
            AgencyBenefitFamily.FewerInspectionsPriorityFees => "Fewer inspections, priority or reduced fees for permits",
            _ => "Other policy support",
        };

    /// <summary>Null for blank input, so that an empty text box means "not given".</summary>
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>"3004, 3304 ,6403" becomes three values; an empty box is no condition.</summary>
    public static string[]? List(string? text)
    {
        var values = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return values.Length == 0 ? null : values;
    }

    public static string Join(IEnumerable<string>? values) => values is null ? "" : string.Join(", ", values);
}
