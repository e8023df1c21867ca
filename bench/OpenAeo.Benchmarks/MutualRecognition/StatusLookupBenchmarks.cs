using System.Net;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace OpenAeo.Benchmarks.MutualRecognition;

/// <summary>
/// Status lookups through HTTP against a real <c>openaeo serve</c> process (Kestrel, SQLite file): 500 sequential
/// <c>GET /exchange/v1/status/{tin}</c> with a partner's API key, against 500 <c>GET /health</c> of the same process
/// in the same run. The baseline sends the same <c>X-Api-Key</c> header, so both sides pay the same authentication
/// (the platform resolves the key to an account on every request that carries one): the Ratio column of the status
/// row is the figure (lookups per second relative to a trivial endpoint with the same authentication). The anonymous
/// <c>/health</c> row is kept to show what authentication alone costs; the two earlier figures of issue 4 (0.19–0.36)
/// were against that anonymous row.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class StatusLookupBenchmarks
{
    private const int Requests = 500;
    private const string Tin = "TW00000003";
    private OpenAeoProcess openaeo = default!;
    private HttpClient client = default!;
    private string apiKey = "";

    [GlobalSetup]
    public void Start()
    {
        openaeo = new OpenAeoProcess("status");
        var folder = openaeo.Folder;
        apiKey = Cli("users", "add", "--name", "japan", "--role", "Partner", "--economy", "JP", "--print-api-key").Trim();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Cli(
            "partners",
            "add",
            "--economy",
            "JP",
            "--url",
            "https://127.0.0.1:9",
            "--public-key",
            Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
            "--api-key",
            "unused"
        );
        File.WriteAllText(
            Path.Combine(folder, "operators.csv"),
            $"tin,legal_name,economy,roles,employees,turnover,sector,consent\n{Tin},Formosa Precision Ltd,TW,"
                + "Exporter,120,,Electronics,true\n"
        );
        File.WriteAllText(
            Path.Combine(folder, "certificates.csv"),
            $"tin,programme,certificate_number,tier,valid_from,valid_until,status\n{Tin},TW,TW-AEO-2018-0042,,2018-03-01,,Active\n"
        );
        Cli("operators", "import", Path.Combine(folder, "operators.csv"));
        Cli("certificates", "import", Path.Combine(folder, "certificates.csv"));
        client = openaeo.Serve();
        using var check = new HttpRequestMessage(HttpMethod.Get, $"/exchange/v1/status/{Tin}");
        check.Headers.Add("X-Api-Key", apiKey);
        var response = client.Send(check);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"status lookup answered {response.StatusCode}");
        }
    }

    [Benchmark(Baseline = true, Description = "peer: GET /health x500 (same partner key)")]
    public Task<int> HealthWithKey() => openaeo.Sequential(Requests, () => OpenAeoProcess.Get("/health", apiKey));

    [Benchmark(Description = "peer: GET /health x500 (anonymous)")]
    public Task<int> Health() => openaeo.Sequential(Requests, () => OpenAeoProcess.Get("/health"));

    [Benchmark(Description = "OpenAeo: GET /exchange/v1/status/{tin} x500 (partner key)")]
    public Task<int> StatusLookup() => openaeo.Sequential(Requests, () => OpenAeoProcess.Get($"/exchange/v1/status/{Tin}", apiKey));

    [GlobalCleanup]
    public void Stop() => openaeo.Dispose();

    private string Cli(params string[] args) => openaeo.Cli(args);
}
