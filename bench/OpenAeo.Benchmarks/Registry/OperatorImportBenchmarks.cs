using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Platform.Files;
using OpenAeo.Platform.Persistence;
using OpenAeo.Registry;
using Sylvan.Data.Csv;

namespace OpenAeo.Benchmarks.Registry;

/// <summary>
/// <c>openaeo operators import</c> of 100,000 rows into a fresh SQLite file, against the floor for the same work:
/// reading the same CSV with Sylvan and inserting the rows with one prepared statement in one transaction, with no
/// validation, no audit and no change tracking.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class OperatorImportBenchmarks
{
    private const int Rows = 100_000;
    private static readonly string[] Parameters = ["$tin", "$name", "$economy", "$roles", "$employees", "$turnover", "$sector", "$consent"];
    private string folder = "";
    private string csv = "";
    private string database = "";

    [GlobalSetup]
    public void WriteFile()
    {
        folder = Directory.CreateTempSubdirectory("openaeo-bench-").FullName;
        csv = Path.Combine(folder, "operators.csv");
        string[] economies = ["TW", "JP", "KR", "AU", "NZ", "US", "MX", "SG"];
        string[] roles = ["Importer", "Exporter;Manufacturer", "CustomsBroker", "FreightForwarder;WarehouseOperator"];
        using var writer = new StreamWriter(csv);
        writer.WriteLine("tin,legal_name,economy,roles,employees,turnover,sector,consent");
        for (var i = 0; i < Rows; i++)
        {
            var economy = economies[i % economies.Length];
            writer.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{economy}{i:D9},\"Operator {i}, Ltd.\",{economy},{roles[i % roles.Length]},{i % 2000},"
                        + $"{i * 1000.5m},Sector {i % 40},{(i % 3 == 0 ? "false" : "true")}"
                )
            );
        }
    }

    [IterationSetup]
    public void FreshDatabase()
    {
        SqliteConnection.ClearAllPools();
        database = Path.Combine(folder, $"bench-{Guid.NewGuid():N}.db");
        using var db = Open();
        DatabaseSetup.MigrateAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        LoadReferenceData.Run(db, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "peer: Sylvan read + prepared INSERT, one transaction")]
    public int PlainBulkInsert()
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText =
            "INSERT INTO registry_operators (Tin, LegalName, EconomyCode, Roles, Employees, Turnover, Sector, "
            + "ConsentToExchange, RegisteredAt, UpdatedAt) "
            + "VALUES ($tin, $name, $economy, $roles, $employees, $turnover, $sector, $consent, 0, 0)";
        var p = Parameters.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        insert.Prepare();
        using var reader = CsvDataReader.Create(csv);
        var count = 0;
        while (reader.Read())
        {
            for (var i = 0; i < 8; i++)
            {
                p[i].Value = reader.GetString(i);
            }

            insert.ExecuteNonQuery();
            count++;
        }

        tx.Commit();
        return count;
    }

    [Benchmark(Description = "OpenAeo: operators import (validate, upsert, audit)")]
    public async Task<int> OpenAeoImport()
    {
        await using var db = Open();
        using var input = CsvInput.OpenFile(csv);
        var result = await ImportOperators.Run(input, Actor.Cli, db, TimeProvider.System, null, CancellationToken.None);
        return result.Registered;
    }

    private SqliteOpenAeoDb Open() => new(new DbContextOptionsBuilder<SqliteOpenAeoDb>().UseSqlite($"Data Source={database}").Options);

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
