using System.Net.Http.Headers;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Platform.Files;

/// <summary>
/// Damaged CSV files, generated here byte for byte, through every reader: each is refused as <c>file:line:column</c>
/// with a reason (never a stack trace, never stored with replacement characters), and nothing is imported.
/// </summary>
public sealed class Csv_torture(Csv_torture.DemoDatabase demo) : IDisposable, IClassFixture<Csv_torture.DemoDatabase>
{
    /// <summary>
    /// One demo-seeded database for the class: every damaged import runs against the same populated database and must
    /// leave its counts unchanged, so a half-applied import fails the case that caused it. Seeding once instead of per
    /// case keeps the 44 cases from spending a demo seed each.
    /// </summary>
    public sealed class DemoDatabase : IAsyncLifetime
    {
        public OpenAeoApp App { get; } = OpenAeoApp.OnSqlite();

        public async ValueTask InitializeAsync()
        {
            var (exit, _, error) = await App.Cli("demo", "seed");
            exit.ShouldBe(0, error);
        }

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-torture-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private const string OperatorHeader = "tin,legal_name,economy,roles,employees,turnover,sector,consent";

    /// <summary>One importer: its verb, its header, a good row; column 2 is where the damage goes.</summary>
    public sealed record Importer(string Noun, string[] Header, string[] Row);

    public static readonly Importer Operators = new(
        "operators",
        [.. ImportOperators.Required, .. ImportOperators.Optional],
        ["TW00000099", "Formosa Tools", "TW", "Importer", "", "", "", "true"]
    );

    public static readonly Importer Certificates = new(
        "certificates",
        ["tin", "programme", "certificate_number", "tier", "valid_from", "valid_until", "status"],
        ["TW00000001", "TW", "TW-AEO-2026-0001", "", "2026-01-05", "", "Active"]
    );

    public static readonly Importer Mras = new("mras", ["parties", "status", "name"], ["TW,NZ", "Signed", "A test arrangement"]);

    public static readonly Importer Declarations = new(
        "declarations",
        OpenAeo.Clearance.ImportDeclarations.Required,
        ["T-1", "Import", "Sea", "JP", "TW", "TWKEL", "Asia/Taipei", "847130", "100", "2026-03-02T09:00:00"]
    );

    public static TheoryData<string> Importers => new() { "operators", "certificates", "mras", "declarations" };

    private static Importer Named(string noun) =>
        noun switch
        {
            "operators" => Operators,
            "certificates" => Certificates,
            "mras" => Mras,
            _ => Declarations,
        };

    private static string Line(IEnumerable<string> cells) => CsvOutput.Line(cells);

    private static string[] With(string[] row, int index, string cell) => [.. row.Select((c, i) => i == index ? cell : c)];

