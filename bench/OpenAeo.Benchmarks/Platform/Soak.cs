using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAeo.Benchmarks.Clearance;

namespace OpenAeo.Benchmarks.Platform;

/// <summary>
/// Issue 18 item 4: a bounded soak of mixed traffic against a real <c>openaeo serve</c> on loopback (SQLite file, the
/// demo administration), <c>soak [--minutes 10] [--connections 16] [--seed 1]</c>. Each connection loops until the time
/// is up, drawing by weight: lodging a declaration (border officer's key), a certificate suspended then reinstated (a
/// programme officer's key, each connection on certificates of its own so two never race for one), the public and the
/// exchange status of an AEO, a partner's pull (signed tree head and a window of entries, JP's key) and a page of
/// declarations; beside them a study is queued every minute and followed to its end. Prints, per kind: requests,
/// requests/s, p50 and p99 latency and errors; the server's resident memory at the start and the end; the machine's load.
/// An error is any answer other than the one the request calls for (a 409 for a suspension would be a bug: each
/// connection owns its certificates), and any study that does not succeed; the exit code is 1 when there is any.
/// </summary>
internal static class Soak
{
    private enum Kind
    {
        Lodge,
        SuspendReinstate,
        PublicStatus,
        ExchangeStatus,
        PartnerPull,
        ListDeclarations,
        Study,
    }

    /// <summary>Out of 100: lodging dominates, as at a border; officers act now and then.</summary>
    private static readonly (Kind Kind, int Weight)[] Mix =
    [
        (Kind.Lodge, 40),
        (Kind.SuspendReinstate, 5),
        (Kind.PublicStatus, 20),
        (Kind.ExchangeStatus, 15),
        (Kind.PartnerPull, 10),
        (Kind.ListDeclarations, 10),
    ];

