using System.Collections.Frozen;
using System.Globalization;
using NodaTime;

namespace OpenAeo.Platform.Web.Wording;

/// <summary>
/// The one formatter for an instant people read: on the clock of the place it belongs to (the office, the programme,
/// the node) with that zone's abbreviation, "2026-03-02 08:15 CST". An instant printed in UTC makes the officer at a
/// border post do arithmetic; the abbreviation says which clock is meant.
/// </summary>
internal static class LocalTime
{
    /// <summary>The IANA zone ids of the tz database this formatter reads (NodaTime's), the ones a person may choose.</summary>
    public static readonly IReadOnlySet<string> ZoneIds = DateTimeZoneProviders.Tzdb.Ids.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The instant on the clock of the IANA zone <paramref name="zoneId"/>; UTC when the zone is unknown.</summary>
    public static string Of(DateTimeOffset? at, string? zoneId) =>
        at is { } t && Parts(t, zoneId) is var (day, clock, zone)
            ? $"{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {clock} {zone}"
            : "";

    /// <summary>
    /// The instant a wall-clock time means in the IANA zone <paramref name="zoneId"/> (UTC when unknown), as a form without a zone
    /// sends it; a time the clocks skip is moved forward, one they repeat is its earlier occurrence.
    /// </summary>
    public static DateTimeOffset FromWallClock(DateTime wallClock, string? zoneId)
    {
        var zone = (zoneId is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)) ?? DateTimeZone.Utc;
        return LocalDateTime.FromDateTime(wallClock).InZoneLeniently(zone).ToDateTimeOffset();
    }

    /// <summary>The local day, the clock ("08:15") and the zone's abbreviation, for pages that write the day in words.</summary>
    public static (DateOnly Day, string Clock, string Zone) Parts(DateTimeOffset at, string? zoneId)
    {
        var zone = (zoneId is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)) ?? DateTimeZone.Utc;
        var local = Instant.FromDateTimeOffset(at).InZone(zone);
        return (
            DateOnly.FromDateTime(local.LocalDateTime.ToDateTimeUnspecified()),
            local.ToString("HH':'mm", CultureInfo.InvariantCulture),
            Abbreviation(local)
        );
    }

    /// <summary>
    /// The zone's abbreviation at that instant, as the tz database names it ("CST", "JST", "AEDT"); where the database
    /// has only a number ("+08") the offset reads "UTC+08", never a bare number.
    /// </summary>
    public static string Abbreviation(ZonedDateTime local)
    {
        var name = local.GetZoneInterval().Name;
        return name.Length > 0 && (name[0] is '+' or '-') ? "UTC" + name : name;
    }
}
