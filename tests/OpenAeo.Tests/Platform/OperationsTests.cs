using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Npgsql;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Operations;
using OpenAeo.Tests.Clearance;

namespace OpenAeo.Tests.Platform;

/// <summary>What operations people probe and scrape (ADR 0050): liveness, readiness, Prometheus metrics and JSON logs.</summary>
public class Health_metrics_and_logs
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Readiness_fails_naming_the_database_when_it_is_gone_while_liveness_still_answers(string provider)
    {
        var file = Path.Combine(Path.GetTempPath(), $"openaeo-ready-{Guid.NewGuid():N}.db");
        await using var app = provider == "Postgres" ? await OpenAeoApp.OnPostgres() : OpenAeoApp.OnSqliteFile(file);
        var client = app.Anonymous();
        _ = app.Services.GetRequiredService<NodeIdentity>().Key;

        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        Checks(await ready.Content.ReadAsStringAsync())
            .ShouldBe(
                new Dictionary<string, string>
                {
                    ["database"] = "Healthy",
                    ["duckdb"] = "Healthy",
                    ["node-key"] = "Healthy",
                }
            );

        if (provider == "Postgres")
        {
            var connection = app.Services.GetRequiredService<IConfiguration>().GetConnectionString("OpenAeo");
            await Providers.DropPostgresDatabase(new NpgsqlConnectionStringBuilder(connection).Database!);
        }
        else
        {
            // A SQLite database file lost: the next connection finds an empty database without OpenAeo's tables.
            File.Delete(file);
        }

        var gone = await client.GetAsync("/health/ready");
        var body = await gone.Content.ReadAsStringAsync();
        gone.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        Checks(body)["database"].ShouldBe("Unhealthy");
        Checks(body)["duckdb"].ShouldBe("Healthy");
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync("/health")).ShouldBe("Healthy");
        File.Delete(file);
    }

    [Fact]
    public async Task Readiness_fails_naming_the_node_key_when_its_file_holds_another_key_or_none()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var client = app.Anonymous();
        var node = app.Services.GetRequiredService<NodeIdentity>();
        await app.WithDb(db => StatusLog.LatestAsync(db, node, app.Clock, CancellationToken.None));
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Another valid key (a backup of another node's, a key made anew where the file was lost) did not sign the log.
        using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(app.NodeKeyPath, other.ExportPkcs8PrivateKeyPem());
        }

        var replaced = await client.GetAsync("/health/ready");
        var body = await replaced.Content.ReadAsStringAsync();
        replaced.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        Checks(body)["node-key"].ShouldBe("Unhealthy");
        Checks(body)["database"].ShouldBe("Healthy");

        await File.WriteAllTextAsync(app.NodeKeyPath, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        var spoiled = await client.GetAsync("/health/ready");
        body = await spoiled.Content.ReadAsStringAsync();
        spoiled.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        Checks(body)["node-key"].ShouldBe("Unhealthy");
        body.ShouldNotContain(app.NodeKeyPath, customMessage: "an anonymous probe learns which check failed, not where the key lives");
    }

    [Fact]
    public async Task Metrics_are_off_by_default_and_when_on_count_lodgings_for_an_administrator_only()
    {
        await using (var off = OpenAeoApp.OnSqlite())
        {
            (await (await off.ClientAs(Role.Admin)).GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        await using var app = OpenAeoApp.OnSqlite();
        app.Settings["Metrics:Prometheus"] = "true";
        var border = await Border.Open(app);
        var lodged = await Border.Lodge(border.Officer, Border.Declaration(Border.OtherImporter));

        var admin = await app.ClientAs(Role.Admin);
        var scrape = await admin.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();
        scrape.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var samples = text.Split('\n');
        samples.ShouldContain(
            l =>
                l.StartsWith("openaeo_declarations_lodged_total{", StringComparison.Ordinal)
                && l.Contains($"lane=\"{lodged.Lane}\"", StringComparison.Ordinal)
                && l.Contains("source=\"api\"", StringComparison.Ordinal),
            text
        );
        samples.ShouldContain(l => l.StartsWith("openaeo_lanes_assigned_total{", StringComparison.Ordinal), text);
        samples.ShouldContain(l => l.StartsWith("openaeo_status_log_size{", StringComparison.Ordinal), text);
        // The lodging went through the shared commit, which counts the writes each commit carried.
        samples.ShouldContain(
            l =>
                l.StartsWith("openaeo_writes_per_commit_count{", StringComparison.Ordinal)
                && long.Parse(l.Split(' ').Last(), CultureInfo.InvariantCulture) >= 1,
            text
        );
        (await border.AeoTrader.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Anonymous().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_executable_logs_JSON_lines_and_serves_metrics_to_this_machine_but_not_through_a_proxy()
    {
        var data = Directory.CreateTempSubdirectory("openaeo-ops-").FullName;
        var url = LoopbackPorts.Url();
        var start = Serve(data, url, "--Logging:Format=json", "--Metrics:Prometheus=true");

        string output;
        await using (var openaeo = RunningProcess.Start(start))
        {
            using var http = new HttpClient();
            (await openaeo.Healthy(http, url)).ShouldBeTrue(openaeo.Output);
            (await http.GetAsync(url + "/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var local = await http.GetAsync(url + "/metrics");
            local.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await local.Content.ReadAsStringAsync()).ShouldContain("openaeo_status_log_size");
            using var proxied = new HttpRequestMessage(HttpMethod.Get, url + "/metrics");
            proxied.Headers.Add("X-Forwarded-For", "203.0.113.7");
            (await http.SendAsync(proxied)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            await openaeo.Stop();
            output = openaeo.Output;
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldNotBeEmpty();
        var entries = lines.Select(Api.Parse<JsonLogLine>).ToList();
        var listening = entries.First(e => e.Category == "Microsoft.Hosting.Lifetime");
        listening.Timestamp.ShouldEndWith("Z");
        listening.LogLevel.ShouldBe("Information");
        Directory.Delete(data, recursive: true);
    }

    /// <summary>
    /// The OTLP exporter configured the standard way (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>http/protobuf</c>) delivers
    /// to a receiver: the request's span with its route, and OpenAeo's own metrics, under the service name "openaeo".
    /// </summary>
    [Fact]
    public async Task The_executable_pushes_traces_and_its_own_metrics_to_an_otlp_receiver()
    {
        await using var receiver = await OtlpReceiver.Start();
        var data = Directory.CreateTempSubdirectory("openaeo-otlp-").FullName;
        var url = LoopbackPorts.Url();
        var start = Serve(data, url);

        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Url;
        start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        // Export within a second rather than the defaults' 5 s (traces) and 60 s (metrics).
        start.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        start.Environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";

        await using (var openaeo = RunningProcess.Start(start))
        {
            using var http = new HttpClient();
            (await openaeo.Healthy(http, url)).ShouldBeTrue(openaeo.Output);
            (await http.GetAsync(url + "/api/v1/public/status/TW99999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            // Until everything asserted below has arrived: an export can carry the gauge before the request's histogram.
            var until = DateTime.UtcNow.AddMinutes(2);
            while (
                DateTime.UtcNow < until
                && !(
                    receiver.Holds("traces", "public/status/{tin}")
                    && receiver.Holds("metrics", OpenAeoMetrics.StatusLogSize)
                    && receiver.Holds("metrics", "http.server.request.duration")
                )
            )
            {
                await Task.Delay(100);
            }

            await openaeo.Stop();
        }

        receiver.Received.ShouldAllBe(r => r.ContentType == "application/x-protobuf");
        receiver.Holds("traces", "public/status/{tin}").ShouldBeTrue("the public check's span, named by its route");
        receiver.Holds("traces", "/health").ShouldBeFalse("probes are left out of traces");
        receiver.Holds("metrics", OpenAeoMetrics.StatusLogSize).ShouldBeTrue("OpenAeo's own gauge");
        receiver.Holds("metrics", "http.server.request.duration").ShouldBeTrue("ASP.NET Core's request metric");
        receiver.Received.Where(r => !NamesTheService(r.Body)).ShouldBeEmpty("every export names the service");
        Directory.Delete(data, recursive: true);

        // The resource (service.name = "openaeo") goes with every export.
        static bool NamesTheService(byte[] body) => body.AsSpan().IndexOf("openaeo"u8) >= 0;
    }

    /// <summary>The executable serving <paramref name="url"/> from <paramref name="data"/>, in Production, with SQLite there.</summary>
    private static ProcessStartInfo Serve(string data, string url, params string[] settings)
    {
        var start = new ProcessStartInfo(The_executable_started_from_another_folder.Executable) { WorkingDirectory = data };
        foreach (
            var arg in new[]
            {
                "serve",
                "--urls",
                url,
                $"--ConnectionStrings:OpenAeo=Data Source={Path.Combine(data, "openaeo.db")}",
                $"--Node:KeyPath={Path.Combine(data, "node-key.pem")}",
            }.Concat(settings)
        )
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var variable in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT" })
        {
            start.Environment.Remove(variable);
        }

        return start;
    }

    private static Dictionary<string, string> Checks(string body) =>
        Api.Parse<HealthAnswer>(body).Checks.ToDictionary(c => c.Name, c => c.Status);
}
