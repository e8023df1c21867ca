using System.Globalization;
using System.Text;

namespace OpenAeo.Domain.TimeRelease;

/// <summary>
/// A time as an economy submitted it: its value in seconds and how precisely it was printed. The precision matters
/// because published rates were computed from unrounded times: a rate only "disagrees" with the printed times when
/// no times that round to the printed ones could have produced it.
/// </summary>
/// <param name="Seconds">The value as printed, in seconds.</param>
/// <param name="HalfUnitSeconds">Half a unit of the last printed digit (<c>26.3 sec.</c> is ±0.05 s, <c>6.79 hours</c> ±18 s).</param>
public readonly record struct SubmittedTime(double Seconds, double HalfUnitSeconds)
{
    public double Low => Math.Max(0, Seconds - HalfUnitSeconds);

    public double High => Seconds + HalfUnitSeconds;
}

/// <summary>
/// Reads every time notation of the averages template and the CLI's durations, and prints times the way the
/// APEC report does (<c>0 days 12 hours 17 min. 26.3 sec.</c>).
/// </summary>
public static class TimeNotation
{
    public const string NoRecords = "No Records";

    private static readonly string[] NoRecordWords = ["no records", "no record", "not available", "n/a", "-", "—"];

    /// <summary>
    /// A template mean: seconds (<c>44246.3</c>), the report's text with or without dots
    /// (<c>1 day 6 hours 26 min 42.1 sec</c>), hours (<c>6.79 hours</c>), or empty / <c>No Records</c> /
    /// <c>Not available</c> for a cell without records (returned as null).
    /// </summary>
    public static Result<SubmittedTime?> ParseMean(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0 || NoRecordWords.Contains(trimmed.ToLowerInvariant()))
        {
            return Result<SubmittedTime?>.Ok(null);
        }

        var parsed = Parse(trimmed);
        return parsed.IsOk ? Result<SubmittedTime?>.Ok(parsed.Value) : Result<SubmittedTime?>.Fail(parsed.Errors);
    }

    /// <summary>
    /// A duration given on the command line or in a study definition: the template notations above, or compact
    /// units (<c>48h</c>, <c>1d6h</c>, <c>90m</c>, <c>30s</c>).
    /// </summary>
    public static Result<double> ParseDuration(string? text, string field)
    {
        var parsed = Parse(text?.Trim() ?? "");
        if (!parsed.IsOk)
        {
            return new DomainError("duration.format", parsed.Errors[0].Message, field);
        }

        return parsed.Value.Seconds > 0
            ? Result<double>.Ok(parsed.Value.Seconds)
            : new DomainError("duration.positive", $"'{text}' must be longer than zero.", field);
    }

    private static Result<SubmittedTime> Parse(string text)
    {
        if (text.Length == 0)
        {
            return new DomainError("time.empty", "A time is required.");
        }

        if (TryNumber(text, out var plainSeconds, out var plainDecimals))
        {
            return Checked(text, plainSeconds, HalfUnit(plainDecimals, 1));
        }

        var total = 0.0;
        var halfUnit = 0.0;
        var seen = new HashSet<double>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            var numberStart = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (!TryNumber(text[numberStart..i], out var amount, out var decimals))
            {
                return Unreadable(text);
            }

            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var unitStart = i;
            while (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '.'))
            {
                i++;
            }

            var unit = UnitSeconds(text[unitStart..i]);
            if (unit is null || !seen.Add(unit.Value))
            {
                return Unreadable(text);
            }

            total += amount * unit.Value;
            halfUnit = HalfUnit(decimals, unit.Value);
        }

        return seen.Count == 0 ? Unreadable(text) : Checked(text, total, halfUnit);
    }

    private static Result<SubmittedTime> Checked(string text, double seconds, double halfUnit) =>
        double.IsFinite(seconds) && seconds >= 0
            ? Result<SubmittedTime>.Ok(new SubmittedTime(seconds, halfUnit))
            : new DomainError("time.negative", $"'{text}' is not a time of zero or more seconds.");

    private static DomainError Unreadable(string text) =>
        new(
            "time.format",
            $"'{text}' is not a time: use seconds (44246.3), the report's text (0 days 12 hours 17 min. 26.3 sec.),"
                + " hours (6.79 hours) or No Records."
        );

    private static bool TryNumber(string text, out double value, out int decimals)
    {
        decimals = 0;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        decimals = dot < 0 ? 0 : text.Length - dot - 1;
        return true;
    }

    private static double HalfUnit(int decimals, double unitSeconds) => 0.5 * Math.Pow(10, -decimals) * unitSeconds;

    private static double? UnitSeconds(string unit) =>
        unit.TrimEnd('.').ToLowerInvariant() switch
        {
            "d" or "day" or "days" => 86_400,
            "h" or "hr" or "hrs" or "hour" or "hours" => 3_600,
            "m" or "min" or "mins" or "minute" or "minutes" => 60,
            "s" or "sec" or "secs" or "second" or "seconds" => 1,
            _ => null,
        };

    /// <summary>
    /// The report's layout: <c>0 days 12 hours 17 min. 26.3 sec.</c>, <c>1 day 6 hours 26 min. 42.1 sec.</c>; seconds
    /// rounded to one decimal first, so 59.96 s prints as <c>1 min. 0.0 sec.</c> and never as 60.0 seconds.
    /// </summary>
    public static string FormatReport(double? seconds)
    {
        if (seconds is not { } value)
        {
            return NoRecords;
        }

        var tenths = (long)Math.Round(Math.Abs(value) * 10, MidpointRounding.AwayFromZero);
        var days = tenths / 864_000;
        var hours = tenths / 36_000 % 24;
        var minutes = tenths / 600 % 60;
        var secondTenths = tenths % 600;
        var text = new StringBuilder();
        if (value < 0 && tenths > 0)
        {
            text.Append('-');
        }

        text.Append(CultureInfo.InvariantCulture, $"{days} {(days == 1 ? "day" : "days")} {hours} {(hours == 1 ? "hour" : "hours")} ");
        text.Append(CultureInfo.InvariantCulture, $"{minutes} min. {secondTenths / 10}.{secondTenths % 10} sec.");
        return text.ToString();
    }

    /// <summary>A rate as the report prints it: two decimals, or <c>-</c> when it cannot be computed.</summary>
    public static string FormatRate(double? percent) => percent is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
