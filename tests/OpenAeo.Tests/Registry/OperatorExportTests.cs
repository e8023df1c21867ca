using System.Globalization;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;
using Sylvan.Data.Csv;

namespace OpenAeo.Tests.Registry;

public class Operator_export
{
    private const int Rows = 100_000;

    /// <summary>Names with commas, quotes, semicolons and non-Latin letters now and then, so escaping is exercised throughout.</summary>
    private static string LegalName(int i) =>
        (i % 7) switch
        {
            0 => $"Formosa \"Tools\", Ltd. {i}",
            1 => $"台灣精密工具 {i}",
            2 => $"O'Brien & Sons; Ltd {i}",
            _ => $"Operator {i}",
        };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_100000_row_export_arrives_whole_over_real_HTTP_and_every_row_parses(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        app.UseKestrel(0);
        var now = OpenAeoApp.Start;
        await app.WithDb(async db =>
        {
            var known = await db.EconomyCodesAsync(CancellationToken.None);
            var operators = Enumerable
                .Range(1, Rows)
                .Select(i =>
                    Operator
                        .Register(
                            Tin.FromTrusted($"TW{i:D8}"),
                            new OperatorDetails(
                                LegalName(i),
                                "TW",
                                i % 2 == 0 ? OperatorRoles.Importer : OperatorRoles.Exporter | OperatorRoles.Manufacturer,
                                i % 500,
                                i * 10.5m,
                                i % 3 == 0 ? "Tools, machines" : null,
                                i % 4 == 0
                            ),
                            known,
                            now
                        )
                        .Value!
                )
                .ToList();
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.InsertAsync(operators, CancellationToken.None);
            await tx.CommitAsync();
        });
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        using var response = await officer.GetAsync(
            "/api/v1/operators/export",
            HttpCompletionOption.ResponseHeadersRead,
            TestContext.Current.CancellationToken
        );

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("operators.csv");
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        await using var csv = await CsvDataReader.CreateAsync(new StreamReader(body), new CsvDataReaderOptions { HasHeaders = true });
        Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ShouldBe([.. ImportOperators.Required, .. ImportOperators.Optional]);
        var read = 0;
        while (await csv.ReadAsync(TestContext.Current.CancellationToken))
        {
            var i = read + 1;
            csv.RowFieldCount.ShouldBe(8, $"row {i}");
            csv.GetString(0).ShouldBe($"TW{i:D8}");
            csv.GetString(1).ShouldBe(LegalName(i));
            csv.GetString(3).ShouldBe(i % 2 == 0 ? "Importer" : "Exporter;Manufacturer");
            int.Parse(csv.GetString(4), CultureInfo.InvariantCulture).ShouldBe(i % 500);
            decimal.Parse(csv.GetString(5), CultureInfo.InvariantCulture).ShouldBe(i * 10.5m);
            csv.GetString(7).ShouldBe(i % 4 == 0 ? "true" : "false");
            read++;
        }

        read.ShouldBe(Rows);
        (await app.WithDb(db => db.Operators().CountAsync())).ShouldBe(Rows);
    }
}
