using System.Globalization;
using OpenAeo.Domain.Shared;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform.Files;

namespace OpenAeo.Tests.TimeRelease;

/// <summary>
/// Declaration-level events full of the cases that break release-time arithmetic: missing milestones, negative
/// durations, every offset form, local times without offset (including times that happen twice or never at a
/// daylight-saving change), an unknown zone, unreadable cells, empty group values, cells with one row, and ties.
/// Deterministic for a seed, so a failure can be replayed.
/// </summary>
internal static class EdgeCaseEvents
{
    public const string Header =
        "declaration_id,reporter,origin,mode,channel,aeo,office,office_tz,arrival_at,lodged_at,released_at,delivered_at,importer_tin";

    private static readonly string[] Zones = ["Asia/Taipei", "Asia/Taipei", "America/New_York", "Australia/Sydney", "Europe/London", ""];

    /// <summary>Instants near the windows' edges, the split and the 2019 daylight-saving changes in New York and Sydney.</summary>
    private static readonly DateTime[] Anchors =
    [
        new(2018, 10, 12, 0, 0, 0),
        new(2019, 3, 10, 1, 30, 0),
        new(2019, 4, 7, 2, 30, 0),
        new(2019, 5, 21, 16, 0, 0),
        new(2019, 5, 22, 0, 0, 0),
        new(2019, 5, 22, 3, 59, 0),
        new(2019, 10, 6, 1, 45, 0),
        new(2019, 11, 3, 1, 30, 0),
        new(2019, 12, 31, 23, 0, 0),
        new(2020, 1, 1, 0, 30, 0),
    ];

    /// <summary>Durations from a small set (ties) and from a wide range, some negative and some zero.</summary>
    private static readonly long[] TiedSeconds = [0, 60, 60, 600, 3_600, 3_600, 7_200, 86_400];

    public static string Write(string path, int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var zone = Zones[random.Next(Zones.Length)];
            var info = zone.Length == 0 ? TimeZoneInfo.Utc : TimeZones.Find(zone)!;
            if (random.Next(400) == 0)
            {
                zone = "Mars/Base";
            }

            var lodgedUtc =
                random.Next(3) == 0
                    ? Anchors[random.Next(Anchors.Length)].AddMinutes(random.Next(-120, 120))
                    : new DateTime(2018, 9, 1).AddSeconds(random.NextInt64(0, 500L * 86_400));
            var seconds =
                random.Next(4) == 0 ? TiedSeconds[random.Next(TiedSeconds.Length)] : (long)(-Math.Log(1 - random.NextDouble()) * 4 * 3600);
            if (random.Next(40) == 0)
            {
                seconds = -random.Next(1, 7200);
            }

            var releasedUtc = lodgedUtc.AddSeconds(seconds).AddTicks(random.Next(3) == 0 ? random.Next(10_000_000) : 0);
            var arrivalUtc = lodgedUtc.AddSeconds(-random.Next(-3_600, 3 * 86_400));
            var deliveredUtc = releasedUtc.AddHours(random.Next(1, 72));
            string[] origins = ["JP", "KR", "AU", "US", "", $"X{random.Next(60)}"];
            string[] modes = ["sea", "air", "air", "express", ""];
            string[] channels = ["green", "green", "paper", "exam", ""];
            text.AppendJoin(
                ',',
                $"D{i}",
                "TW",
                origins[random.Next(origins.Length)],
                modes[random.Next(modes.Length)],
                channels[random.Next(channels.Length)],
                random.Next(2) == 0 ? "true" : "false",
                "TWKEL",
                zone,
                Cell(random, arrivalUtc, info, zone),
                Cell(random, lodgedUtc, info, zone),
                Cell(random, releasedUtc, info, zone),
                Cell(random, deliveredUtc, info, zone),
                // Not drawn from the generator, so the rows stay those the other tests were written against.
                i % 10
                == 3
                    ? ""
                    : $"TW{i * 7_919 % 80:D8}"
            );
            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>A timestamp in one of the accepted forms, or missing, or unreadable.</summary>
    private static string Cell(Random random, DateTime utc, TimeZoneInfo zone, string zoneName)
    {
        var roll = random.Next(100);
        if (roll < 4)
        {
            return "";
        }

        if (roll < 6)
        {
            string[] bad =
            [
                "n/a",
                "2019-02-30T10:00:00Z",
                "2019-05-22",
                "22/05/2019 10:00",
                "2019-05-22T10:00:00+25:00",
                " 2019-05-22T10:00Z",
            ];
            return bad[random.Next(bad.Length)];
        }

        if (roll < 8 && zoneName == "America/New_York")
        {
            // Local times at New York's 2019 changes: 02:30 on 10 March never happened, 01:30 on 3 November twice.
            return random.Next(2) == 0 ? "2019-03-10T02:30:00" : "2019-11-03 01:30:00";
        }

        var separator = random.Next(4) == 0 ? ' ' : 'T';
        var fraction = random.Next(5) switch
        {
            0 => "." + (utc.Ticks % 10_000_000).ToString("D7", CultureInfo.InvariantCulture)[..random.Next(1, 7)],
            1 => "." + (utc.Ticks % 10_000_000).ToString("D7", CultureInfo.InvariantCulture) + "12",
            _ => "",
        };
        if (roll < 30 && zoneName.Length > 0)
        {
            // No offset: the office's local clock, read back in office_tz (an error when the row has none).
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
            return local.ToString($"yyyy-MM-dd'{separator}'HH:mm:ss", CultureInfo.InvariantCulture) + fraction;
        }

        if (roll < 33)
        {
            return utc.ToString($"yyyy-MM-dd'{separator}'HH:mm:ss", CultureInfo.InvariantCulture) + fraction;
        }

        var offsetMinutes = new[] { 0, 480, 480, -300, 600, 330, -210 }[random.Next(7)];
        var clock = utc.AddMinutes(offsetMinutes);
        var sign = offsetMinutes < 0 ? '-' : '+';
        var abs = Math.Abs(offsetMinutes);
        var offset =
            offsetMinutes == 0 && random.Next(2) == 0
                ? "Z"
                : (
                    random.Next(3) switch
                    {
                        0 => $"{sign}{abs / 60:D2}:{abs % 60:D2}",
                        1 => $"{sign}{abs / 60:D2}{abs % 60:D2}",
                        _ => abs % 60 == 0 ? $"{sign}{abs / 60:D2}" : $"{sign}{abs / 60:D2}:{abs % 60:D2}",
                    }
                );
        return clock.ToString($"yyyy-MM-dd'{separator}'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + offset;
    }

    /// <summary>The reference calculation over a CSV file read with Sylvan, line numbers and all.</summary>
    public static StudyResult Oracle(string path, StudyDefinition study)
    {
        using var input = CsvInput.OpenFile(path);
        var columns = input.Columns.Select(c => c.ToLowerInvariant()).ToList();
        return ReferenceCalculation.Run(study, Path.GetFileName(path), columns, Rows(input, columns.Count), TimeZones.Find);
    }

    /// <summary>Streams the rows, so a file of a million rows never sits in memory as strings.</summary>
    private static IEnumerable<ReferenceCalculation.Row> Rows(CsvInput input, int width)
    {
        while (input.Read())
        {
            yield return new ReferenceCalculation.Row(input.Line, [.. Enumerable.Range(0, width).Select(input.Cell)]);
        }
    }
}