    public static int Run(string[] args)
    {
        var minutes = Option(args, "--minutes", 10.0);
        var connections = (int)Option(args, "--connections", 16.0);
        var seed = (int)Option(args, "--seed", 1.0);
        return RunAsync(TimeSpan.FromMinutes(minutes), connections, seed).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(TimeSpan length, int connections, int seed)
    {
        using var openaeo = new OpenAeoProcess("soak");
        Console.WriteLine("seeding the demo administration…");
        openaeo.Cli("demo", "seed");
        var border = Key(openaeo, "soak-border", "BorderOfficer");
        var officer = Key(openaeo, "soak-officer", "ProgrammeOfficer");
        var analyst = Key(openaeo, "soak-analyst", "Analyst");
        var partner = Key(openaeo, "soak-jp", "Partner", "--economy", "JP");
        var events = Path.Combine(openaeo.Folder, "study-events.csv");
        openaeo.Cli("trs", "generate", "--rows", "20000", "--seed", "7", "--out", events);

        // Limits meant for one person's browser would turn most of the soak's status lookups into 429s.
        var client = openaeo.Serve("--PublicStatus:PermitLimit=100000000", "--Logging:LogLevel:Default=Warning");

        IReadOnlyList<(int Id, string Tin)> certificates = await ActiveCertificatesAsync(client, officer);
        // Half the certificates are suspended and reinstated, the other half's holders are looked up: a suspended AEO is
        // rightly "not known here" to the public check for the moment it is suspended.
        var acted = certificates.Where((_, i) => i % 2 == 0).ToArray();
        var tins = await PublishedAsync(
            client,
            partner,
            certificates.Where((_, i) => i % 2 == 1).Select(c => c.Tin).Except(acted.Select(c => c.Tin)).Distinct(StringComparer.Ordinal)
        );
        certificates = acted;
        Console.WriteLine($"{certificates.Count} active certificates, {tins.Length} AEOs whose status is public; warming up…");
        var warm = new Recorder();
        await Traffic(client, TimeSpan.FromSeconds(20), connections, seed, certificates, tins, border, officer, partner, warm);

        var rssStart = ResidentMegabytes(openaeo.ServerProcessId);
        var loadStart = Load();
        var recorder = new Recorder();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(length);
        var studies = StudiesAsync(client, analyst, events, recorder, stop.Token);
        await Traffic(client, length, connections, seed + 1, certificates, tins, border, officer, partner, recorder);
        await studies;
        var elapsed = clock.Elapsed.TotalSeconds;
        var rssEnd = ResidentMegabytes(openaeo.ServerProcessId);

        Console.WriteLine();
        Console.WriteLine(
            $"soak: {length.TotalMinutes:0.#} min, {connections} connections, published-like Release build on SQLite, "
                + $"load {loadStart} at the start and {Load()} at the end"
        );
        Console.WriteLine("| kind | requests | requests/s | p50 ms | p99 ms | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (kind, samples) in recorder.Samples.OrderBy(p => p.Key))
        {
            var sorted = samples.Order().ToArray();
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {kind} | {sorted.Length:N0} | {sorted.Length / elapsed:N1} | {Quantile(sorted, 0.5):N1} | "
                )
                    + string.Create(
                        CultureInfo.InvariantCulture,
                        $"{Quantile(sorted, 0.99):N1} | {recorder.Errors.GetValueOrDefault(kind)} |"
                    )
            );
        }

        var total = recorder.Samples.Values.Sum(s => s.Count);
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"all: {total:N0} requests, {total / elapsed:N1}/s, {recorder.Errors.Values.Sum()} errors; "
                    + $"server resident memory {rssStart:N0} MB after warm-up, {rssEnd:N0} MB at the end"
            )
        );
        foreach (var error in recorder.FirstErrors.Take(20))
        {
            Console.WriteLine($"  error: {error}");
        }

        return recorder.Errors.Values.Sum() == 0 ? 0 : 1;
    }

    private static async Task Traffic(
        HttpClient client,
        TimeSpan length,
        int connections,
        int seed,
        IReadOnlyList<(int Id, string Tin)> certificates,
        string[] tins,
        string border,
        string officer,
        string partner,
        Recorder recorder
    )
    {
        var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(
            Enumerable
                .Range(0, connections)
                .Select(c =>
                    Task.Run(async () =>
                    {
                        var random = new Random(seed * 1_000 + c);
                        // Each connection suspends and reinstates only its own certificates.
                        var own = certificates.Where((_, i) => i % connections == c).Select(x => x.Id).ToArray();
                        while (Stopwatch.GetTimestamp() < until)
                        {
                            var kind = Draw(random);
                            if (kind == Kind.SuspendReinstate && own.Length == 0)
                            {
                                kind = Kind.Lodge;
                            }

                            await OneAsync(client, kind, random, own, tins, border, officer, partner, recorder);
                        }
                    })
                )
        );
    }

    private static async Task OneAsync(
        HttpClient client,
        Kind kind,
        Random random,
        int[] own,
        string[] tins,
        string border,
        string officer,
        string partner,
        Recorder recorder
    )
    {
        switch (kind)
        {
            case Kind.Lodge:
                await recorder.Time(kind, HttpStatusCode.Created, () =>
                    client.SendAsync(Request(HttpMethod.Post, "/api/v1/declarations", border, Declaration(random)))
                );
                break;
            case Kind.SuspendReinstate:
                var id = own[random.Next(own.Length)];
                await recorder.Time(kind, HttpStatusCode.OK, () =>
                    client.SendAsync(
                        Request(HttpMethod.Post, $"/api/v1/certificates/{id}/suspension", officer, new { reason = "Soak: finding" })
                    )
                );
                await recorder.Time(kind, HttpStatusCode.OK, () =>
                    client.SendAsync(
                        Request(HttpMethod.Post, $"/api/v1/certificates/{id}/reinstatement", officer, new { reason = "Soak: resolved" })
                    )
                );
                break;
            case Kind.PublicStatus:
                await recorder.Time(kind, HttpStatusCode.OK, () =>
                    client.SendAsync(Request(HttpMethod.Get, $"/api/v1/public/status/{tins[random.Next(tins.Length)]}", null))
                );
                break;
            case Kind.ExchangeStatus:
                await recorder.Time(kind, HttpStatusCode.OK, () =>
                    client.SendAsync(Request(HttpMethod.Get, $"/exchange/v1/status/{tins[random.Next(tins.Length)]}", partner))
                );
                break;
            case Kind.PartnerPull:
                long size = 0;
                await recorder.Time(kind, HttpStatusCode.OK, async () =>
                {
                    var response = await client.SendAsync(Request(HttpMethod.Get, "/exchange/v1/sth", partner));
                    if (response.IsSuccessStatusCode)
                    {
                        using var head = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        size = head.RootElement.GetProperty("treeSize").GetInt64();
                    }

                    return response;
                });
                if (size > 0)
                {
                    var start = random.NextInt64(size);
                    await recorder.Time(kind, HttpStatusCode.OK, () =>
                        client.SendAsync(
                            Request(HttpMethod.Get, $"/exchange/v1/entries?start={start}&end={Math.Min(size, start + 100)}", partner)
                        )
                    );
                }

                break;
            case Kind.ListDeclarations:
                await recorder.Time(kind, HttpStatusCode.OK, () =>
                    client.SendAsync(Request(HttpMethod.Get, $"/api/v1/declarations?page={1 + random.Next(5)}&pageSize=50", border))
                );
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>A study a minute, each followed until it succeeds or fails; its time is from queueing to the end.</summary>
    private static async Task StudiesAsync(HttpClient client, string analyst, string events, Recorder recorder, CancellationToken stop)
    {
        var bytes = await File.ReadAllBytesAsync(events, CancellationToken.None);
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            n++;
            var clock = Stopwatch.StartNew();
            using var form = new MultipartFormDataContent
            {
                {
                    new StringContent(
                        $$$"""{"name":"Soak study {{{n}}}","definition":{"stage":"apec1","groupBy":["mode"],"split":"2019-05-01"}}"""
                    ),
                    "definition"
                },
                { new ByteArrayContent(bytes), "file", "soak-events.csv" },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/trs/studies") { Content = form };
            request.Headers.Add("X-Api-Key", analyst);
            using var saved = await client.SendAsync(request, CancellationToken.None);
            if (saved.StatusCode != HttpStatusCode.Accepted)
            {
                recorder.Error(
                    Kind.Study,
                    $"queueing a study answered {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync(CancellationToken.None)}"
                );
            }
            else
            {
                var location = saved.Headers.Location!.ToString();
                var status = "Queued";
                // A study that has not ended in five minutes is an error of its own, not a hung soak.
                while (status is "Queued" or "Running" && clock.Elapsed < TimeSpan.FromMinutes(5))
                {
                    await Task.Delay(500, CancellationToken.None);
                    using var poll = await client.SendAsync(Request(HttpMethod.Get, location, analyst), CancellationToken.None);
                    using var body = JsonDocument.Parse(await poll.Content.ReadAsStringAsync(CancellationToken.None));
                    status = body.RootElement.GetProperty("status").GetString()!;
                }

                recorder.Record(Kind.Study, clock.Elapsed.TotalMilliseconds);
                Console.WriteLine($"  {DateTime.UtcNow:HH:mm:ss} study {n}: {status} after {clock.Elapsed.TotalSeconds:0.0} s");
                if (status != "Succeeded")
                {
                    recorder.Error(Kind.Study, $"study {location} ended {status}");
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMinutes(1) - clock.Elapsed is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<IReadOnlyList<(int Id, string Tin)>> ActiveCertificatesAsync(HttpClient client, string officer)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/certificates?pageSize=200", officer));
        response.EnsureSuccessStatusCode();
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return
        [
            .. page
                .RootElement.GetProperty("items")
                .EnumerateArray()
                .Where(c => c.GetProperty("status").GetString() == "Active")
                .Select(c => (c.GetProperty("id").GetInt32(), c.GetProperty("tin").GetString()!)),
        ];
    }

    /// <summary>
    /// The AEOs whose status both the public check and the exchange give: an operator that has not consented to
    /// publication is rightly "not known here", which is not what the soak measures.
    /// </summary>
    private static async Task<string[]> PublishedAsync(HttpClient client, string partner, IEnumerable<string> tins)
    {
        var published = new List<string>();
        foreach (var tin in tins)
        {
            using var exchange = await client.SendAsync(Request(HttpMethod.Get, $"/exchange/v1/status/{tin}", partner));
            using var open = await client.SendAsync(Request(HttpMethod.Get, $"/api/v1/public/status/{tin}", null));
            if (exchange.IsSuccessStatusCode && open.IsSuccessStatusCode)
            {
                published.Add(tin);
            }
        }

        return [.. published];
    }

    private static object Declaration(Random random) =>
        SampleDeclaration.Body(random.Next(1_000_000), $"SOAK-{Guid.NewGuid():N}", otherOrigin: "JP");

    private static HttpRequestMessage Request(HttpMethod method, string path, string? apiKey, object? body = null)
    {
        var message = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            message.Content = JsonContent.Create(body);
        }

        if (apiKey is not null)
        {
            message.Headers.Add("X-Api-Key", apiKey);
        }

        return message;
    }

    private static Kind Draw(Random random)
    {
        var roll = random.Next(Mix.Sum(m => m.Weight));
        foreach (var (kind, weight) in Mix)
        {
            if ((roll -= weight) < 0)
            {
                return kind;
            }
        }

        return Kind.Lodge;
    }

    private static string Key(OpenAeoProcess openaeo, string name, string role, params string[] extra)
    {
        var output = openaeo.Cli(["users", "add", "--name", name, "--role", role, .. extra, "--print-api-key"]);
        return output.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("oak_", StringComparison.Ordinal));
    }

    private static double Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static double ResidentMegabytes(int processId) =>
        File.ReadLines($"/proc/{processId}/status")
            .Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
            .First();

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static double Option(string[] args, string name, double fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length
            ? double.Parse(args[i + 1], CultureInfo.InvariantCulture)
            : fallback;

    private sealed class Recorder
    {
        public ConcurrentDictionary<Kind, ConcurrentBag<double>> Samples { get; } = new();

        public ConcurrentDictionary<Kind, int> Errors { get; } = new();

        public ConcurrentQueue<string> FirstErrors { get; } = new();

        public void Record(Kind kind, double milliseconds) => Samples.GetOrAdd(kind, _ => []).Add(milliseconds);

        public void Error(Kind kind, string what)
        {
            Errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
            if (FirstErrors.Count < 20)
            {
                FirstErrors.Enqueue($"{kind}: {what}");
            }
        }

        public async Task Time(Kind kind, HttpStatusCode expected, Func<Task<HttpResponseMessage>> send)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await send();
                // The body is part of the answer's time.
                var body = await response.Content.ReadAsStringAsync();
                Record(kind, clock.Elapsed.TotalMilliseconds);
                if (response.StatusCode != expected)
                {
                    Error(kind, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri?.PathAndQuery}: {Shorten(body)}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Record(kind, clock.Elapsed.TotalMilliseconds);
                Error(kind, e.Message);
            }
        }

        private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");
    }
}
