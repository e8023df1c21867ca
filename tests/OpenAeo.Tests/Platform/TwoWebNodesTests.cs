using System.Net.Http.Headers;
using System.Security.Cryptography;
using OpenAeo.Registry;
using OpenAeo.Tests.Clearance;
using OpenAeo.Tests.MutualRecognition;
using OpenAeo.Tests.Registry;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// Issue 18 item 3: two real <c>openaeo serve</c> processes on one PostgreSQL database, sharing the node key (one from
/// the key file, the other from the <c>Node:Key</c> setting) and a study input folder. From both at once: certificates
/// suspended and reinstated, declarations lodged, studies queued (the second node starts while the first runs its
/// studies, so its start-up scan finds them). Then the log verifies with exactly one entry per certificate event and
/// no gap, both nodes serve the same signed tree head, each study ran once, a session cookie from one node is accepted
/// by the other; and a node started without the key, or with another key, refuses instead of forking the log.
/// </summary>
public sealed class Two_web_nodes_on_one_PostgreSQL(ITestOutputHelper output)
{
    private const int Certificates = 40;
    private const int DeclarationsEach = 10;
    private const string Password = "two-nodes-password-1";
    private static readonly string[] EventsEach = ["Granted", "Suspended", "Reinstated", "Suspended", "Reinstated"];

    private static readonly object Definition = new
    {
        bootstrap = 100,
        stage = "apec1",
        groupBy = new[] { "mode", "channel" },
        mra = "TW-JP",
        beforeFrom = "2018-10-12",
        afterTo = "2019-12-31",
        target = "1h",
    };

