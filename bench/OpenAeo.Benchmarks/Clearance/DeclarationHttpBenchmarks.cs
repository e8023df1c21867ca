using System.Net;
using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace OpenAeo.Benchmarks.Clearance;

/// <summary>
/// Lane decisions through HTTP against a real <c>openaeo serve</c> process (Kestrel, SQLite file, the demo's agencies,
/// rules and registry): 200 sequential <c>POST /api/v1/declarations</c> (validate, recognise every party, decide,
/// store the declaration with its explanation and milestones, audit) with a border officer's API key, against 200
/// <c>GET /health</c> of the same process in the same run with the same key (the baseline: both sides pay the same
/// authentication) and anonymous. The Ratio column of the lodging row is the figure.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class DeclarationHttpBenchmarks
{
    private const int Requests = 200;
    private OpenAeoProcess openaeo = default!;
    private HttpClient client = default!;
    private string apiKey = "";
    private int next;

    [GlobalSetup]
    public void Start()
    {
        openaeo = new OpenAeoProcess("declarations");
        openaeo.Cli("demo", "seed");
        apiKey = openaeo.Cli("users", "add", "--name", "bench-border", "--role", "BorderOfficer", "--print-api-key").Trim();
        client = openaeo.Serve();
        using var first = Lodging();
        using var response = client.Send(first);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException(
                $"lodging answered {response.StatusCode}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}"
            );
        }
    }

    private object Declaration()
    {
        var n = Interlocked.Increment(ref next);
        return SampleDeclaration.Body(n, $"BENCH-{n:D8}");
    }

    [Benchmark(Baseline = true, Description = "peer: GET /health x200 (same API key)")]
    public Task<int> HealthWithKey() => openaeo.Sequential(Requests, () => OpenAeoProcess.Get("/health", apiKey));

    [Benchmark(Description = "peer: GET /health x200 (anonymous)")]
    public Task<int> Health() => openaeo.Sequential(Requests, () => OpenAeoProcess.Get("/health"));

    [Benchmark(Description = "OpenAeo: POST /api/v1/declarations x200 (decide, store, explain)")]
    public async Task<int> Lodge()
    {
        var ok = await openaeo.Sequential(Requests, Lodging, HttpStatusCode.Created);
        return ok == Requests ? ok : throw new InvalidOperationException($"{Requests - ok} declarations refused");
    }

    private HttpRequestMessage Lodging()
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/declarations") { Content = JsonContent.Create(Declaration()) };
        message.Headers.Add("X-Api-Key", apiKey);
        return message;
    }

    [GlobalCleanup]
    public void Stop() => openaeo.Dispose();
}
