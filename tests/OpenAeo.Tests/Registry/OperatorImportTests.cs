using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Registry;

public sealed class Operator_import : IDisposable
{
    private const string Header = "tin,legal_name,economy,roles,employees,turnover,sector,consent";
    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-import-").FullName;

    private string File(string name, params string[] lines)
    {
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static Task<int> OperatorCount(OpenAeoApp app) => app.WithDb(db => db.Operators().CountAsync());

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_good_file_is_imported_with_every_column(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var path = File(
            "good.csv",
            Header,
            "tw-0000 0001,Formosa Tools,TW,exporter;manufacturer,48,9500000.50,Machine tools,yes",
            "JP1000000001,\"Osaka Ceramics, K.K.\",,Exporter,210,,Ceramics,false",
            "NZ1,Kiwi Orchard,NZ,Exporter,,,,"
        );

        var (exit, output, error) = await app.Cli("operators", "import", path);

        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldContain("3 rows; 3 registered, 0 updated, 0 unchanged");
        var formosa = await app.WithDb(db => db.Operators().SingleAsync(o => o.Tin == Tin.FromTrusted("TW00000001")));
        formosa.Roles.ShouldBe(OperatorRoles.Exporter | OperatorRoles.Manufacturer);
        formosa.Turnover.ShouldBe(9_500_000.50m);
        formosa.ConsentToExchange.ShouldBeTrue();
        var osaka = await app.WithDb(db => db.Operators().SingleAsync(o => o.Tin == Tin.FromTrusted("JP1000000001")));
        osaka.LegalName.ShouldBe("Osaka Ceramics, K.K.");
        osaka.EconomyCode.ShouldBe("JP");
        var audit = await app.WithDb(db => db.AuditEntries().SingleAsync(a => a.Action == "operators.imported"));
        audit.Details!.ShouldContain("\"registered\":3");
        audit.Actor.ShouldStartWith("cli:");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_bad_last_row_stops_the_import_with_file_line_and_column_and_nothing_is_written(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var before = await OperatorCount(app);
        var rows = Enumerable.Range(1, 500).Select(i => $"TW{i},Operator {i},TW,Importer,{i},,,true").ToList();
        rows.Add("TW9999,Last one,TW,Importer,many,,,true");
        var path = File("bad.csv", [Header, .. rows]);

        var (exit, output, error) = await app.Cli("operators", "import", path);

        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain("bad.csv:502:5 (employees): 'many' is not a whole number");
        error.ShouldContain("Nothing was imported.");
        (await OperatorCount(app)).ShouldBe(before);
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Action == "operators.imported"))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_big_file_is_written_batch_by_batch_while_it_is_read_and_a_bad_last_row_still_leaves_nothing(string provider)
    {
        // Each time the reader asks the stream for more bytes, the test looks into the import's own transaction: operators of
        // the file are written before its end is read (an import that read the whole file first would show none), and the
        // bad last row still rolls every one of them back. A TIN first met two batches earlier is still named as repeated.
        await using var app = await OpenAeoApp.On(provider);
        var before = await OperatorCount(app);
        const int count = 12_000;
        string[] rows = [.. Enumerable.Range(0, count).Select(i => $"TW55{i:D8},Operator {i},TW,Importer,,,,true")];
        var bytes = Encoding.UTF8.GetBytes(
            string.Join("\n", [Header, .. rows, rows[1], "TW5599999999,Last one,TW,Importer,many,,,true"]) + "\n"
        );
        var mostSeenWhileReading = 0;
        FileImportException? failure = null;
        await app.WithDb(async db =>
        {
            using var stream = new WatchedStream(bytes, () =>
                mostSeenWhileReading = Math.Max(mostSeenWhileReading, db.Operators().Count() - before)
            );
            using var input = CsvInput.Open("big.csv", stream);
            failure = await Should.ThrowAsync<FileImportException>(() =>
                ImportOperators.Run(input, Actor.Cli, db, TimeProvider.System, null, CancellationToken.None)
            );
        });

        failure!
            .Errors.Select(e => e.ToString())
            .ShouldBe([
                $"big.csv:{count + 2}:1 (tin): TW5500000001 appears again (first on line 3); a file holds each operator once",
                $"big.csv:{count + 3}:5 (employees): 'many' is not a whole number",
            ]);
        mostSeenWhileReading.ShouldBeGreaterThan(0);
        mostSeenWhileReading.ShouldBeLessThan(count);
        (await OperatorCount(app)).ShouldBe(before);
    }

    /// <summary>A file in memory that calls back before each read.</summary>
    private sealed class WatchedStream(byte[] bytes, Action beforeRead) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            beforeRead();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            beforeRead();
            return base.Read(buffer);
        }
    }

    [Fact]
    public async Task Every_bad_cell_is_reported_with_its_reason()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var path = File(
            "many-errors.csv",
            Header,
            "XX,,TW,Importer,,,,",
            "TW1,No roles,TW,,,,,",
            "TW2,Pilot,TW,Importer;Pilot,,,,",
            "TW3,Wrong economy,JP,Importer,,,,",
            "TW4,Bad consent,TW,Importer,,,,maybe",
            "TW5,Bad turnover,TW,Importer,,12 000$,,"
        );

        var (exit, _, error) = await app.Cli("operators", "import", path);

        exit.ShouldBe(1);
        error.ShouldContain("many-errors.csv:2:1 (tin): A TIN is a two-letter economy code followed by 1 to 15 letters or digits.");
        error.ShouldContain("many-errors.csv:3:4 (roles): An operator plays at least one role");
        error.ShouldContain("many-errors.csv:4:4 (roles): 'Pilot' is not an operator role");
        error.ShouldContain("many-errors.csv:5:3 (economy): TIN TW3 was issued by TW");
        error.ShouldContain("many-errors.csv:6:8 (consent): 'maybe' is not true or false");
        error.ShouldContain("many-errors.csv:7:6 (turnover): '12 000$' is not a number");
        (await OperatorCount(app)).ShouldBe(0);
    }

    [Fact]
    public async Task A_TIN_twice_in_one_file_names_the_line_where_it_first_appeared()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var path = File("twice.csv", Header, "TW1,A,TW,Importer,,,,", "TW2,B,TW,Importer,,,,", "tw-1,C,TW,Importer,,,,");

        var (exit, _, error) = await app.Cli("operators", "import", path);

        exit.ShouldBe(1);
        error.ShouldContain("twice.csv:4:1 (tin): TW1 appears again (first on line 2)");
    }

    [Fact]
    public async Task Line_numbers_count_physical_lines_when_a_quoted_cell_spans_lines()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var path = File("multiline.csv", Header, "TW1,\"Formosa\nTools\nCo.\",TW,Importer,,,,", "TW2,Bad,TW,Importer,ten,,,");

        var (_, _, error) = await app.Cli("operators", "import", path);

        error.ShouldContain("multiline.csv:5:5 (employees): 'ten' is not a whole number");
    }

    [Fact]
    public async Task A_missing_column_fails_before_any_row_is_read_and_lists_the_expected_columns()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var path = File("columns.csv", "tin,name,economy", "TW1,Formosa,TW");

        var (exit, _, error) = await app.Cli("operators", "import", path);

        exit.ShouldBe(1);
        error.ShouldContain(
            "columns.csv:1: missing columns legal_name, roles; the header must name the columns tin,legal_name,"
                + "economy,roles,employees,turnover,sector,consent"
        );
    }

    [Fact]
    public async Task A_missing_file_is_an_error_not_a_crash()
    {
        await using var app = OpenAeoApp.OnSqlite();

        var (exit, _, error) = await app.Cli("operators", "import", Path.Combine(folder, "nope.csv"));

        exit.ShouldBe(1);
        error.ShouldContain("file not found");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Importing_again_updates_changed_operators_and_leaves_the_rest(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await app.Cli(
            "operators",
            "import",
            File("v1.csv", Header, "TW1,Formosa,TW,Exporter,48,,,true", "TW2,Keelung,TW,CustomsBroker,35,,,true")
        );

        var (exit, output, _) = await app.Cli(
            "operators",
            "import",
            File("v2.csv", Header, "TW1,Formosa,TW,Exporter,60,,,true", "TW2,Keelung,TW,CustomsBroker,35,,,true", "TW3,New,TW,Importer,,,,")
        );

        exit.ShouldBe(0);
        output.ShouldContain("3 rows; 1 registered, 1 updated, 1 unchanged");
        (await app.WithDb(db => db.Operators().SingleAsync(o => o.Tin == Tin.FromTrusted("TW1")))).Employees.ShouldBe(60);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_export_imports_back_into_an_empty_registry_unchanged(string provider)
    {
        await using var source = await OpenAeoApp.On(provider);
        await source.Cli(
            "operators",
            "import",
            File(
                "seed.csv",
                Header,
                "TW1,\"Formosa \"\"Tools\"\", Ltd.\",TW,Exporter;Manufacturer,48,9500000.5,\"Tools, machines\",true",
                "JP1,Osaka,JP,Importer,,,,false"
            )
        );
        var exported = Path.Combine(folder, "export.csv");

        var (exit, _, _) = await source.Cli("operators", "export", "--out", exported);
        await using var target = OpenAeoApp.OnSqlite();
        var (importExit, output, _) = await target.Cli("operators", "import", exported);

        exit.ShouldBe(0);
        importExit.ShouldBe(0);
        output.ShouldContain("2 rows; 2 registered");
        var original = await source.WithDb(db => db.Operators().OrderBy(o => o.Tin).Select(o => o.Details).ToListAsync());
        var copy = await target.WithDb(db => db.Operators().OrderBy(o => o.Tin).Select(o => o.Details).ToListAsync());
        copy.ShouldBe(original);
    }

    [Fact]
    public async Task The_api_import_answers_a_bad_file_with_a_problem_listing_line_and_column()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var csv = new StringContent($"{Header}\nTW1,Formosa,TW,Exporter,,,,\nTW2,Keelung,TW,Exporter,-5,,,\n", Encoding.UTF8, "text/csv");

        var response = await officer.PostAsync("/api/v1/operators/import?file=register.csv", csv);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Read<FileProblem>();
        problem.Title!.ShouldContain("nothing was written");
        var error = problem.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe("register.csv");
        error.Line.ShouldBe(3);
        error.Column.ShouldBe(5);
        error.ColumnName.ShouldBe("employees");
        (await OperatorCount(app)).ShouldBe(0);
    }

    [Fact]
    public async Task The_api_import_is_for_operator_editors_only()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var analyst = await app.ClientAs(Role.Analyst);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        var denied = await analyst.PostAsync(
            "/api/v1/operators/import",
            new StringContent($"{Header}\nTW1,F,TW,Exporter,,,,\n", Encoding.UTF8, "text/csv")
        );
        var allowed = await officer.PostAsync(
            "/api/v1/operators/import",
            new StringContent($"{Header}\nTW1,F,TW,Exporter,,,,\n", Encoding.UTF8, "text/csv")
        );

        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await allowed.Content.ReadFromJsonAsync<ImportResult>())!.Registered.ShouldBe(1);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