    [Fact]
    public async Task Share_one_log_one_run_of_each_study_and_sessions_and_a_node_with_another_key_refuses_to_sign()
    {
        var shared = Directory.CreateTempSubdirectory("openaeo-two-nodes-").FullName;
        try
        {
            await Run(shared);
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    private async Task Run(string shared)
    {
        string[] settings =
        [
            "--Exchange:PublishIntervalSeconds=1",
            $"--TimeRelease:InputFolder={Path.Combine(shared, "trs-inputs")}",
            "--TimeRelease:RescanSeconds=1",
        ];
        await using var a = await OpenAeoNode.On("Postgres", "TW", settings);
        // Each start of the executable costs seconds on a busy machine: one verb to begin, the rest over HTTP, in parallel.
        var adminKey = await a.CliOk("users", "add", "--name", "root", "--role", "Admin", "--print-api-key");
        var events = Path.Combine(a.Folder, "events.csv");
        await Task.WhenAll(a.StartAsync(), a.CliOk("trs", "generate", "--rows", "1000", "--seed", "7", "--out", events));
        using var admin = a.Client(adminKey);
        var tins = Enumerable.Range(0, Certificates).Select(i => $"TW7{i:D7}").ToList();
        var imported = await admin.PostAsync(
            "/api/v1/operators/import",
            new StringContent(
                string.Join(
                    '\n',
                    ["tin,legal_name,economy,roles,consent", .. tins.Select(t => $"{t},Operator {t},TW,Importer;Exporter,true")]
                ),
                System.Text.Encoding.UTF8,
                "text/csv"
            )
        );
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var officerKey = await AddUser(admin, "officer", "ProgrammeOfficer");
        var borderKey = await AddUser(admin, "border", "BorderOfficer");
        var analystKey = await AddUser(admin, "analyst", "Analyst");
        var partnerKey = await AddUser(admin, "japan", "Partner", economy: "JP");
        (
            await admin.PostAsJsonAsync(
                "/api/v1/users",
                new
                {
                    name = "person",
                    role = "Analyst",
                    password = Password,
                    reason = "test",
                }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.Created);
        using (var jp = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var partner = await admin.PostAsJsonAsync(
                "/api/v1/partners",
                new
                {
                    economy = "JP",
                    url = "http://127.0.0.1:9",
                    publicKey = Convert.ToBase64String(jp.ExportSubjectPublicKeyInfo()),
                    apiKey = "unused",
                    reason = "test",
                }
            );
            partner.IsSuccessStatusCode.ShouldBeTrue(await partner.Content.ReadAsStringAsync());
        }

        var certificates = Path.Combine(a.Folder, "certificates.csv");
        await File.WriteAllLinesAsync(
            certificates,
            ["tin,programme,certificate_number,valid_from,status", .. tins.Select(t => $"{t},TW,TW-2N-{t[3..]},2024-01-01,Active")]
        );
        using var analystA = a.Client(analystKey);
        var studies = new List<long>();
        await Task.WhenAll(
            a.CliOk("certificates", "import", certificates),
            Task.Run(async () =>
            {
                studies.Add(await QueueUploaded(analystA, events));
                studies.Add(await QueueUploaded(analystA, events));
            })
        );

        // The second node gets the key as an orchestrator would inject it: the PEM in a setting, no file of its own. It
        // starts while the first runs the studies queued on it, so its start-up scan finds them.
        var pem = await File.ReadAllTextAsync(a.KeyPath);
        await using var b = a.Beside(Path.Combine(shared, "b-has-no-key-file.pem"), $"--Node:Key={pem}");
        await b.StartAsync();
        using var analystB = b.Client(analystKey);
        var input = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(events)));
        studies.Add(await Queue(analystB, new { definition = Definition, input }));
        studies.Add(await Queue(analystB, new { definition = Definition, input }));

        // Both nodes at once: eight officers each change their own certificates, alternating nodes; border officers lodge.
        var nodes = new[] { a, b };
        var officers = nodes.Select(n => n.Client(officerKey)).ToArray();
        var ids = (await a.Query("SELECT \"Id\" FROM cert_certificates ORDER BY \"Id\"")).Select(r => Convert.ToInt64(r[0])).ToList();
        ids.Count.ShouldBe(Certificates);
        var writers = Enumerable
            .Range(0, 8)
            .Select(w =>
                Task.Run(async () =>
                {
                    foreach (var (id, i) in ids.Select((id, i) => (id, i)).Where(x => x.i % 8 == w))
                    {
                        for (var n = 1; n < EventsEach.Length; n++)
                        {
                            var officer = officers[(i + n) % 2];
                            var response =
                                EventsEach[n] == "Suspended"
                                    ? await officer.PostAsJsonAsync(
                                        $"/api/v1/certificates/{id}/suspension",
                                        new { reason = $"finding {n}" }
                                    )
                                    : await officer.PostAsJsonAsync(
                                        $"/api/v1/certificates/{id}/reinstatement",
                                        new { reason = $"cleared {n}" }
                                    );
                            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                        }
                    }
                })
            );
        var lodgers = nodes.Select(
            (node, n) =>
                Task.Run(async () =>
                {
                    using var border = node.Client(borderKey);
                    for (var d = 0; d < DeclarationsEach; d++)
                    {
                        var response = await border.PostAsJsonAsync("/api/v1/declarations", Declaration($"N{n}-{d}", tins[d]));
                        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
                    }
                })
        );
        await Task.WhenAll([.. writers, .. lodgers]);
        foreach (var officer in officers)
        {
            officer.Dispose();
        }

        // One entry per event, no gap, and the same signed head from both nodes once both publishers caught up.
        var expected = Certificates * EventsEach.Length;
        using var partnerA = a.Client(partnerKey);
        using var partnerB = b.Client(partnerKey);
        var heads = await Eventually(
            async () => (await partnerA.GetStringAsync("/exchange/v1/sth"), await partnerB.GetStringAsync("/exchange/v1/sth")),
            h => TreeSize(h.Item1) == expected && h.Item1 == h.Item2,
            "both nodes serve the signed head of the whole log"
        );
        heads.Item2.ShouldBe(heads.Item1);
        var (exit, verified, error) = await a.Cli("exchange", "verify");
        exit.ShouldBe(0, error + a.Log + b.Log);
        verified.Trim().ShouldBe($"The log of TW is sound: {expected} entries rebuild the signed root.");
        var entries = (await partnerB.Get<ExchangeEntries>($"/exchange/v1/entries?start=0&end={expected}"))
            .Entries.Select(e => e.Status)
            .ToList();
        entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(0, expected).Select(i => (long)i));
        foreach (var certificate in entries.GroupBy(e => e.CertificateNumber))
        {
            certificate.Select(e => e.Event.ToString()).ShouldBe(EventsEach, $"the entries of {certificate.Key}");
        }

        entries.Select(e => e.CertificateNumber).Distinct().Count().ShouldBe(Certificates);
        (await a.Count("SELECT COUNT(*) FROM cert_certificate_events")).ShouldBe(expected);
        (await a.Count("SELECT COUNT(DISTINCT \"EntryIndex\") FROM mr_published_events WHERE \"EntryIndex\" IS NOT NULL")).ShouldBe(
            expected
        );
        (await a.Count("SELECT COUNT(DISTINCT \"Reference\") FROM clr_declarations")).ShouldBe(2 * DeclarationsEach);

        // Each study ran once, whichever node ran it.
        foreach (var id in studies)
        {
            var study = await Eventually(
                () => analystA.Get<StudyResponse>($"/api/v1/trs/studies/{id}"),
                s => s.Status is "Succeeded" or "Failed",
                $"study {id} finishes"
            );
            study.Status.ShouldBe("Succeeded", JsonSerializer.Serialize(study, Api.Json));
        }

        var runs = await a.Query(
            "SELECT \"Subject\", COUNT(*) FROM platform_audit WHERE \"Action\" = 'trs.study.finished' GROUP BY "
                + "\"Subject\" ORDER BY \"Subject\""
        );
        runs.Select(r => ((string)r[0]!, Convert.ToInt64(r[1]))).ShouldBe(studies.Order().Select(id => ($"trs-study:{id}", 1L)));

        // A session begun on one node is a session on the other (one data protection key ring, in the database).
        var cookie = await SignIn(a, "person");
        (await Get(b, "/operators", cookie)).ShouldBe(HttpStatusCode.OK);
        (await Get(b, "/operators", null)).ShouldBe(HttpStatusCode.Redirect);

        // The second node made no key of its own.
        File.Exists(Path.Combine(shared, "b-has-no-key-file.pem")).ShouldBeFalse();

        // A node started without the key does not make one and sign with it: serve stops, naming why. Nor does a node
        // given another key: every verb that would sign refuses, naming that key's log id.
        await using var keyless = a.Beside(Path.Combine(shared, "no-key.pem"));
        var otherKey = Path.Combine(shared, "other-key.pem");
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await File.WriteAllTextAsync(otherKey, other.ExportPkcs8PrivateKeyPem());
        await using var impostor = a.Beside(otherKey);
        var refusals = await Task.WhenAll(keyless.CliLogging("serve", "--urls", keyless.BaseUrl), impostor.Cli("exchange", "verify"));
        var (refusedExit, refusedOutput, refused) = refusals[0];
        refusedExit.ShouldBe(1, refusedOutput + refused);
        refused.ShouldContain("This node has no key");
        refused.ShouldContain($"its latest tree head: {expected} entries");
        // It stops before any background service begins, so the refusal is not buried under their cancellations.
        (refusedOutput + refused).ShouldNotContain("BackgroundService");
        (refusedOutput + refused).ShouldNotContain("ObjectDisposedException");
        File.Exists(keyless.KeyPath).ShouldBeFalse();
        var (impostorExit, _, why) = refusals[1];
        impostorExit.ShouldBe(1, why);
        why.ShouldContain(Convert.ToBase64String(SHA256.HashData(other.ExportSubjectPublicKeyInfo())));
        why.ShouldContain("did not sign the log");
        (await partnerA.GetStringAsync("/exchange/v1/sth")).ShouldBe(heads.Item1, "the refused nodes signed nothing");
        output.WriteLine($"{expected} entries; studies {string.Join(", ", studies)}");
    }

