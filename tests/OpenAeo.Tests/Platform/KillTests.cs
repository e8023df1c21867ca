using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using OpenAeo.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;
using OpenAeo.Tests.MutualRecognition;
using OpenAeo.TimeRelease;

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
/// Issue 18 item 4 adds a replication round (<c>exchange pull</c> killed while it stages a partner's entries: the replica
/// stays one whole verified state and the next pull catches up), a running study and a pending webhook.
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
        var partnerKey = await node.CliOk(ExchangeSetUp.PartnerAccount("japan-customs", "JP"));
        using (var jpKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await node.CliOk(
                ExchangeSetUp.AddPartner("JP", "http://127.0.0.1:9", Convert.ToBase64String(jpKey.ExportSubjectPublicKeyInfo()), "unused")
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
            var page = await partner.Get<ExchangeEntries>(
                $"/exchange/v1/entries?start={start}&end={Math.Min(expected.Count, start + 1_000)}"
            );
            served.AddRange(page.Entries.Select(e => (e.Status.CertificateNumber!, e.Status.Event.ToString())));
        }

        served.Count.ShouldBe(expected.Count, run.Trail);
        var duplicated = served.GroupBy(e => e).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        duplicated.ShouldBeEmpty(run.Trail);
        served.Order().ShouldBe(expected.Order(), run.Trail);
        (await partner.TreeHeadAsync()).TreeSize.ShouldBe(expected.Count);
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
        await Until(() => receiver.Received.Any(r => r.Event.Type == "certificate.suspended"), node);
        (await officer.PostAsJsonAsync($"/api/v1/certificates/{id}/reinstatement", new { reason = "Seals replaced" })).StatusCode.ShouldBe(
            System.Net.HttpStatusCode.OK
        );
        await Until(() => receiver.Received.Any(r => r.Event.Type == "certificate.reinstated"), node);

        var suspensions = receiver.Received.Where(r => r.Event.Type == "certificate.suspended").ToList();
        suspensions.ShouldHaveSingleItem(node.Log).SignedWith(secret).ShouldBeTrue();
        receiver.Received.Select(r => r.Id).ShouldBeUnique();
        // The dispatcher records an attempt once the receiver has answered, so the second row may follow the delivery by a
        // moment; a third would be a delivery made twice.
        await Until(async () => await node.Count("SELECT COUNT(*) FROM platform_webhook_attempts") >= 2, node);
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

        var study = await analyst.Get<StudyResponse>($"/api/v1/trs/studies/{id}");
        study.Status.ShouldBe("Succeeded", JsonSerializer.Serialize(study, Api.Json));
        (
            await node.Count(
                $"SELECT COUNT(*) FROM platform_audit WHERE \"Action\" = 'trs.study.finished' AND \"Subject\" = 'trs-study:{id}'"
            )
        ).ShouldBe(1);
        node.Log.ShouldContain($"Time release study {id} was left running by a stopped runner; running it again");
    }

    /// <summary>
    /// Issue 18 item 4, a replication round: Tokyo's <c>openaeo exchange pull</c> is killed with SIGKILL at seeded points
    /// while it fetches and stages a batch of Taipei's entries (1,000 in a first round from nothing, 500 in a round that
    /// extends the replica through a consistency proof), three times a round. After every kill the replica is a whole
    /// verified state: its tree head, its frontier and its entries moved together or not at all; each of Taipei's entries
    /// is held once, at its index, with no gap; the stored head is Taipei's signature over the root those entries rebuild;
    /// and Tokyo's recognition rests on that state. After each round's last kill <c>exchange verify</c> passes; the next
    /// pull takes over the dead round's lease, fetches exactly what is missing, and Tokyo then answers from Taipei's latest
    /// entry for each TIN. PostgreSQL only, to keep the suite short: a round is one transaction on both providers, and
    /// SQLite's rollback of a killed writer is exercised by the import and status log tests above.
    /// </summary>
    [Fact]
    public async Task Replication_rounds_killed_at_random_points_store_whole_batches_and_catch_up()
    {
        const string provider = "Postgres";
        var run = new KillRun(provider, nameof(Replication_rounds_killed_at_random_points_store_whole_batches_and_catch_up));
        await using var tw = await OpenAeoNode.On(provider, "TW");
        // Tokyo only replicates when told (the default of a test node); its own publisher and verifier stay quiet, so a write
        // transaction seen open in its database is the round's.
        // Its recognition reads the replica afresh on every question (Caching:KeptSeconds=0): the test puts the replica back
        // behind the server's back, which a node otherwise sees only once what it kept is older than that (ADR 0068).
        await using var jp = await OpenAeoNode.On(
            provider,
            "JP",
            "--Exchange:PublishIntervalSeconds=0",
            "--Exchange:VerifyIntervalMinutes=0",
            "--Caching:KeptSeconds=0"
        );
        // Taipei's register: 1,000 certified exporters. The first round replicates their grants, half of them already
        // past their validity; the second the expiry of that half (each such TIN's latest entry).
        const int Tins = 1_000;
        const int Expiring = Tins / 2;
        var tins = Enumerable.Range(0, Tins).Select(i => $"TW{i:D8}").ToList();
        var operators = Path.Combine(tw.Folder, "operators.csv");
        await File.WriteAllLinesAsync(
            operators,
            [
                "tin,legal_name,economy,roles,employees,turnover,sector,consent",
                .. tins.Select(t => $"{t},Exporter {t},TW,Exporter,30,,Electronics,true"),
            ]
        );
        static bool PastDated(int i) => i % 2 == 1;
        string Certificates(string name, IEnumerable<int> which)
        {
            var path = Path.Combine(tw.Folder, name);
            File.WriteAllLines(
                path,
                [
                    "tin,programme,certificate_number,tier,valid_from,valid_until,status",
                    .. which.Select(i => $"{tins[i]},TW,TW-AEO-{tins[i]},,2024-01-15,{(PastDated(i) ? "2024-12-31" : "")},Active"),
                ]
            );
            return path;
        }

        // Each node gets ready on its own (the machine may be busy): Taipei issues Tokyo a Partner key, registers Tokyo as
        // a partner that reads its log, imports and publishes its register and starts; Tokyo registers Taipei.
        var officer = jp.CliOk("users", "add", "--name", "jp-border", "--role", "BorderOfficer", "--print-api-key");
        var twKey = Api.Parse<ExchangeIdentity>(await tw.CliOk("exchange", "identity")).PublicKey;
        var jpKeyAtTw = await tw.CliOk(ExchangeSetUp.PartnerAccount("japan-customs", "JP"));
        async Task Taipei()
        {
            using (var jpKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                var jpPublicKey = Convert.ToBase64String(jpKey.ExportSubjectPublicKeyInfo());
                await tw.CliOk(ExchangeSetUp.AddPartner("JP", "http://127.0.0.1:9", jpPublicKey, "unused"));
            }

            await tw.CliOk("operators", "import", operators);
            await tw.CliOk("certificates", "import", Certificates("certificates.csv", Enumerable.Range(0, Tins)));
            await tw.StartAsync();
            run.Note("Taipei: register imported, server started");
        }

        async Task Tokyo()
        {
            await jp.CliOk(ExchangeSetUp.AddPartner("TW", tw.BaseUrl, twKey, jpKeyAtTw));
            await jp.StartAsync();
            run.Note("Tokyo: Taipei registered, server started");
        }

        await Task.WhenAll(Taipei(), Tokyo());
        var officerKey = await officer;
        using var asJapan = tw.Client(jpKeyAtTw);
        await Published(asJapan, Tins, run);
        using var asOfficer = jp.Client(officerKey);
        var replica = new Replica(jp, asOfficer, Convert.FromBase64String(twKey), tin => PastDated(tins.IndexOf(tin)), run);

        // First round: from nothing to 1,000 entries. Each round is killed three times: twice a random part of half a
        // second after it is seen writing (a round writes for well under a second), once at a random moment of its life,
        // start-up included (a guess of it in the first round, as measured in the second). A kill that let the round
        // commit is undone, the replica put back as it was, so that the next kill meets a round with the whole batch to do.
        var log = await Entries(asJapan, Tins);
        var life = TimeSpan.FromSeconds(6);
        var inWork = TimeSpan.FromMilliseconds(500);
        async Task Kills(int before)
        {
            var saved = await replica.Saved();
            await replica.Kill(log, before, saved, () => run.KillAtWrite(jp, inWork, "exchange", "pull", "--partner", "TW"));
            await replica.Kill(log, before, saved, () => run.KillAtRandom(jp, life, "exchange", "pull", "--partner", "TW"));
            await replica.Kill(log, before, null, () => run.KillAtWrite(jp, inWork, "exchange", "pull", "--partner", "TW"));
        }

        await Kills(0);
        life = await replica.Complete(log);

        // Taipei moves on: the past-dated half of its certificates expired, published by its server.
        (await tw.CliOk("certification", "jobs")).ShouldStartWith($"{Expiring} expired");
        await Published(asJapan, Tins + Expiring, run);

        // Second round: 500 more on top of a verified replica, through a consistency proof.
        log = await Entries(asJapan, Tins + Expiring);
        await Kills(Tins);
        await replica.Complete(log);
        (await jp.Count("SELECT COUNT(*) FROM platform_audit WHERE \"Action\" IN ('partner.diverged', 'partner.unreachable')")).ShouldBe(
            0,
            $"a killed round records no failure\n{run.Trail}"
        );
        output.WriteLine(run.Trail);
    }

    /// <summary>Waits for Taipei's server to publish (every few seconds) until its signed tree head covers <paramref name="size"/>
    /// entries.</summary>
    private static async Task Published(HttpClient partner, long size, KillRun run)
    {
        long published = 0;
        for (var attempt = 0; attempt < 1_200 && published < size; attempt++)
        {
            await Task.Delay(100);
            published = (await partner.TreeHeadAsync()).TreeSize;
        }

        published.ShouldBe(size, run.Trail);
        run.Note($"Taipei published: tree size {published}");
    }

    /// <summary>Taipei's first <paramref name="size"/> entries as it serves them to Tokyo, page by page.</summary>
    private static async Task<List<LogEntry>> Entries(HttpClient partner, int size)
    {
        var entries = new List<LogEntry>();
        for (var start = 0; start < size; start += 1_000)
        {
            var page = await partner.Get<ExchangeEntries>($"/exchange/v1/entries?start={start}&end={Math.Min(size, start + 1_000)}");
            entries.AddRange(page.Entries.Select(e => LogEntry.Of(e.Status)));
        }

        entries.Count.ShouldBe(size);
        return entries;
    }

    /// <summary>What identifies a status log entry here: whose, which certificate, what happened.</summary>
    private sealed record LogEntry(string Tin, string? Certificate, string Event)
    {
        public static LogEntry Of(StatusEntry entry) => new(entry.Tin.Value, entry.CertificateNumber, entry.Event.ToString());
    }

    /// <summary>Tokyo's replica of Taipei, checked where a crash leaves it: the database, <c>exchange verify</c>, the recognition
    /// API.</summary>
    private sealed class Replica(OpenAeoNode jp, HttpClient officer, byte[] partnerKey, Func<string, bool> pastDated, KillRun run)
    {
        /// <summary>
        /// A pull killed by <paramref name="kill"/>: afterwards the replica holds either the <paramref name="before"/>
        /// entries it held or all of <paramref name="log"/>, nothing in between.
        /// </summary>
        /// <param name="restore">Puts the replica back as it was before the round when the round committed before the kill.</param>
        public async Task Kill(
            IReadOnlyList<LogEntry> log,
            int before,
            Func<Task>? restore,
            Func<Task<(bool Killed, int Exit, string Error)>> kill
        )
        {
            var (killed, exit, error) = await kill();
            if (!killed)
            {
                exit.ShouldBe(0, $"{error}\n{run.Trail}");
            }

            // What exchange verify checks of a replica is checked here, without the cost of a process per kill; the verb runs
            // after each round's last kill, at the end of the round.
            var size = await Whole(log, killed ? [before, log.Count] : [log.Count]);
            run.Note($"replica after the pull: {size} entries");
            if (size == log.Count && restore is not null)
            {
                await restore();
                await Whole(log, [before]);
                run.Note($"replica put back to {before} entries");
            }
        }

        /// <summary>The replica as it is now (the partner's verified head and size, the frontier), and how to put it back.</summary>
        public async Task<Func<Task>> Saved()
        {
            var partner = (await jp.Query("SELECT \"TreeSize\", \"VerifiedTreeHead\" FROM mr_partners WHERE \"Economy\" = 'TW'")).Single();
            var size = Convert.ToInt64(partner[0], CultureInfo.InvariantCulture);
            var frontier = await jp.Query("SELECT \"Position\", \"Hash\" FROM mr_replica_frontier WHERE \"Partner\" = 'TW'");
            return async () =>
            {
                await using var connection = new NpgsqlConnection(jp.ConnectionString);
                await connection.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await using (
                    var back = new NpgsqlCommand(
                        """
                        DELETE FROM mr_replica_entries WHERE "Partner" = 'TW' AND "Index" >= @size;
                        DELETE FROM mr_replica_frontier WHERE "Partner" = 'TW';
                        UPDATE mr_partners SET "TreeSize" = @size, "VerifiedTreeHead" = @head WHERE "Economy" = 'TW';
                        """,
                        connection,
                        transaction
                    )
                )
                {
                    back.Parameters.AddWithValue("size", size);
                    back.Parameters.Add(new NpgsqlParameter("head", NpgsqlTypes.NpgsqlDbType.Text) { Value = partner[1] ?? DBNull.Value });
                    await back.ExecuteNonQueryAsync();
                }

                foreach (var node in frontier)
                {
                    await using var insert = new NpgsqlCommand(
                        "INSERT INTO mr_replica_frontier (\"Partner\", \"Position\", \"Hash\") VALUES ('TW', @position, @hash)",
                        connection,
                        transaction
                    );
                    insert.Parameters.AddWithValue("position", node[0]!);
                    insert.Parameters.AddWithValue("hash", node[1]!);
                    await insert.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
            };
        }

        /// <summary>
        /// After the last kill of a round, <c>exchange verify</c> passes; then a pull runs to its end and fetches exactly the
        /// entries still missing.
        /// </summary>
        /// <returns>How long the pull took, start-up included.</returns>
        public async Task<TimeSpan> Complete(IReadOnlyList<LogEntry> log)
        {
            var verify = await jp.Cli("exchange", "verify");
            verify.Exit.ShouldBe(0, $"exchange verify after the kills: {verify.Error}\n{run.Trail}");
            var held = await jp.Count("SELECT COUNT(*) FROM mr_replica_entries WHERE \"Partner\" = 'TW'");
            var clock = Stopwatch.StartNew();
            var (exit, output, error) = await jp.Cli("exchange", "pull", "--partner", "TW");
            run.Note($"exchange pull to the end: exit {exit} in {clock.ElapsedMilliseconds} ms");
            exit.ShouldBe(0, $"the next round takes over the dead one's lease: {error}\n{run.Trail}");
            output.Trim().ShouldBe($"TW: Healthy, tree size {log.Count}, {log.Count - held} new entries.", run.Trail);
            var elapsed = clock.Elapsed;
            await Whole(log, [log.Count]);
            return elapsed;
        }

        /// <summary>Checks the replica is one whole verified state of <paramref name="log"/> and returns its size.</summary>
        private async Task<long> Whole(IReadOnlyList<LogEntry> log, long[] sizes)
        {
            var partner = (await jp.Query("SELECT \"TreeSize\", \"VerifiedTreeHead\" FROM mr_partners WHERE \"Economy\" = 'TW'")).Single();
            var size = Convert.ToInt64(partner[0], CultureInfo.InvariantCulture);
            size.ShouldBeOneOf(sizes, $"a round stores all of its batch or none of it\n{run.Trail}");
            var rows = await jp.Query(
                "SELECT \"Index\", \"Tin\", \"Json\" FROM mr_replica_entries WHERE \"Partner\" = 'TW' ORDER BY \"Index\""
            );
            rows.Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture))
                .ShouldBe(
                    Enumerable.Range(0, (int)size).Select(i => (long)i),
                    $"each entry once, no gap, nothing staged past the head\n{run.Trail}"
                );
            var frontier = await jp.Query("SELECT \"Hash\" FROM mr_replica_frontier WHERE \"Partner\" = 'TW' ORDER BY \"Position\"");
            if (size == 0)
            {
                partner[1].ShouldBeNull(run.Trail);
                frontier.ShouldBeEmpty(run.Trail);
            }
            else
            {
                var head = SignedTreeHead.Parse(Encoding.UTF8.GetBytes((string)partner[1]!)).Value!;
                head.TreeSize.ShouldBe(size, run.Trail);
                head.Verify(partnerKey).ShouldBeTrue($"the stored head is signed by Taipei's key\n{run.Trail}");
                rows.Select(r => LogEntry.Of(Exchange.Entry((string)r[2]!)))
                    .ShouldBe(log.Take((int)size), $"Taipei's entries, in its order\n{run.Trail}");
                rows.Select(r => (string)r[1]!).ShouldBe(log.Take((int)size).Select(e => e.Tin), run.Trail);
                var rebuilt = MerkleFrontier.FromLeafHashes(rows.Select(r => MerkleTree.HashLeaf(Encoding.UTF8.GetBytes((string)r[2]!))));
                rebuilt.RootHash().ShouldBe(head.RootHash, $"the entries rebuild the signed root\n{run.Trail}");
                frontier.Select(r => (byte[])r[0]!).ShouldBe(rebuilt.Hashes, $"the frontier moved with the entries\n{run.Trail}");
            }

            await Recognition(log, size);
            return size;
        }

        /// <summary>For a few TINs (granted only, granted then expired, never certified): the answer rests on the latest entry the
        /// verified replica holds.</summary>
        private async Task Recognition(IReadOnlyList<LogEntry> log, long size)
        {
            foreach (var tin in new[] { "TW00000000", "TW00000001", "TW00001998", "TW00001999", "TW00002999" })
            {
                var answer = await (await officer.GetAsync($"/api/v1/recognition/{tin}")).Read<RecognitionResponse>(200);
                var latest = log.Take((int)size).Select((e, i) => (e, i)).LastOrDefault(x => x.e.Tin == tin);
                if (latest.e is null)
                {
                    answer.Result.ShouldBe("Unknown", $"{answer}\n{run.Trail}");
                    continue;
                }

                answer.Provenance.ShouldBe(new ProvenanceResponse("TW", latest.i, size), $"{answer}\n{run.Trail}");
                answer.Result.ShouldBe(
                    latest.e.Event == "Granted" && !pastDated(tin) ? "RecognisedUnderMra" : "NotAeo",
                    $"{answer}\n{run.Trail}"
                );
            }
        }
    }

    /// <summary>Polls (the server works on its own schedule) with a generous cap for a busy machine.</summary>
    private static Task Until(Func<bool> done, OpenAeoNode node) => Until(() => Task.FromResult(done()), node);

    /// <summary>Waits for a real server process (its own clock, not the test's) to reach a state, for at most five minutes.</summary>
    private static async Task Until(Func<Task<bool>> done, OpenAeoNode node)
    {
        for (var attempt = 0; attempt < 1_500 && !await done(); attempt++)
        {
            await Task.Delay(200);
        }

        (await done()).ShouldBeTrue(node.Log);
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
