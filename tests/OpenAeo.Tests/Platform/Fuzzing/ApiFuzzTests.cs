using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Cli;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Platform.Fuzzing;

/// <summary>
/// Every operation in <c>/openapi/v1.json</c>, fuzzed from its own schema on top of the demo data, on both databases:
/// no request may get a 5xx, and no 4xx may name a .NET type. Seeded and bounded (<see cref="Budget"/> requests).
/// </summary>
public class Api_fuzzing
{
    private const int Seed = 11_2026;
    private const int Budget = 3_000;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task No_request_built_from_the_OpenAPI_document_gets_a_server_error_or_a_NET_type_name(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await OpenAeoApp.On(provider);
        var errors = new CapturedErrors();
        // Real HTTP on a loopback port: Kestrel's own limits and refusals are part of what a client meets.
        var host = RealHttp.Serve(app, services: s => s.AddSingleton<ILoggerProvider>(errors));
        await DemoSeeding.RunAsync(host.Services, null, TextWriter.Null, ct);
        var admin = new FuzzCaller("admin", await RealHttp.ClientAs(host, app, Role.Admin, name: "fuzz-admin"));
        var trader = new FuzzCaller("trader", await RealHttp.ClientAs(host, app, Role.Trader, "TW00000001", "fuzz-trader"));
        var partner = new FuzzCaller("partner JP", await RealHttp.ClientAs(host, app, Role.Partner, name: "fuzz-partner"));
        var registered = await admin.Client.PostAsJsonAsync(
            "/api/v1/partners",
            new
            {
                economy = "JP",
                url = "https://127.0.0.1:9/",
                publicKey = NewPublicKey(),
                apiKey = "their-key",
                reason = "fuzzing the exchange",
            },
            ct
        );
        registered.IsSuccessStatusCode.ShouldBeTrue(await registered.Content.ReadAsStringAsync(ct));

        var document = await admin.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", ct);
        var fuzzer = new OpenApiFuzzer(document, Seed);
        var operations = fuzzer.Operations();
        operations.Count.ShouldBeGreaterThan(90);

        // Learn what plausible values look like from the API itself (ids, TINs, codes, names), twice: the second
        // pass reaches the routes whose path needs an id the first one found.
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var operation in operations.Where(o => o.Method == "GET"))
            {
                foreach (var caller in new[] { admin, trader, partner })
                {
                    if (await Send(caller, fuzzer.Plausible(operation), "", errors, ct) is { Status: >= 200 and < 300 } answer)
                    {
                        fuzzer.Learn(operation.Path, answer.Response);
                    }
                }
            }
        }

        var pickCaller = new Random(Seed);
        var calls = new List<FuzzCall>();
        for (var round = 0; calls.Count < Budget; round++)
        {
            foreach (var operation in operations)
            {
                var caller =
                    operation.Path.StartsWith("/exchange/", StringComparison.Ordinal) ? partner
                    : pickCaller.Next(5) < 3 ? admin
                    : trader;
                var (request, body) = fuzzer.Next(operation);
                var call = await Send(caller, request, body, errors, ct);
                calls.Add(call);
                if (call.Status == 400)
                {
                    fuzzer.LearnFromProblem(call.Response);
                }
            }
        }

        if (Environment.GetEnvironmentVariable("OPENAEO_FUZZ_LOG") is { Length: > 0 } log)
        {
            // Every request and answer, for studying what the fuzzer reaches (not needed to read a failure).
            await File.WriteAllLinesAsync($"{log}.{provider}.txt", calls.Select(c => c.ToString()), ct);
        }

        // A broken answer (status 0) counts when the server logged why; Kestrel refusing a bad request line while
        // the client still sends a large body breaks the connection too, and that is the client's side of a 400.
        var failures = calls
            .Where(c =>
                c.Status >= 500
                || (c.Status == 0 && c.ServerError is not null)
                || (c.Status is >= 400 and < 500 && OpenApiFuzzer.LeakedTypeName(c.Response) is not null)
            )
            .ToList();
        var byCause = failures
            .GroupBy(c => $"{c.Method} {Template(c.Path, operations)} → {c.Status} {Cause(c)}")
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Count(), 5} × {g.Key}{Environment.NewLine}        e.g. {g.First()}");
        var statuses = calls.GroupBy(c => c.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{provider}: {calls.Count} requests over {operations.Count} operations ({string.Join(", ", statuses)}"
                + $"); {failures.Count} failures"
        );

        failures.ShouldBeEmpty(
            $"{failures.Count} of {calls.Count} requests on {provider} got a server error or an answer naming a "
                + $".NET type, by cause:{Environment.NewLine}"
                + string.Join(Environment.NewLine, byCause)
                + Environment.NewLine
                + "Every one:"
                + Environment.NewLine
                + string.Join(Environment.NewLine, failures)
        );
    }

    private static async Task<FuzzCall> Send(
        FuzzCaller caller,
        HttpRequestMessage request,
        string body,
        CapturedErrors errors,
        CancellationToken ct
    )
    {
        errors.Clear();
        var method = request.Method.Method;
        var path = request.RequestUri!.OriginalString;
        var contentType = request.Content?.Headers.ContentType?.MediaType;
        try
        {
            using var response = await caller.Client.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return new FuzzCall(caller.Name, method, path, contentType, body, (int)response.StatusCode, text, Summary(errors));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            // The server failed after it had started answering: the client sees a broken response, not a status.
            return new FuzzCall(caller.Name, method, path, contentType, body, 0, $"{e.GetType().Name}: {e.Message}", Summary(errors));
        }
        finally
        {
            request.Dispose();
        }
    }

    private static string Template(string path, IReadOnlyList<OpenApiFuzzer.Operation> operations)
    {
        var bare = path.Split('?')[0].Split('/');
        return operations
            .Select(o => o.Path)
            .FirstOrDefault(t =>
            {
                var parts = t.Split('/');
                return parts.Length == bare.Length && parts.Zip(bare).All(p => p.First.StartsWith('{') || p.First == p.Second);
            })
            ?? path.Split('?')[0];
    }

    private static string Cause(FuzzCall call) =>
        call.ServerError is { } error ? error.Split(Environment.NewLine)[0]
        : call.Status is >= 400 and < 500 ? $"names a .NET type: '{OpenApiFuzzer.LeakedTypeName(call.Response)}'"
        : FuzzCall.Clip(call.Response, 120);

    private static string NewPublicKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>
    /// The exceptions the server logged while answering the current request (requests go one at a time), a line each:
    /// the exception, the innermost one, its message and the first OpenAeo frame it passed through.
    /// </summary>
    private static string? Summary(CapturedErrors errors)
    {
        var lines = errors
            .Drain()
            .Where(e => e.Exception is not null)
            .Select(e =>
            {
                var inner = e.Exception!;
                while (inner.InnerException is not null)
                {
                    inner = inner.InnerException;
                }

                var site = inner
                    .StackTrace?.Split('\n')
                    .Select(l => l.Trim())
                    .FirstOrDefault(l => l.Contains("OpenAeo.", StringComparison.Ordinal))
                    ?? "";
                var chain = inner == e.Exception ? "" : $" ← {inner.GetType().Name}";
                return $"{e.Exception!.GetType().Name}{chain}: {inner.Message} {site}";
            })
            .ToList();
        return lines.Count == 0 ? null : string.Join(Environment.NewLine, lines);
    }
}