    private static async Task<string> AddUser(HttpClient admin, string name, string role, string? economy = null)
    {
        var added = await admin.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                name,
                role,
                partnerEconomy = economy,
                issueApiKey = true,
                reason = "test",
            }
        );
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return (await added.Read<AddUserResponse>()).ApiKey!;
    }

    private static object Declaration(string reference, string importer) =>
        Border.Declaration(importer, reference: reference, broker: false);

    /// <summary>Saves and queues a study of an events file uploaded with it (the form the web page posts).</summary>
    internal static async Task<long> QueueUploaded(HttpClient analyst, string events, object? definition = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(new { definition = definition ?? Definition })), "definition" },
        };
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(events));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "events.csv");
        return await Queued(await analyst.PostAsync("/api/v1/trs/studies", form));
    }

    private static async Task<long> Queue(HttpClient analyst, object study) =>
        await Queued(await analyst.PostAsJsonAsync("/api/v1/trs/studies", study));

    private static async Task<long> Queued(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Read<StudyResponse>()).Id;
    }

    private static long TreeSize(string sth) => Exchange.TreeHead(sth).TreeSize;

    /// <summary>Polls with a generous cap (a busy machine), never a fixed sleep for the outcome.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var last = default(T);
        for (var attempt = 0; attempt < 1_200; attempt++)
        {
            last = await read();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Not reached: {what}. Last seen: {last}");
    }

    /// <summary>Signs in through the sign-in page as a browser does and returns the session cookie.</summary>
    private static async Task<string> SignIn(OpenAeoNode node, string name)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = new Uri(node.BaseUrl) };
        var (response, refusal) = await SignInForm.Post(browser, name, Password);
        refusal.ShouldBeNull();
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("openaeo=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpStatusCode> Get(OpenAeoNode node, string path, string? cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(node.BaseUrl),
        };
        if (cookie is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", cookie);
        }

        return (await client.GetAsync(path)).StatusCode;
    }
}