    /// <summary>The damaged files every importer must refuse, with the start of the message each must print.</summary>
    private static IEnumerable<(string Case, byte[] Bytes, string Expected)> Damaged(Importer importer, string file)
    {
        var header = Line(importer.Header);
        var row = Line(importer.Row);
        var second = importer.Header[1];
        yield return ("empty", [], $"{file}:1: the file is empty; its first line must name the columns");
        yield return ("only blank lines", "\n\n\n"u8.ToArray(), $"{file}:1: the file is empty");

        // An opening quote in column 2 that never closes: the rest of the file would be one cell.
        var unterminated = Line(importer.Row.Take(1)).TrimEnd('\n') + ",\"" + string.Join(",", importer.Row.Skip(1)) + "\n";
        yield return (
            "unterminated quote",
            Encoding.UTF8.GetBytes(header + unterminated),
            $"{file}:2:2 ({second}): the quoted cell that starts here is never closed"
        );

        yield return (
            "text after a closing quote",
            Encoding.UTF8.GetBytes(
                header
                    + Line(importer.Row.Take(1)).TrimEnd('\n')
                    + ",\"quoted\" then text,"
                    + string.Join(",", importer.Row.Skip(2).Select(CsvOutput.Escape))
                    + "\n"
            ),
            $"{file}:2:2 ({second}): after a cell's closing quote only a comma or the end of the line may follow"
        );

        yield return (
            "a cell over 1 MiB",
            Encoding.UTF8.GetBytes(header + row + Line(With(importer.Row, 1, new string('x', CsvTextGuard.MaxCellLength + 1)))),
            $"{file}:3:2 ({second}): a cell holds at most 1 MiB of text"
        );

        // "Müller" in ISO-8859-1: 0xFC is not UTF-8.
        yield return (
            "not UTF-8",
            [.. Encoding.UTF8.GetBytes(header + row), .. Encoding.Latin1.GetBytes(Line(With(importer.Row, 1, "Müller")))],
            $"{file}:3:2 ({second}): the file is not UTF-8: bytes here do not decode"
        );

        yield return (
            "UTF-16 without its byte order mark",
            Encoding.Unicode.GetBytes(header + row),
            $"{file}:1:1: the NUL character (U+0000) is not text; is the file binary, or UTF-16 without its byte order mark?"
        );

        yield return (
            "a control character",
            Encoding.UTF8.GetBytes(header + Line(With(importer.Row, 1, "bell\u0007"))),
            $"{file}:2:2 ({second}): the control character U+0007 is not text"
        );

        yield return (
            "an unknown column",
            Encoding.UTF8.GetBytes(Line([.. importer.Header, "colour"]) + Line([.. importer.Row, "red"])),
            $"{file}:1:{importer.Header.Length + 1} (colour): 'colour' is not a column of this file; the columns are"
        );

        yield return (
            "a column named twice",
            Encoding.UTF8.GetBytes(
                Line([.. importer.Header, importer.Header[0].ToUpperInvariant()]) + Line([.. importer.Row, importer.Row[0]])
            ),
            $"{file}:1:{importer.Header.Length + 1} ({importer.Header[0].ToUpperInvariant()}): the column "
                + $"{importer.Header[0].ToUpperInvariant()} is named twice (columns 1 and {importer.Header.Length + 1})"
        );

        // Cells under 1 MiB each, a row over 1.5 million characters: refused in the cell where the row passes the limit.
        var wide = importer.Row.Select((c, i) => i == 1 || i == 2 ? new string('y', 1_000_000) : c);
        yield return (
            "a row over 1.5 million characters",
            Encoding.UTF8.GetBytes(header + Line(wide)),
            $"{file}:2:3 ({importer.Header[2]}): a row holds at most 1,500,000 characters of text"
        );
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var noun in new[] { "operators", "certificates", "mras", "declarations" })
        {
            foreach (var (name, _, _) in Damaged(Named(noun), "x.csv"))
            {
                data.Add(noun, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_importer_refuses_a_damaged_file_with_its_line_and_column_and_imports_nothing(string noun, string damage)
    {
        var importer = Named(noun);
        var file = $"{noun}-{damage.Replace(' ', '-')}.csv";
        var (_, bytes, expected) = Damaged(importer, file).Single(c => c.Case == damage);
        var path = Path.Combine(folder, file);
        await File.WriteAllBytesAsync(path, bytes);
        var app = demo.App;
        var before = await Counts(app);

        var (exit, output, error) = await app.Cli(noun, "import", path);

        exit.ShouldBe(1, output + error);
        error.ShouldStartWith(expected);
        error.ShouldContain("Nothing was imported.");
        error.ShouldNotContain("Exception");
        error.ShouldNotContain("   at ");
        (await Counts(app)).ShouldBe(before);
    }

    private static Task<(int, int, int, int)> Counts(OpenAeoApp app) =>
        app.WithDb(async db =>
            (
                await db.Operators().CountAsync(),
                await OpenAeo.Certification.CertificationPersistence.Certificates(db).CountAsync(),
                await OpenAeo.MutualRecognition.MutualRecognitionPersistence.Mras(db).CountAsync(),
                await OpenAeo.Clearance.ClearancePersistence.Declarations(db).CountAsync()
            )
        );

    [Fact]
    public async Task Lines_are_physical_lines_through_CRLF_blank_lines_and_cells_that_span_lines_and_trailing_blank_lines_are_fine()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var good = Path.Combine(folder, "good.csv");
        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(
            good,
            $"{OperatorHeader}\r\nTW1,Formosa,TW,Importer,,,,\r\n\r\nTW2,\"Keelung, \"\"Harbour\"\"\",TW,Importer,,,,\r\n\r\n\r\n"
        );
        await File.WriteAllTextAsync(
            bad,
            $"{OperatorHeader}\r\nTW1,Formosa,TW,Importer,,,,\r\n\r\nTW2,\"Two\r\nlines\",TW,Importer,,,,\r\nTW3,Bad,TW,Pilot,,,,\r\n\r\n"
        );

        var imported = await app.Cli("operators", "import", good);
        var refused = await app.Cli("operators", "import", bad);

        imported.Exit.ShouldBe(0, imported.Error);
        imported.Output.ShouldContain("2 rows");
        (await app.WithDb(db => db.Operators().SingleAsync(o => o.Tin == Tin.FromTrusted("TW2")))).LegalName.ShouldBe(
            "Keelung, \"Harbour\""
        );
        refused.Exit.ShouldBe(1);
        refused
            .Error.Split(Environment.NewLine)
            .Take(2)
            .ShouldBe([
                "bad.csv:4:2 (legal_name): A legal name may not contain a line break.",
                "bad.csv:6:4 (roles): 'Pilot' is not an operator role; use one of " + string.Join(", ", OperatorRoleNames.All),
            ]);
    }

    [Fact]
    public async Task A_name_with_a_direction_override_is_refused_by_the_domain_with_its_cell()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var path = Path.Combine(folder, "rtl.csv");
        await File.WriteAllTextAsync(path, $"{OperatorHeader}\nTW1,Formosa,TW,Importer,,,,\nTW2,\u202Eexe.txt,TW,Importer,,,,\n");

        var (exit, _, error) = await app.Cli("operators", "import", path);

        exit.ShouldBe(1);
        error.ShouldStartWith("rtl.csv:3:2 (legal_name): A legal name may not contain the text direction control U+202E");
        (await app.WithDb(db => db.Operators().CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_file_in_a_declared_encoding_is_read_in_it_and_an_unknown_encoding_is_a_usage_error()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var path = Path.Combine(folder, "latin1.csv");
        await File.WriteAllBytesAsync(
            path,
            Encoding.Latin1.GetBytes($"{OperatorHeader}\nTW1,Müller Präzision GmbH,TW,Importer,,,Maschinenbau,\n")
        );

        var refused = await app.Cli("operators", "import", path);
        var read = await app.Cli("operators", "import", path, "--encoding", "iso-8859-1");
        var unknown = await app.Cli("operators", "import", path, "--encoding", "klingon");

        refused.Exit.ShouldBe(1);
        refused.Error.ShouldStartWith("latin1.csv:2:2 (legal_name): the file is not UTF-8");
        read.Exit.ShouldBe(0, read.Error);
        (await app.WithDb(db => db.Operators().SingleAsync())).LegalName.ShouldBe("Müller Präzision GmbH");
        unknown.Exit.ShouldBe(2);
        unknown.Error.ShouldContain("'klingon' is not an encoding this system knows");
    }

    [Fact]
    public async Task A_certificate_dated_in_year_9999_is_refused_with_its_cell()
    {
        var app = demo.App;
        var path = Path.Combine(folder, "late.csv");
        await File.WriteAllTextAsync(path, Line(Certificates.Header) + Line(With(Certificates.Row, 4, "9999-12-31")));

        var (exit, _, error) = await app.Cli("certificates", "import", path);

        exit.ShouldBe(1);
        error.ShouldStartWith("late.csv:2:5 (valid_from): '9999-12-31' is not a date from 1900-01-01 to 2199-12-31");
    }

    [Fact]
    public async Task The_averages_template_refuses_a_damaged_file_with_its_line_and_column()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var fixture = await File.ReadAllLinesAsync(
            Path.Combine(
                OpenAeo.Tests.TimeRelease.The_report_tables_2_to_7.RepositoryRoot(),
                "src/OpenAeo/TimeRelease/Fixtures/apec-2020-tables-2-7.csv"
            )
        );
        var path = Path.Combine(folder, "template.csv");
        await File.WriteAllBytesAsync(
            path,
            [
                .. Encoding.UTF8.GetBytes(fixture[0] + "\n" + fixture[1] + "\n"),
                .. Encoding.Latin1.GetBytes(fixture[2].Replace("TW,JP", "TW,JÜ", StringComparison.Ordinal) + "\n"),
            ]
        );

        var (exit, output, error) = await app.Cli("trs", "template", path);

        exit.ShouldBe(1, output);
        error.ShouldStartWith("template.csv:3:2 (partner): the file is not UTF-8");
        error.ShouldNotContain("Exception");
    }

    [Theory]
    [InlineData("empty", "", "events.csv:1: the file is empty")]
    [InlineData(
        "unterminated",
        "declaration_id,lodged_at,released_at\nD1,2026-03-02T09:00:00Z,\"2026-03-02T10:00:00Z\nD2,"
            + "2026-03-02T09:00:00Z,2026-03-02T11:00:00Z\n",
        "events.csv:2:3 (released_at): the quoted cell that starts here is never closed"
    )]
    public async Task A_study_refuses_a_damaged_events_file_with_its_line_and_column(string damage, string text, string expected)
    {
        await using var app = OpenAeoApp.OnSqlite();
        var path = Path.Combine(folder, "events.csv");
        await File.WriteAllTextAsync(path, text);

        var (exit, output, error) = await app.TrsRun(path, "mode", "--split", "2026-03-01", "--format", "json");

        exit.ShouldBe(1, $"{damage}: {output}");
        error.ShouldContain(expected);
        error.ShouldNotContain("Exception");
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Damage_deep_in_a_large_events_file_is_located_by_line_and_column()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var path = Path.Combine(folder, "deep.csv");
        var rows = string.Concat(
            Enumerable.Range(1, 5_000).Select(i => $"D{i},sea,2026-03-0{1 + (i % 5)}T09:00:00Z,2026-03-0{1 + (i % 5)}T13:00:00Z\n")
        );
        await File.WriteAllBytesAsync(
            path,
            [
                .. Encoding.UTF8.GetBytes("declaration_id,mode,lodged_at,released_at\n" + rows),
                .. Encoding.Latin1.GetBytes("D5001,s\u00FCa,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\n"),
            ]
        );

        var (exit, output, error) = await app.TrsRun(path, "mode", "--split", "2026-03-03", "--format", "json");

        exit.ShouldBe(1, output);
        error.ShouldContain("deep.csv:5002:2 (mode): the file is not UTF-8");
        error.ShouldNotContain("Exception");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_import_endpoints_answer_a_damaged_upload_with_the_cell_and_read_the_charset_the_upload_names(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var border = await app.ClientAs(Role.BorderOfficer);
        static HttpContent Csv(byte[] bytes, string? charset = null)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = charset };
            return content;
        }

        var unterminated = await officer.PostAsync(
            "/api/v1/operators/import?file=ops.csv",
            Csv(Encoding.UTF8.GetBytes($"{OperatorHeader}\nTW1,\"Formosa,TW,Importer,,,,\n"))
        );
        var empty = await border.PostAsync("/api/v1/declarations/import?file=decl.csv", Csv([]));
        var latin1 = await officer.PostAsync(
            "/api/v1/operators/import?file=ops.csv",
            Csv(Encoding.Latin1.GetBytes($"{OperatorHeader}\nTW1,Müller GmbH,TW,Importer,,,,\n"), "iso-8859-1")
        );
        var unknown = await officer.PostAsync("/api/v1/operators/import", Csv(Encoding.UTF8.GetBytes($"{OperatorHeader}\n"), "klingon"));

        unterminated.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await unterminated.Read<FileProblem>();
        problem.Detail!.ShouldStartWith("ops.csv:2:2 (legal_name): the quoted cell that starts here is never closed");
        var first = problem.Errors[0];
        (first.Line, first.Column, first.ColumnName).ShouldBe((2, 2, "legal_name"));
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Read<FileProblem>()).Detail!.ShouldStartWith("decl.csv:1: the file is empty");
        latin1.StatusCode.ShouldBe(HttpStatusCode.OK, await latin1.Content.ReadAsStringAsync());
        (await app.WithDb(db => db.Operators().SingleAsync())).LegalName.ShouldBe("Müller GmbH");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Read<Problem>()).For("charset")[0].ShouldContain("'klingon' is not an encoding");
    }
}
