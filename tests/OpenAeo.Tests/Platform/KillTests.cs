using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using OpenAeo.Certification;
using OpenAeo.Registry;
using OpenAeo.Tests.MutualRecognition;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// Issue 11's "done means": the real <c>openaeo</c> executable is killed with SIGKILL at seeded random points while it
/// imports large files and while it appends certificate events to the status log, then started again. After every
/// kill: an import wrote all of its file or nothing and can be run again; <c>exchange verify</c> exits 0; and after
/// the next publish every certificate event is in the log exactly once. A kill point is either a random moment of the
/// process's life (start-up included) or the moment a write transaction is seen open (the WAL file being written on SQLite,
/// a transaction with an id in <c>pg_stat_activity</c> on PostgreSQL). Set <c>OPENAEO_KILL_SEED</c> to replay a run;
/// the seed is in every failure message. Only the observable contract is checked (rows an import owns, entries per
/// event through <c>/exchange/v1/entries</c>, <c>exchange verify</c>), never how the publisher keeps its place.
/// </summary>
public sealed class KillTests(ITestOutputHelper output)
{
    private const int Operators = 2_000;
    private const int Declarations = 1_000;

    /// <summary>Certificates per burst in the status log test: one batch of the publisher, a few thousand log nodes.</summary>
    private const int Burst = 1_000;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Imports_killed_at_random_points_write_all_or_nothing_and_run_again_to_completion(string provider)
    {
        var run = new KillRun(provider, nameof(Imports_killed_at_random_points_write_all_or_nothing_and_run_again_to_completion));
        await using var node = await OpenAeoNode.On(provider, "TW");

        // The very first start of a new node: migrations, reference data, the node key. Killed somewhere in it, the
        // next start must neither hang nor fail.
        await run.KillAtWrite(node, TimeSpan.FromMilliseconds(300), "db", "migrate");
        run.Note("db migrate after the kill: " + await node.CliOk("db", "migrate"));
        await node.CliOk("exchange", "identity");

        var files = new ImportFiles(node.Folder, run.Seed);
        for (var batch = 0; batch < 2; batch++)
        {
            var operators = files.Operators(batch);
            await run.Import(
                node,
                "operators",
                operators.Path,
                batch,
                present: () => node.Count($"SELECT COUNT(*) FROM registry_operators WHERE \"Tin\" LIKE '{operators.Prefix}%'"),
                complete: Operators,
                rerunCompletes: true
            );
            (
                await node.Count(
                    $"SELECT COUNT(*) FROM registry_operators WHERE \"Tin\" LIKE '{operators.Prefix}%' AND "
                        + "\"LegalName\" = 'Operator ' || \"Tin\""
                )
            ).ShouldBe(Operators, run.Trail);

            var certificates = files.Certificates(batch);
            await run.Import(
                node,
                "certificates",
                certificates.Path,
                batch,
                present: () => node.Count($"SELECT COUNT(*) FROM cert_certificates WHERE \"Number\" LIKE '{certificates.Prefix}%'"),
                complete: Operators,
                rerunCompletes: false
            );
            (
                await node.Count(
                    "SELECT COUNT(*) FROM cert_certificate_events e JOIN cert_certificates c ON c.\"Id\" = "
                        + $"e.\"CertificateId\" WHERE c.\"Number\" LIKE '{certificates.Prefix}%'"
                )
            ).ShouldBe(Operators, $"one Granted event per imported certificate, none without its certificate\n{run.Trail}");

            var declarations = Path.Combine(node.Folder, $"declarations-{batch}.csv");
            var seed = run.Seed + batch;
            await node.CliOk(
                "declarations",
                "generate",
                "--count",
                Declarations.ToString(CultureInfo.InvariantCulture),
                "--seed",
                seed.ToString(CultureInfo.InvariantCulture),
                "--from",
                "2026-01-05",
                "--to",
                "2026-01-30",
                "--out",
                declarations
            );
            await run.Import(
                node,
                "declarations",
                declarations,
                batch,
                present: () => node.Count($"SELECT COUNT(*) FROM clr_declarations WHERE \"Reference\" LIKE 'G{seed}-%'"),
                complete: Declarations,
                rerunCompletes: false
            );
        }

        // Nothing of a killed import survives anywhere: no item, event or agency case without its declaration, no
        // certificate event without its certificate.
        (
            await node.Count(
                "SELECT COUNT(*) FROM clr_declaration_items WHERE \"DeclarationId\" NOT IN (SELECT \"Id\" FROM clr_declarations)"
            )
        ).ShouldBe(0, run.Trail);
        (
            await node.Count(
                "SELECT COUNT(*) FROM clr_declaration_events WHERE \"DeclarationId\" NOT IN (SELECT \"Id\" FROM clr_declarations)"
            )
        ).ShouldBe(0, run.Trail);
        (
            await node.Count("SELECT COUNT(*) FROM clr_agency_cases WHERE \"DeclarationId\" NOT IN (SELECT \"Id\" FROM clr_declarations)")
        ).ShouldBe(0, run.Trail);
        (
            await node.Count(
                "SELECT COUNT(*) FROM cert_certificate_events WHERE \"CertificateId\" NOT IN (SELECT \"Id\" FROM cert_certificates)"
            )
        ).ShouldBe(0, run.Trail);
        (await node.Cli("exchange", "verify")).Exit.ShouldBe(0, run.Trail);
        output.WriteLine(run.Trail);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Status_log_appends_killed_at_random_points_lose_no_event_and_repeat_none(string provider)
    {
        var run = new KillRun(provider, nameof(Status_log_appends_killed_at_random_points_lose_no_event_and_repeat_none));
        await using var node = await OpenAeoNode.On(provider, "TW", "--Exchange:PublishIntervalSeconds=1");
        var files = new ImportFiles(node.Folder, run.Seed);
        const int Batches = 4;
        await node.CliOk("operators", "import", files.Operators(0, count: Batches * Burst).Path);
        var partnerKey = await node.CliOk(
            "users",
            "add",
            "--name",
            "japan-customs",
            "--role",
            "Partner",
            "--economy",
            "JP",
            "--print-api-key"
        );
        using (var jpKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await node.CliOk(
                "partners",
                "add",
                "--economy",
                "JP",
                "--url",
                "http://127.0.0.1:9",
                "--public-key",
                Convert.ToBase64String(jpKey.ExportSubjectPublicKeyInfo()),
                "--api-key",
                "unused"
            );
        }

        var expected = new List<(string Number, string Event)>();
        var publishing = TimeSpan.Zero;
        for (var batch = 0; batch < Batches; batch++)
        {
            // A burst of certificate events: a register of certificates imported at once, one Granted event each; the
            // third batch had expired before it was imported, so the certification jobs add one Expired event each.
            var expiring = batch == 2;
            var certificates = files.Certificates(
                batch,
                operatorsBatch: 0,
                first: batch * Burst,
                count: Burst,
                validUntil: expiring ? "2024-12-31" : null
            );
            await node.CliOk("certificates", "import", certificates.Path);
            expected.AddRange(certificates.Numbers.Select(n => (n, "Granted")));
            if (expiring)
            {
                // The jobs expire the whole batch in one unit of work: killed, they expired all or none.
                var jobs = await run.KillAtWriteOrRandom(node, publishing, "certification", "jobs");
                var expired = await node.Count(
                    $"SELECT COUNT(*) FROM cert_certificates WHERE \"Number\" LIKE '{certificates.Prefix}%' AND \"Status\" = 'Expired'"
                );
                expired.ShouldBeOneOf([0L, Burst], run.Trail);
                if (!jobs.Killed)
                {
                    expired.ShouldBe(Burst, run.Trail);
                }

                run.Note($"certification jobs: {(jobs.Killed ? "killed" : "finished")}, {expired} of {Burst} expired");
                (await node.CliOk("certification", "jobs")).ShouldStartWith($"{Burst - expired} expired", customMessage: run.Trail);
                expected.AddRange(certificates.Numbers.Select(n => (n, "Expired")));
            }

            if (batch == 0)
            {
                // Calibration, and a first kill: the server is killed as soon as it answers, its publisher starting.
                var clock = Stopwatch.StartNew();
                await node.StartAsync();
                publishing = clock.Elapsed + TimeSpan.FromSeconds(1);
                await node.KillServerAsync();
                run.Note($"server up in {clock.ElapsedMilliseconds} ms, killed at once");
            }
            else if (batch == 2)
            {
                // The CLI's publisher (exchange verify publishes before it checks).
                await run.KillAtWriteOrRandom(node, publishing, "exchange", "verify");
            }
            else
            {
                // The server's background publisher (every second), at a random moment of its life or in a write.
                await run.KillAtWriteOrRandom(node, publishing, "serve", "--urls", node.BaseUrl);
            }

            // The next publish: a clean verify publishes what is pending and checks the log end to end.
            var timer = Stopwatch.StartNew();
            var (exit, output, error) = await node.Cli("exchange", "verify");
            run.Note($"batch {batch}: exchange verify after the kill: exit {exit} in {timer.ElapsedMilliseconds} ms");
            if (batch == 0)
            {
                publishing += timer.Elapsed;
            }

            exit.ShouldBe(0, $"{error}\n{run.Trail}");
            output.Trim().ShouldBe($"The log of TW is sound: {expected.Count} entries rebuild the signed root.", run.Trail);
        }

        // Every event exactly once, read as a partner reads it.
        await node.StartAsync();
        using var partner = node.Client(partnerKey);
        var served = new List<(string Number, string Event)>();
        for (var start = 0; start < expected.Count; start += 1_000)
        {
            var page = await partner.GetFromJsonAsync<JsonElement>(
                $"/exchange/v1/entries?start={start}&end={Math.Min(expected.Count, start + 1_000)}"
            );
            served.AddRange(
                page.GetProperty("entries")
                    .EnumerateArray()
                    .Select(e => e.GetProperty("entry"))
                    .Select(e => (e.GetProperty("certificateNumber").GetString()!, e.GetProperty("event").GetString()!))
            );
        }

        served.Count.ShouldBe(expected.Count, run.Trail);
        var duplicated = served.GroupBy(e => e).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        duplicated.ShouldBeEmpty(run.Trail);
        served.Order().ShouldBe(expected.Order(), run.Trail);
        (await partner.GetFromJsonAsync<JsonElement>("/exchange/v1/sth")).GetProperty("treeSize").GetInt64().ShouldBe(expected.Count);
        output.WriteLine(run.Trail);
    }

    /// <summary>
    /// Issue 19: the server is killed with SIGKILL after a suspension was committed and before its webhook went out (the
    /// dispatcher's next round an hour away); started again, it delivers the event, exactly once by <c>webhook-id</c>,
    /// correctly signed. A later event arriving proves the rounds after the first ran and sent nothing twice. One
    /// provider: the outbox is the audit trail, written in the change's transaction the same way on both.
    /// </summary>
    [Fact]
    public async Task A_server_killed_between_a_suspension_and_its_webhook_delivers_it_once_after_a_restart()
    {
        await using var receiver = await WebhookReceiver.Start();
        await using var node = await OpenAeoNode.On(
            "Sqlite",
            "TW",
            "--Webhooks:AllowPlainHttp=true",
            "--Webhooks:AllowPrivateNetworks=true",
            "--Webhooks:IntervalSeconds=3600"
        );
        var adminKey = await node.CliOk("users", "add", "--name", "hooks-admin", "--role", "Admin", "--print-api-key");
        var officerKey = await node.CliOk("users", "add", "--name", "hooks-officer", "--role", "ProgrammeOfficer", "--print-api-key");
        var operators = Path.Combine(node.Folder, "operators.csv");
        await File.WriteAllTextAsync(operators, "tin,legal_name,economy,roles\nTW12345678,Formosa Precision Ltd,TW,Exporter\n");
        var certificates = Path.Combine(node.Folder, "certificates.csv");
        await File.WriteAllTextAsync(
            certificates,
            "tin,programme,certificate_number,tier,valid_from,valid_until,status\nTW12345678,TW,TW-AEO-2018-0042,,2018-03-01,,Active\n"
        );
        await node.CliOk("operators", "import", operators);
        await node.CliOk("certificates", "import", certificates);

        await node.StartAsync();
        using var admin = node.Client(adminKey);
        using var officer = node.Client(officerKey);
        var created = await admin.PostAsJsonAsync(
            "/api/v1/webhooks",
            new { url = receiver.Url, eventTypes = new[] { "certificate.suspended", "certificate.reinstated" } }
        );
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var secret = (await created.Read<WebhookResponse>()).Secret!;
        var id = (await officer.GetItemsAsync<CertificateResponse>("/api/v1/certificates?tin=TW12345678"))[0].Id;
        (
            await officer.PostAsJsonAsync($"/api/v1/certificates/{id}/suspension", new { reason = "Seal irregularities" })
        ).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        await node.KillServerAsync();
        receiver.Received.ShouldBeEmpty("killed before the dispatcher's next round");

        await node.StartAsync("--Webhooks:IntervalSeconds=1");
        await Until(() => receiver.Received.Any(r => r.Json.GetProperty("type").GetString() == "certificate.suspended"), node);
        (await officer.PostAsJsonAsync($"/api/v1/certificates/{id}/reinstatement", new { reason = "Seals replaced" })).StatusCode.ShouldBe(
            System.Net.HttpStatusCode.OK
        );
        await Until(() => receiver.Received.Any(r => r.Json.GetProperty("type").GetString() == "certificate.reinstated"), node);

        var suspensions = receiver.Received.Where(r => r.Json.GetProperty("type").GetString() == "certificate.suspended").ToList();
        suspensions.ShouldHaveSingleItem(node.Log).SignedWith(secret).ShouldBeTrue();
        receiver.Received.Select(r => r.Id).ShouldBeUnique();
        (await node.Count("SELECT COUNT(*) FROM platform_webhook_attempts")).ShouldBe(2);
    }

    /// <summary>
    /// Issue 18 item 4: the server is killed with SIGKILL while it runs a time release study (seen Running in the
    /// database). Started again, it finds the study left Running, takes its lease (the holder is dead on this host) and
    /// runs it again from the start, once: one finished study, one <c>trs.study.finished</c> audit entry. One provider:
    /// the lease and the claim are the same code on both.
    /// </summary>
    [Fact]
    public async Task A_server_killed_during_a_study_runs_it_again_once_after_a_restart()
    {
        await using var node = await OpenAeoNode.On("Sqlite", "TW");
        var analystKey = await node.CliOk("users", "add", "--name", "kill-analyst", "--role", "Analyst", "--print-api-key");
        var events = Path.Combine(node.Folder, "events.csv");
        await node.CliOk("trs", "generate", "--rows", "20000", "--seed", "5", "--out", events);
        await node.StartAsync();
        using var analyst = node.Client(analystKey);
        // Without a bootstrap limit the study runs long enough to be seen running on a fast machine.
        var id = await Two_web_nodes_on_one_PostgreSQL.QueueUploaded(
            analyst,
            events,
            new
            {
                stage = "apec1",
                groupBy = new[] { "mode", "channel" },
                mra = "TW-JP",
                beforeFrom = "2018-10-12",
                afterTo = "2019-12-31",
            }
        );
        var running = $"SELECT COUNT(*) FROM trs_studies WHERE \"Id\" = {id} AND \"Status\" = 'Running'";
        for (var attempt = 0; attempt < 6_000 && await node.Count(running) == 0; attempt++)
        {
            await Task.Delay(10);
        }

        await node.KillServerAsync();
        (await node.Count(running)).ShouldBe(1, "killed while the study ran\n" + node.Log);

        await node.StartAsync();
        var finished = $"SELECT COUNT(*) FROM trs_studies WHERE \"Id\" = {id} AND \"Status\" IN ('Succeeded', 'Failed')";
        for (var attempt = 0; attempt < 3_000 && await node.Count(finished) == 0; attempt++)
        {
            await Task.Delay(100);
        }

        var study = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/trs/studies/{id}");
        study.GetProperty("status").GetString().ShouldBe("Succeeded", study.ToString());
        (
            await node.Count(
                $"SELECT COUNT(*) FROM platform_audit WHERE \"Action\" = 'trs.study.finished' AND \"Subject\" = 'trs-study:{id}'"
            )
        ).ShouldBe(1);
        node.Log.ShouldContain($"Time release study {id} was left running by a stopped runner; running it again");
    }

    /// <summary>Polls (the server works on its own schedule) with a generous cap for a busy machine.</summary>
    private static async Task Until(Func<bool> done, OpenAeoNode node)
    {
        for (var attempt = 0; attempt < 1_500 && !done(); attempt++)
        {
            await Task.Delay(200);
        }

        done().ShouldBeTrue(node.Log);
    }

    /// <summary>One seeded run: the random source of its kill points and a trail of what happened, for failure messages.</summary>
    private sealed class KillRun
    {
        private readonly StringBuilder trail = new();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly Dictionary<string, TimeSpan> windows = [];

        public KillRun(string provider, string test)
        {
            Provider = provider;
            Seed = Environment.GetEnvironmentVariable("OPENAEO_KILL_SEED") is { Length: > 0 } s
                ? int.Parse(s, CultureInfo.InvariantCulture)
                : Math.Abs(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{test}:{provider}")), 0) % 1_000_000);
            Random = new Random(Seed);
            Note($"seed {Seed} on {provider} (replay with OPENAEO_KILL_SEED={Seed})");
        }

        public string Provider { get; }

        public int Seed { get; }

        public Random Random { get; }

        public string Trail
        {
            get
            {
                lock (trail)
                {
                    return trail.ToString();
                }
            }
        }

        public void Note(string line)
        {
            lock (trail)
            {
                trail.AppendLine($"{clock.Elapsed.TotalSeconds, 6:F1}s {line}");
            }
        }

        /// <summary>Runs an import, kills it at a seeded point, checks all or nothing, and runs it again.</summary>
        public async Task Import(
            OpenAeoNode node,
            string noun,
            string path,
            int batch,
            Func<Task<long>> present,
            int complete,
            bool rerunCompletes
        )
        {
            var before = await present();
            before.ShouldBe(0, Trail);
            var timer = Stopwatch.StartNew();
            var outcome = await KillAtWriteOrRandom(node, windows.GetValueOrDefault(noun, TimeSpan.FromSeconds(8)), noun, "import", path);
            var after = await present();
            Note(
                $"{noun} batch {batch}: {(outcome.Killed ? "killed" : $"finished with {outcome.Exit}")} after "
                    + $"{timer.ElapsedMilliseconds} ms; {after} of {complete} rows present"
            );
            after.ShouldBeOneOf([0L, complete], $"all or nothing\n{Trail}");
            if (!outcome.Killed)
            {
                outcome.Exit.ShouldBe(0, $"{outcome.Error}\n{Trail}");
                after.ShouldBe(complete, Trail);
            }

            timer.Restart();
            var (exit, _, error) = await node.Cli(noun, "import", path);
            Note($"{noun} batch {batch} run again: exit {exit} in {timer.ElapsedMilliseconds} ms");
            if (exit == 0)
            {
                // The next kill of this kind spreads over the life of a whole run, as measured here and now.
                windows[noun] = timer.Elapsed;
            }

            if (after == 0 || rerunCompletes)
            {
                exit.ShouldBe(0, $"the import runs again to completion: {error}\n{Trail}");
            }
            else
            {
                // Already complete: the import refuses to add the same records twice and changes nothing.
                exit.ShouldBe(1, Trail);
                error.ShouldContain("Nothing was imported.", customMessage: Trail);
            }

            (await present()).ShouldBe(complete, Trail);
        }

        /// <summary>Launches the verb and kills it after a random part of <paramref name="window"/>, start-up included.</summary>
        public async Task<(bool Killed, int Exit, string Error)> KillAtRandom(OpenAeoNode node, TimeSpan window, params string[] args)
        {
            var at = TimeSpan.FromMilliseconds(Random.NextDouble() * window.TotalMilliseconds);
            using var command = node.Launch(args);
            await Task.WhenAny(command.Process.WaitForExitAsync(), Task.Delay(at));
            command.Kill();
            var (exit, _, error, killed) = await command.WaitAsync(TimeSpan.FromMinutes(2));
            Note(
                $"openaeo {string.Join(' ', args)}: "
                    + (killed ? $"killed after {at.TotalMilliseconds:F0} ms" : $"finished ({exit}) before {at.TotalMilliseconds:F0} ms")
            );
            return (killed, exit, error);
        }

        /// <summary>
        /// Launches the verb and, by a coin toss of the seeded random source, kills it either at a random moment of
        /// <paramref name="window"/> (its expected life, start-up included) or inside its work: once a write
        /// transaction is seen open, after a random part of half the window more (which may fall after the commit).
        /// </summary>
        public Task<(bool Killed, int Exit, string Error)> KillAtWriteOrRandom(OpenAeoNode node, TimeSpan window, params string[] args) =>
            Random.Next(2) == 0 ? KillAtRandom(node, window * 1.2, args) : KillAtWrite(node, window / 2, args);

        /// <summary>Launches the verb and kills it a random part of <paramref name="upTo"/> after a write transaction is seen
        /// open.</summary>
        public async Task<(bool Killed, int Exit, string Error)> KillAtWrite(OpenAeoNode node, TimeSpan upTo, params string[] args)
        {
            var extra = TimeSpan.FromMilliseconds(Random.NextDouble() * upTo.TotalMilliseconds);
            using var command = node.Launch(args);
            if (await WriteTransactionSeen(node, command))
            {
                await Task.WhenAny(command.Process.WaitForExitAsync(), Task.Delay(extra));
            }

            command.Kill();
            var (exit, _, error, killed) = await command.WaitAsync(TimeSpan.FromMinutes(2));
            Note(
                $"openaeo {string.Join(' ', args)}: "
                    + (
                        killed
                            ? $"killed {extra.TotalMilliseconds:F0} ms after a write transaction was seen open"
                            : $"finished ({exit}) before a kill"
                    )
            );
            return (killed, exit, error);
        }

        private static (long Length, DateTime Written) Frames(FileInfo wal)
        {
            wal.Refresh();
            return wal.Exists ? (wal.Length, wal.LastWriteTimeUtc) : (0, default);
        }

        private static async Task<bool> WriteTransactionSeen(OpenAeoNode node, RunningCommand command)
        {
            if (node.Provider != "Postgres")
            {
                // SQLite runs in WAL mode (ADR 0068): a write transaction's pages reach the -wal file while it is open (a
                // large one spills there before its commit) and at its commit; readers never write it. So the file gaining
                // frames, or being rewritten from its start after a checkpoint, means a write transaction is under way.
                var wal = new FileInfo(node.DatabasePath + "-wal");
                var before = Frames(wal);
                while (!command.HasExited)
                {
                    if (Frames(wal) is { Length: > 0 } now && now != before)
                    {
                        return true;
                    }

                    await Task.Delay(2);
                }

                return false;
            }

            await using var connection = new NpgsqlConnection(node.ConnectionString);
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT "
                    + "NULL AND pid <> pg_backend_pid()",
                connection
            );
            while (!command.HasExited)
            {
                if ((long)(await query.ExecuteScalarAsync())! > 0)
                {
                    return true;
                }

                await Task.Delay(2);
            }

            return false;
        }
    }

    /// <summary>The files a run imports: disjoint TINs and certificate numbers per batch, named after the seed.</summary>
    private sealed class ImportFiles(string folder, int seed)
    {
        public (string Path, string Prefix) Operators(int batch, int count = KillTests.Operators)
        {
            var prefix = $"TW{seed % 1000:D3}{batch}";
            var path = System.IO.Path.Combine(folder, $"operators-{batch}.csv");
            File.WriteAllLines(
                path,
                [
                    "tin,legal_name,economy,roles,employees,turnover,sector,consent",
                    .. Enumerable
                        .Range(0, count)
                        .Select(i => $"{prefix}{i:D6},Operator {prefix}{i:D6},TW,Exporter;Manufacturer,{10 + (i % 400)},,Electronics,true"),
                ]
            );
            return (path, prefix);
        }

        /// <summary>A certificate for each operator of <paramref name="operatorsBatch"/> from <paramref name="first"/> on.</summary>
        public (string Path, string Prefix, IReadOnlyList<string> Numbers) Certificates(
            int batch,
            int? operatorsBatch = null,
            int first = 0,
            int count = KillTests.Operators,
            string? validUntil = null
        )
        {
            var tinPrefix = $"TW{seed % 1000:D3}{operatorsBatch ?? batch}";
            var prefix = $"TW-IMP-{batch}-";
            var numbers = Enumerable.Range(first, count).Select(i => $"{prefix}{i:D6}").ToList();
            var path = System.IO.Path.Combine(folder, $"certificates-{batch}.csv");
            File.WriteAllLines(
                path,
                [
                    "tin,programme,certificate_number,tier,valid_from,valid_until,status",
                    .. Enumerable.Range(first, count).Select(i => $"{tinPrefix}{i:D6},TW,{prefix}{i:D6},,2023-06-01,{validUntil},Active"),
                ]
            );
            return (path, prefix, numbers);
        }
    }
}
