using System.Globalization;

namespace OpenAeo.Domain.Shared;

/// <summary>
/// The form of a timestamp's text, before any date is checked. The DuckDB engine reads every timestamp cell through
/// scalar functions that call <see cref="Timestamps.InstantOf"/> and <see cref="Timestamps.LocalClockOf"/>, which
/// check it with <see cref="Timestamps.FormOf"/>, so both readers share one definition.
/// </summary>
public enum TimestampForm
{
    Unreadable = 0,
    Local = 1,
    WithOffset = 2,
}

/// <summary>
/// The one timestamp form events may use, read identically by this reference code and by the DuckDB engine:
/// <c>yyyy-mm-ddThh:mm:ss</c> (or a space for the <c>T</c>), optional fraction (kept to the microsecond, as DuckDB
/// does), then <c>Z</c>, <c>±hh:mm</c>, <c>±hhmm</c>, <c>±hh</c> or nothing. Nothing means local time in the row's
/// office time zone. Anything else is rejected rather than guessed, since a lenient reader (DuckDB accepts
/// <c>2020-1-1</c> and <c>24:00:00</c>) would silently disagree with another.
/// </summary>
public static class Timestamps
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>A timestamp as written: its local clock value and, when given, its offset.</summary>
    public readonly record struct Written(DateTime Clock, TimeSpan? Offset);

    /// <summary>Reads the text; null with a reason when it is not the accepted form or not a real date and time.</summary>
    public static Written? Read(string text, out string? reason)
    {
        reason = null;
        var s = text.AsSpan();
        if (FormOf(s) == TimestampForm.Unreadable)
        {
            reason = $"'{text}' is not an ISO 8601 timestamp (yyyy-mm-ddThh:mm:ss, then Z or an offset such as +08:00)";
            return null;
        }

        if (ClockTicks(s, out var end) is not { } ticks)
        {
            reason = $"'{text}' is not a real date";
            return null;
        }

        TimeSpan? offset = end < s.Length ? OffsetOf(s[end..]) : null;
        return new Written(new DateTime(ticks, DateTimeKind.Unspecified), offset);
    }

    /// <summary>
    /// Microseconds since 1970-01-01T00:00Z of text in the form with an offset and a real date, else null: what
    /// <see cref="Read"/> and <see cref="Instant(DateTime, TimeSpan)"/> give, without allocating. The DuckDB engine
    /// calls it for every timestamp cell, so the form and the arithmetic have one definition.
    /// </summary>
    public static long? InstantOf(ReadOnlySpan<char> s) =>
        FormOf(s) == TimestampForm.WithOffset && ClockTicks(s, out var end) is { } ticks
            ? (ticks - OffsetOf(s[end..]).Ticks - Epoch.Ticks) / 10
            : null;

    /// <summary>
    /// The clock value of text in the local form (no offset) with a real date, as microseconds since 1970-01-01T00:00
    /// on that clock, else null. Placing it on the time line needs the office's zone, which the engine leaves to ICU.
    /// </summary>
    public static long? LocalClockOf(ReadOnlySpan<char> s) =>
        FormOf(s) == TimestampForm.Local && ClockTicks(s, out _) is { } ticks ? (ticks - Epoch.Ticks) / 10 : null;

    /// <summary>The clock value's ticks of text whose form was checked, or null when the date does not exist; <paramref name="end"/> is
    /// where the offset begins.</summary>
    private static long? ClockTicks(ReadOnlySpan<char> s, out int end)
    {
        end = 19;
        var year = Digits(s, 0, 4);
        var month = Digits(s, 5, 2);
        var day = Digits(s, 8, 2);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        var ticks = new DateTime(year, month, day, Digits(s, 11, 2), Digits(s, 14, 2), Digits(s, 17, 2), DateTimeKind.Unspecified).Ticks;
        if (end < s.Length && s[end] == '.')
        {
            end++;
            var micros = 0;
            var places = 0;
            while (end < s.Length && char.IsAsciiDigit(s[end]))
            {
                // Digits beyond the microsecond are dropped, not rounded, as DuckDB's cast drops them (tested against it).
                if (places < 6)
                {
                    micros = micros * 10 + (s[end] - '0');
                    places++;
                }

                end++;
            }

            for (; places < 6; places++)
            {
                micros *= 10;
            }

            ticks += micros * 10L;
        }

        return ticks;
    }

    /// <summary>The offset written after the clock value (<c>Z</c>, <c>±hh</c>, <c>±hhmm</c> or <c>±hh:mm</c>, its form checked).</summary>
    private static TimeSpan OffsetOf(ReadOnlySpan<char> zone)
    {
        if (zone[0] == 'Z')
        {
            return TimeSpan.Zero;
        }

        var sign = zone[0] == '-' ? -1 : 1;
        var rest = zone[3..];
        var minutes = rest.Length == 0 ? 0 : Digits(rest, rest[0] == ':' ? 1 : 0, 2);
        return sign * new TimeSpan(Digits(zone, 1, 2), minutes, 0);
    }

    /// <summary>True when the text names its offset (so no time zone is needed to place it on the time line).</summary>
    public static bool HasOffset(string text) => Read(text, out _)?.Offset is not null;

    /// <summary>Microseconds since 1970-01-01T00:00Z of a written timestamp with an offset.</summary>
    public static long Instant(DateTime clock, TimeSpan offset) => ((clock - offset) - Epoch).Ticks / 10;

    /// <summary>
    /// Microseconds since the epoch of a local clock value in a time zone, resolved as DuckDB's ICU resolves it: a
    /// time that occurs twice (clocks go back) is the later one, in standard time; a time that does not exist (clocks
    /// go forward) is read with the offset in force before the change.
    /// </summary>
    public static long Instant(DateTime clock, TimeZoneInfo zone)
    {
        TimeSpan offset;
        if (zone.IsAmbiguousTime(clock))
        {
            offset = zone.GetAmbiguousTimeOffsets(clock).Min();
        }
        else if (zone.IsInvalidTime(clock))
        {
            var before = clock;
            do
            {
                before = before.AddMinutes(-1);
            } while (zone.IsInvalidTime(before));

            offset = zone.GetUtcOffset(before);
        }
        else
        {
            offset = zone.GetUtcOffset(clock);
        }

        return Instant(clock, offset);
    }

    /// <summary>The calendar day of an instant (microseconds since the epoch) in a time zone.</summary>
    public static DateOnly LocalDay(long instantMicros, TimeZoneInfo zone)
    {
        var utc = new DateTime(Epoch.Ticks + instantMicros * 10, DateTimeKind.Utc);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));
    }

    /// <summary>An instant as text, for messages and exports.</summary>
    public static string Format(long instantMicros) =>
        new DateTime(Epoch.Ticks + instantMicros * 10, DateTimeKind.Utc).ToString(
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'",
            CultureInfo.InvariantCulture
        );

    /// <summary>The form alone, without checking that the date exists (DuckDB and <see cref="Read"/> each check that).</summary>
    public static TimestampForm FormOf(ReadOnlySpan<char> s)
    {
        if (
            s.Length < 19
            || !Digit(s, 0, 4)
            || s[0] == '0'
            || s[4] != '-'
            || !Digit(s, 5, 2)
            || s[7] != '-'
            || !Digit(s, 8, 2)
            || s[10] is not ('T' or ' ')
            || !Digit(s, 11, 2)
            || s[13] != ':'
            || !Digit(s, 14, 2)
            || s[16] != ':'
            || !Digit(s, 17, 2)
            || Digits(s, 11, 2) > 23
            || Digits(s, 14, 2) > 59
            || Digits(s, 17, 2) > 59
        )
        {
            return TimestampForm.Unreadable;
        }

        var i = 19;
        if (i < s.Length && s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i - start is < 1 or > 9)
            {
                return TimestampForm.Unreadable;
            }
        }

        var zone = s[i..];
        var valid = zone.Length switch
        {
            0 => true,
            1 => zone[0] == 'Z',
            3 => IsSign(zone[0]) && Hours(zone[1..3]),
            5 => IsSign(zone[0]) && Hours(zone[1..3]) && Minutes(zone[3..5]),
            6 => IsSign(zone[0]) && Hours(zone[1..3]) && zone[3] == ':' && Minutes(zone[4..6]),
            _ => false,
        };
        return !valid ? TimestampForm.Unreadable
            : zone.Length == 0 ? TimestampForm.Local
            : TimestampForm.WithOffset;

        static bool IsSign(char c) => c is '+' or '-';
        static bool Hours(ReadOnlySpan<char> h) => Digit(h, 0, 2) && Digits(h, 0, 2) <= 23;
        static bool Minutes(ReadOnlySpan<char> m) => Digit(m, 0, 2) && Digits(m, 0, 2) <= 59;
    }

    private static bool Digit(ReadOnlySpan<char> s, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The number the ASCII digits spell (checked by the caller); by hand, since the engine calls this for every cell.</summary>
    private static int Digits(ReadOnlySpan<char> s, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            value = value * 10 + (s[i] - '0');
        }

        return value;
    }
}

/// <summary>IANA time zones, resolved exactly as written (no Windows names, no case folding), as DuckDB's ICU does.</summary>
public static class TimeZones
{
    public static TimeZoneInfo? Find(string name) =>
        name.Length > 0
        && !name.Contains(' ', StringComparison.Ordinal)
        && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone)
        && zone.Id == name
            ? zone
            : null;
}
