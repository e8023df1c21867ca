using DuckDB.NET.Data;
using OpenAeo.Clearance;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.Clearance;

public class Declaration_files
{
    private static string Folder() => Directory.CreateTempSubdirectory("openaeo-declarations-").FullName;

    private static Task<int> Count(OpenAeoApp app) => app.WithDb(db => Task.FromResult(db.Declarations().Count()));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Generated_traffic_is_reproducible_imports_with_lanes_and_exports_a_study_ready_file(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await Border.Open(app);
        var folder = Folder();
        var first = Path.Combine(folder, "a.csv");
        var second = Path.Combine(folder, "b.csv");

        var generated = await app.Cli(
            "declarations",
            "generate",
            "--count",
            "3000",
            "--seed",
            "11",
            "--out",
            first,
            "--from",
            "2026-01-01",
            "--to",
            "2026-02-28"
        );
        await app.Cli(
            "declarations",
            "generate",
            "--count",
            "3000",
            "--seed",
            "11",
            "--out",
            second,
            "--from",
            "2026-01-01",
            "--to",
            "2026-02-28"
        );
        var imported = await app.Cli("declarations", "import", first);
        var export = Path.Combine(folder, "trs.csv");
        var exported = await app.Cli("declarations", "export", "--out", export);

        generated.Exit.ShouldBe(0, generated.Error);
        (await File.ReadAllBytesAsync(second)).ShouldBe(await File.ReadAllBytesAsync(first));
        imported.Exit.ShouldBe(0, imported.Error);
        imported.Output.ShouldContain("3000 declarations imported");
        (await Count(app)).ShouldBe(3000);
        exported.Exit.ShouldBe(0, exported.Error);
        var lines = await File.ReadAllLinesAsync(export);
        lines[0].ShouldBe(string.Join(",", ExportDeclarations.Columns));
        lines.Length.ShouldBe(3001);
        var lanes = lines.Skip(1).Select(l => l.Split(',')[14]).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        lanes.Keys.ShouldContain("Green");
        lanes.Keys.ShouldContain("Red");

        // The export is the declaration-level TRS format: a study runs on it as on any other file.
        var (exit, output, error) = await app.TrsRun(export, "mode,aeo", "--split", "2026-02-01", "--format", "json");
        exit.ShouldBe(0, error);
        // The study report is the CLI's JSON document, read as the app's record of it.
        var study = Api.Parse<StudyJson>(output);
        study.DataQuality.Rows.ShouldBe(3000);
        study.DataQuality.RejectedRows.ShouldBe(0);
        study.Cells.Sum(c => c.Before.N + c.After.N).ShouldBe(3000);

        // --source openaeo studies the same data without a file: a snapshot of the export, frozen as an input.
        var direct = await app.TrsRunOnOwnData("mode,aeo", "--split", "2026-02-01", "--format", "json");
        direct.Exit.ShouldBe(0, direct.Error);
        // Written back out, so the cells compare number for number through the same records.
        JsonSerializer
            .Serialize(Api.Parse<StudyJson>(direct.Output).Cells, Api.Json)
            .ShouldBe(JsonSerializer.Serialize(study.Cells, Api.Json));

        // The same declarations cannot come in twice; nothing of the second attempt is written.
        var again = await app.Cli("declarations", "import", second);
        again.Exit.ShouldBe(1);
        again.Error.ShouldContain("b.csv:2:1 (declaration_id): declaration G11-00000001 was imported or lodged already");
        again.Error.ShouldContain("Nothing was imported.");
        (await Count(app)).ShouldBe(3000);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_export_downloads_over_real_HTTP_for_customs_officers_only_with_every_declaration_of_the_days_asked(
        string provider
    )
    {
        await using var app = await OpenAeoApp.On(provider);
        app.UseKestrel(0);
        await Border.Open(app);
        var file = Path.Combine(Folder(), "traffic.csv");
        (
            await app.Cli(
                "declarations",
                "generate",
                "--count",
                "3000",
                "--seed",
                "5",
                "--out",
                file,
                "--from",
                "2026-01-01",
                "--to",
                "2026-02-28"
            )
        ).Exit.ShouldBe(0);
        (await app.Cli("declarations", "import", file)).Exit.ShouldBe(0);
        var analyst = await app.ClientAs(OpenAeo.Domain.Registry.Role.Analyst);
        var trader = await app.ClientAs(OpenAeo.Domain.Registry.Role.Trader, "TW10000001");
        var ct = TestContext.Current.CancellationToken;

        var all = await analyst.GetStringAsync("/api/v1/declarations/export", ct);
        var february = await analyst.GetStringAsync("/api/v1/declarations/export?from=2026-02-01&to=2026-02-28", ct);
        var denied = await trader.GetAsync("/api/v1/declarations/export", ct);

        var lines = all.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(string.Join(",", ExportDeclarations.Columns));
        lines.Length.ShouldBe(3001);
        lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Count().ShouldBe(3000);
        var inFebruary = await app.WithDb(db =>
            Task.FromResult(db.Declarations().Count(d => d.LodgedOn >= new DateOnly(2026, 2, 1) && d.LodgedOn <= new DateOnly(2026, 2, 28)))
        );
        inFebruary.ShouldBeInRange(1, 2999);
        february.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(inFebruary + 1);
        denied.StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_bad_row_after_a_bulk_written_batch_leaves_nothing_and_a_repeat_across_batches_names_both_lines(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await Border.Open(app);
        var folder = Folder();
        // More rows than one batch, so the first 5,000 have gone through the bulk path (COPY on PostgreSQL) when the bad one comes.
        const int rows = 5_600;
        string Row(int n, string mode = "Sea") =>
            $"LATE-{n},Import,{mode},US,TW,TWKEL1,Asia/Taipei,TW10000002,847130;300490,1200;80,2026-03-01T08:00:00+08:00,"
            + "2026-03-01T09:30:00+08:00,2026-03-01T11:00:00+08:00";
        const string header =
            "declaration_id,type,mode,origin,destination,office,office_tz,importer_tin,hs_codes,item_values,"
            + "lodged_at,released_at,delivered_at";
        var late = Path.Combine(folder, "late.csv");
        await File.WriteAllLinesAsync(late, [header, .. Enumerable.Range(1, rows).Select(n => Row(n)), Row(rows + 1, "Rail")]);
        var repeated = Path.Combine(folder, "repeated.csv");
        await File.WriteAllLinesAsync(repeated, [header, .. Enumerable.Range(1, rows).Select(n => Row(n == 5_300 ? 3 : n))]);

        var (exit, _, error) = await app.Cli("declarations", "import", late);
        var again = await app.Cli("declarations", "import", repeated);

        exit.ShouldBe(1);
        error.ShouldContain($"late.csv:{rows + 2}:3 (mode): 'Rail' is not one of Sea, Air, Land, Post, Express");
        again.Exit.ShouldBe(1);
        again.Error.ShouldContain("repeated.csv:5301:1 (declaration_id): LATE-3 appears again (first on line 4)");
        (await Count(app)).ShouldBe(0);
        (await app.WithDb(db => Task.FromResult(db.DeclarationEvents().Count() + db.DeclarationItems().Count()))).ShouldBe(0);

        // The same file without its bad row goes in whole: every declaration with its items and milestones.
        await File.WriteAllLinesAsync(late, [header, .. Enumerable.Range(1, rows).Select(n => Row(n))]);
        (await app.Cli("declarations", "import", late)).Exit.ShouldBe(0);
        (await Count(app)).ShouldBe(rows);
        (await app.WithDb(db => Task.FromResult(db.DeclarationItems().Count()))).ShouldBe(rows * 2);
        var released = await app.WithDb(db =>
            Task.FromResult(db.Declarations().Where(d => d.Reference == "LATE-5600").Select(d => d.ReleasedAt).Single())
        );
        released.ShouldBe(new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_bad_row_stops_the_import_with_its_line_and_column_and_nothing_is_written()
    {
        await using var app = OpenAeoApp.OnSqlite();
        await Border.Open(app);
        var path = Path.Combine(Folder(), "bad.csv");
        await File.WriteAllTextAsync(
            path,
            """
            declaration_id,type,mode,origin,destination,office,office_tz,importer_tin,hs_codes,item_values,lodged_at,released_at
            OK-1,Import,Sea,US,TW,TWKEL1,Asia/Taipei,TW10000002,847130,1200,2026-03-01T08:00:00+08:00,2026-03-01T10:00:00+08:00
            BAD-1,Import,Rail,US,TW,TWKEL1,Asia/Taipei,TW10000002,847130,1200,2026-03-01T08:00:00+08:00,
            BAD-2,Import,Air,US,TW,TWKEL1,Asia/Taipei,TW10000002,847130;300490,1200,2026-03-01 08:00:00,2026-02-01T10:00:00Z
            BAD-3,Import,Air,US,TW,USNYC1,America/New_York,TW10000002,847130,1200,2026-03-08 02:30:00,
            """
        );

        var (exit, _, error) = await app.Cli("declarations", "import", path);

        exit.ShouldBe(1);
        error.ShouldContain("bad.csv:3:3 (mode): 'Rail' is not one of Sea, Air, Land, Post, Express");
        error.ShouldContain("bad.csv:4:10 (item_values): 1 values for 2 HS codes");
        error.ShouldContain("bad.csv:4:12 (released_at): released before it was lodged");
        error.ShouldContain("bad.csv:5:11 (lodged_at): '2026-03-08 02:30:00' does not exist in America/New_York");
        error.ShouldContain("Nothing was imported.");
        (await Count(app)).ShouldBe(0);
    }

    [Fact]
    public async Task Parquet_imports_like_csv_and_a_timestamp_without_offset_is_read_in_the_office_zone()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await Border.Open(app);
        var folder = Folder();
        var csv = Path.Combine(folder, "local.csv");
        var parquet = Path.Combine(folder, "local.parquet");
        await File.WriteAllTextAsync(
            csv,
            """
            declaration_id,type,mode,origin,destination,office,office_tz,importer_tin,consignor_tin,hs_codes,item_values,arrival_at,lodged_at,released_at
            PQ-1,Import,Air,US,TW,TWTPE1,Asia/Taipei,TW10000001,US555,847130,1200,2026-03-01 06:00:00,2026-03-01 07:30:00,2026-03-01T00:00:00Z
            """
        );
        using (var duck = new DuckDBConnection("DataSource=:memory:"))
        {
            duck.Open();
            using var command = duck.CreateCommand();
            command.CommandText = $"COPY (SELECT * FROM read_csv('{csv}', all_varchar = true)) TO '{parquet}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }

        var (exit, output, error) = await app.Cli("declarations", "import", parquet);

        exit.ShouldBe(0, error);
        output.ShouldContain("1 declarations imported");
        var id = (await border.Officer.GetItemsAsync<DeclarationSummary>("/api/v1/declarations")).Single().Id;
        var d = await border.Officer.Get<DeclarationResponse>($"/api/v1/declarations/{id}");
        d.LodgedAt.ShouldBe(new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.Zero));
        d.LodgedOn.ShouldBe(new DateOnly(2026, 3, 1));
        d.ReleasedAt.ShouldBe(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        d.Events!.Select(e => e.Milestone).ShouldBe(["Arrival", "Lodged", "Registered", "LaneAssigned", "Released"]);
    }
}
