using System.Globalization;

namespace OpenAeo.Domain.Shared;

/// <summary>The hours a customs office works on a working day, in its own zone (ADR 0044). A day without hours (a shift that crosses
/// midnight) is not supported: opening comes before closing.</summary>
public sealed record WorkingHours(TimeOnly Opens, TimeOnly Closes)
{
    /// <summary>What a programme works unless it says otherwise: a 9-hour office day.</summary>
    public static readonly WorkingHours Default = new(new TimeOnly(8, 30), new TimeOnly(17, 30));

    /// <summary><c>08:30-17:30</c> (a hyphen or an en dash; 24-hour clock).</summary>
    public static Result<WorkingHours> Parse(string? text, string field = "workingHours")
    {
        var parts = (text ?? "").Replace('–', '-').Split('-', StringSplitOptions.TrimEntries);
        if (
            parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes)
        )
        {
            return opens < closes
                ? Result<WorkingHours>.Ok(new WorkingHours(opens, closes))
                : new DomainError("programme.workingHours", $"'{text}': the office must open before it closes on the same day.", field);
        }

        return new DomainError("programme.workingHours", $"'{text}' is not working hours such as 08:30-17:30 (24-hour clock).", field);
    }

    public override string ToString() =>
        $"{Opens.ToString("HH:mm", CultureInfo.InvariantCulture)}–{Closes.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}
