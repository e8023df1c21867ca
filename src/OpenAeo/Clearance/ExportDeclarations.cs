using System.Globalization;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Platform.Files;

namespace OpenAeo.Clearance;

/// <summary>
/// <c>openaeo declarations export</c>: one row per declaration in the declaration-level Time Release Study format
/// (time-release.md), so a study runs on OpenAeo's own clearance data, plus the lane, whether the importer was an
/// AEO and the consignor's recognition result when lodged; then the MRA it was recognised under, whether the random draw
/// selected it and how many agency documentary checks were waived for the AEO importer (what the border KPIs read).
/// </summary>
internal static class ExportDeclarations
{
    public static readonly string[] Columns =
    [
        .. TimeReleaseEvents.Columns,
        "lane",
        "importer_aeo",
        "consignor_recognition",
        "consignor_mra",
        "random_selection",
        "oga_waivers",
        "platform_tin",
    ];

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/declarations/export", Handle).Produces<string>(StatusCodes.Status200OK, "text/csv");

    [Authorize(ClearanceModule.CustomsReaders)]
    [EndpointSummary(
        "Every declaration lodged from/to (office-local days) as CSV in the declaration-level TRS format, "
            + "with lane, importer_aeo and consignor_recognition."
    )]
    public static PushStreamHttpResult Handle(DateOnly? from, DateOnly? to, OpenAeoDb db, CancellationToken ct) =>
        TypedResults.Stream(
            async body =>
            {
                await using var writer = CsvOutput.Writer(body);
                await Execute(db, from, to, writer, ct);
            },
            "text/csv; charset=utf-8",
            "declarations.csv"
        );

    /// <summary>The TRS channel of a lane: Green and Blue are released without checks, Yellow is paper, Red an examination.</summary>
    public static string Channel(Lane lane) =>
        lane switch
        {
            Lane.Green or Lane.Blue => "green",
            Lane.Yellow => "paper",
            _ => "exam",
        };

    public static async Task<int> Execute(OpenAeoDb db, DateOnly? from, DateOnly? to, TextWriter writer, CancellationToken ct)
    {
        var q = db.Declarations().AsNoTracking();
        if (from is { } f)
        {
            q = q.Where(d => d.LodgedOn >= f);
        }

        if (to is { } t)
        {
            q = q.Where(d => d.LodgedOn <= t);
        }

        // Waived agency checks are few next to declarations: one small map instead of a join per row.
        var waived = await db.AgencyCases()
            .AsNoTracking()
            .Where(c => c.DocumentaryCheckWaived)
            .GroupBy(c => c.DeclarationId)
            .Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        await CsvOutput.WriteRowAsync(writer, Columns, ct);
        var n = 0;
        var cells = new string?[Columns.Length];
        await foreach (var d in q.OrderBy(d => d.LodgedAt).ThenBy(d => d.Reference).AsAsyncEnumerable().WithCancellation(ct))
        {
            var aeo = d.PrincipalStatus is RecognitionResult.LocalAeo or RecognitionResult.RecognisedUnderMra ? "true" : "false";
            cells[0] = d.Reference;
            cells[1] = d.Type == DeclarationType.Import ? d.DestinationEconomy : d.OriginEconomy;
            cells[2] = d.OriginEconomy;
            cells[3] = d.Mode.ToString().ToLowerInvariant();
            cells[4] = Channel(d.Lane);
            cells[5] = aeo;
            cells[6] = d.PrincipalSme ? "true" : "false";
            cells[7] = d.ImporterTin ?? d.ExporterTin;
            cells[8] = d.Office;
            cells[9] = d.OfficeTimeZone;
            cells[10] = Time(d.ArrivalAt);
            cells[11] = Time(d.LodgedAt);
            cells[12] = Time(d.ReleasedAt);
            cells[13] = Time(d.DeliveredAt);
            cells[14] = d.Lane.ToString();
            cells[15] = aeo;
            cells[16] = d.ConsignorStatus?.ToString() ?? "";
            cells[17] = d.ConsignorMra ?? "";
            cells[18] = d.RandomlySelected ? "true" : "false";
            cells[19] = waived.GetValueOrDefault(d.Id).ToString(CultureInfo.InvariantCulture);
            cells[20] = d.EcommercePlatformTin;
            await CsvOutput.WriteRowAsync(writer, cells, ct);
            n++;
        }

        await writer.FlushAsync(ct);
        return n;
    }

    private static string? Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
