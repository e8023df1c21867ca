namespace OpenAeo.Domain.Shared;

/// <summary>
/// The declaration-level event format of the Time Release spec (time-release.md): what clearance exports and a study
/// reads. Shared because Clearance, which writes it, may not import TimeRelease: TimeRelease reads Clearance already.
/// </summary>
public static class TimeReleaseEvents
{
    /// <summary>The spec's columns, in its order; a file may carry more, which a study keeps and can group by.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "declaration_id",
        "reporter",
        "origin",
        "mode",
        "channel",
        "aeo",
        "sme",
        "importer_tin",
        "office",
        "office_tz",
        "arrival_at",
        "lodged_at",
        "released_at",
        "delivered_at",
    ];
}
