using System.Globalization;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Files;

namespace OpenAeo.Registry;

/// <summary>Writes operators in the import format, so an export can be edited and imported back.</summary>
internal static class ExportOperators
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/operators/export", Handle).Produces<string>(StatusCodes.Status200OK, "text/csv");

    [EndpointSummary("The operators as a CSV file in the import format.")]
    [Authorize(Policies.Officers)]
    public static PushStreamHttpResult Handle([Limit(nameof(Limits.EconomyCode))] string? economy, OpenAeoDb db, CancellationToken ct) =>
        TypedResults.Stream(
            async body =>
            {
                await using var writer = CsvOutput.Writer(body);
                await Write(db, writer, economy, ct);
            },
            "text/csv; charset=utf-8",
            "operators.csv"
        );

    public static async Task<int> Write(OpenAeoDb db, TextWriter writer, string? economy, CancellationToken ct)
    {
        await CsvOutput.WriteRowAsync(writer, [.. ImportOperators.Required, .. ImportOperators.Optional], ct);
        var query = db.Operators().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(economy))
        {
            var code = economy.Trim().ToUpperInvariant();
            query = query.Where(o => o.EconomyCode == code);
        }

        var count = 0;
        await foreach (var o in query.OrderBy(o => o.Tin).AsAsyncEnumerable().WithCancellation(ct))
        {
            await CsvOutput.WriteRowAsync(
                writer,
                [
                    o.Tin.Value,
                    o.LegalName,
                    o.EconomyCode,
                    OperatorRoleNames.Format(o.Roles),
                    o.Employees?.ToString(CultureInfo.InvariantCulture),
                    o.Turnover?.ToString(CultureInfo.InvariantCulture),
                    o.Sector,
                    o.ConsentToExchange ? "true" : "false",
                ],
                ct
            );
            count++;
        }

        await writer.FlushAsync(ct);
        return count;
    }
}
