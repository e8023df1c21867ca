using OpenAeo.Domain.Registry;
using OpenAeo.Registry;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.Platform.Files;

/// <summary>Every upload has a configurable size limit (<c>Uploads:*Megabytes</c>); a larger one is refused with 413 and stores
/// nothing.</summary>
public class Upload_limits
{
    private static readonly Dictionary<string, string> OneMegabyteEach = new()
    {
        ["Uploads:ImportMegabytes"] = "1",
        ["Uploads:DocumentMegabytes"] = "1",
        ["Uploads:StudyInputMegabytes"] = "1",
    };

    private static byte[] OperatorsCsv(int rows) =>
        Encoding.UTF8.GetBytes(
            "tin,legal_name,economy,roles,employees,turnover,sector,consent\n"
                + string.Concat(
                    Enumerable
                        .Range(1, rows)
                        .Select(i =>
                            $"TW{i:D8},Operator number {i} with a long enough name to fill the file,TW,Importer,10,1000,Tools,true\n"
                        )
                )
        );

    private static async Task ShouldBeTooLarge(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Read<Problem>()).Detail.ShouldBe("The body is larger than this endpoint accepts (1 MB).");
    }

    [Fact]
    public async Task An_import_over_its_limit_is_refused_with_413_and_nothing_is_imported_while_one_under_it_is_imported()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var host = RealHttp.Serve(app, OneMegabyteEach);
        var officer = await RealHttp.ClientAs(host, app, Role.ProgrammeOfficer);
        var large = OperatorsCsv(15_000);
        var small = OperatorsCsv(3_000);
        large.Length.ShouldBeGreaterThan(1 << 20);
        small.Length.ShouldBeLessThan(1 << 20);

        var refused = await officer.PostAsync(
            "/api/v1/operators/import",
            new ByteArrayContent(large) { Headers = { ContentType = new("text/csv") } }
        );
        await ShouldBeTooLarge(refused);
        (await app.WithDb(db => db.Operators().CountAsync())).ShouldBe(0);

        var imported = await officer.PostAsync(
            "/api/v1/operators/import",
            new ByteArrayContent(small) { Headers = { ContentType = new("text/csv") } }
        );
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await app.WithDb(db => db.Operators().CountAsync())).ShouldBe(3_000);
    }

    [Fact]
    public async Task A_study_input_or_a_document_over_its_limit_is_refused_with_413_and_not_stored()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var host = RealHttp.Serve(app, OneMegabyteEach);
        await app.WithDb(db =>
            RegisterOperator.Execute(
                new OperatorRequest("TW1", "Formosa", null, ["Importer"], null, null, null, null, null),
                Actor.System,
                db,
                app.Clock,
                CancellationToken.None
            )
        );
        var analyst = await RealHttp.ClientAs(host, app, Role.Analyst);
        var trader = await RealHttp.ClientAs(host, app, Role.Trader, "TW1");
        MultipartFormDataContent Form(int bytes) => new() { { new ByteArrayContent(new byte[bytes]), "file", "big.csv" } };

        await ShouldBeTooLarge(await analyst.PostAsync("/api/v1/trs/inputs", Form(1_500_000)));
        await ShouldBeTooLarge(await trader.PostAsync("/api/v1/applications/1/documents", Form(1_500_000)));

        (await analyst.Get<StudyInputJson[]>("/api/v1/trs/inputs")).ShouldBeEmpty();
        var stored = await analyst.PostAsync(
            "/api/v1/trs/inputs",
            new MultipartFormDataContent
            {
                { new ByteArrayContent(Encoding.UTF8.GetBytes("declaration_id,lodged_at,released_at\n")), "file", "small.csv" },
            }
        );
        stored.StatusCode.ShouldBe(HttpStatusCode.Created, await stored.Content.ReadAsStringAsync());
    }
}
