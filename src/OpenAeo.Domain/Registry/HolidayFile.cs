using System.Globalization;
using System.Text;

namespace OpenAeo.Domain.Registry;

/// <summary>One dated holiday as a file gives it, with the line it came from.</summary>
public sealed record ImportedHoliday(DateOnly Date, string Name, int Line);

/// <summary>A bad place in a holiday file: 1-based line and column (0 when the whole line or file is meant).</summary>
public sealed record HolidayFileError(int Line, int Column, string Message);

/// <summary>
/// Reads a programme's holidays from iCalendar (RFC 5545): each VEVENT's all-day <c>DTSTART;VALUE=DATE</c> (and
/// <c>DTEND</c>, exclusive, for a holiday of several days) and its <c>SUMMARY</c>, after unfolding continued lines. Public
/// holiday calendars are published this way, movable feasts (Lunar New Year, Easter) already resolved to dates. A timed
/// event is refused: a holiday is a day in the programme's zone, not an instant. The CSV form (<c>date,name</c>) is read by
/// the app's CSV reader and checked by <see cref="HolidayCalendar.Check"/> like this one.
/// </summary>
public static class ICalendarHolidays
{
    public static (IReadOnlyList<ImportedHoliday> Holidays, IReadOnlyList<HolidayFileError> Errors) Parse(string text)
    {
        var holidays = new List<ImportedHoliday>();
        var errors = new List<HolidayFileError>();
        var lines = Unfold(text);
        if (lines.Count == 0 || !lines[0].Text.Equals("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new(1, 1, "An iCalendar file starts with BEGIN:VCALENDAR."));
            return (holidays, errors);
        }

        (int Line, DateOnly? Start, DateOnly? End, string? Summary)? open = null;
        foreach (var (number, line) in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var head = line[..colon];
            var value = line[(colon + 1)..];
            var name = head.Split(';')[0].ToUpperInvariant();
            if (name == "BEGIN" && value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                open = (number, null, null, null);
            }
            else if (name == "END" && value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase) && open is { } e)
            {
                if (e.Start is not DateOnly start)
                {
                    errors.Add(new(e.Line, 1, "This event has no all-day DTSTART;VALUE=DATE."));
                }
                else if (string.IsNullOrWhiteSpace(e.Summary))
                {
                    errors.Add(new(e.Line, 1, "This event has no SUMMARY naming the holiday."));
                }
                else
                {
                    var end = e.End ?? start.AddDays(1);
                    if (end <= start || end.DayNumber - start.DayNumber > 31)
                    {
                        errors.Add(new(e.Line, 1, "DTEND is the day after the holiday's last day, at most 31 days after DTSTART."));
                    }

                    for (var day = start; day < end && end.DayNumber - start.DayNumber <= 31; day = day.AddDays(1))
                    {
                        holidays.Add(new(day, e.Summary.Trim(), e.Line));
                    }
                }

                open = null;
            }
            else if (open is { } current && name is "DTSTART" or "DTEND")
            {
                var date = ReadDate(head, value);
                if (date is null)
                {
                    errors.Add(
                        new(
                            number,
                            colon + 2,
                            $"{name} must be an all-day date (VALUE=DATE, e.g. 20260217): a holiday is a day in the programme's zone."
                        )
                    );
                }
                else
                {
                    open = name == "DTSTART" ? current with { Start = date } : current with { End = date };
                }
            }
            else if (open is { } withSummary && name == "SUMMARY")
            {
                open = withSummary with { Summary = Unescape(value) };
            }
        }

        return (holidays, errors);
    }

    private static DateOnly? ReadDate(string head, string value)
    {
        var dateOnly =
            head.Split(';').Skip(1).Any(p => p.Equals("VALUE=DATE", StringComparison.OrdinalIgnoreCase)) || value.Trim().Length == 8;
        return dateOnly && DateOnly.TryParseExact(value.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;
    }

    /// <summary>RFC 5545 3.1: a line that starts with a space or a tab continues the previous one; each logical line keeps the number of
    /// its first physical line.</summary>
    private static List<(int Line, string Text)> Unfold(string text)
    {
        var result = new List<(int Line, string Text)>();
        var physical = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < physical.Length; i++)
        {
            var line = physical[i];
            if (line.Length > 0 && line[0] is ' ' or '\t' && result.Count > 0)
            {
                result[^1] = (result[^1].Line, result[^1].Text + line[1..]);
            }
            else if (line.Length > 0)
            {
                result.Add((i + 1, line));
            }
        }

        if (result.Count > 0 && result[0].Text.Length > 0 && result[0].Text[0] == '\uFEFF')
        {
            result[0] = (result[0].Line, result[0].Text[1..]);
        }

        return result;
    }

    private static string Unescape(string value)
    {
        var s = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                s.Append(value[i] is 'n' or 'N' ? ' ' : value[i]);
            }
            else
            {
                s.Append(value[i]);
            }
        }

        return s.ToString();
    }
}

/// <summary>The rules an imported holiday list must meet before it replaces a programme's holidays for the years it covers.</summary>
public static class HolidayCalendar
{
    public const int MaxNameLength = 100;

    /// <summary>Errors of a whole list: a date given twice, a name too long, a year outside 1990–2100.</summary>
    public static IReadOnlyList<HolidayFileError> Check(IReadOnlyList<ImportedHoliday> holidays)
    {
        var errors = new List<HolidayFileError>();
        var seen = new Dictionary<DateOnly, int>();
        foreach (var h in holidays)
        {
            if (h.Date.Year is < 1990 or > 2100)
            {
                errors.Add(new(h.Line, 1, $"{h.Date:yyyy-MM-dd} is outside the years a programme calendar holds (1990 to 2100)."));
            }

            if (h.Name.Length > MaxNameLength)
            {
                errors.Add(new(h.Line, 2, $"A holiday's name is at most {MaxNameLength} characters."));
            }

            if (!seen.TryAdd(h.Date, h.Line))
            {
                errors.Add(new(h.Line, 1, $"{h.Date:yyyy-MM-dd} is given twice (first on line {seen[h.Date]})."));
            }
        }

        if (holidays.Count == 0)
        {
            errors.Add(new(1, 0, "The file holds no holiday."));
        }

        return errors;
    }
}
