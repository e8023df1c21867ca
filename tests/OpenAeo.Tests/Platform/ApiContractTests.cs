using System.Diagnostics;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// The OpenAPI document is a contract clients are generated from: Redocly's recommended rules (the linter pinned in
/// <c>tools/openapi</c>, installed by <c>./test.sh</c>) find no error in it, and what they warn about is only what cannot
/// be otherwise.
/// </summary>
public class The_api_contract
{
    private static readonly string Root = RepositoryFolder.Root;

    [Fact]
    public async Task Passes_the_recommended_lint_rules_without_an_error()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var file = Path.Combine(Directory.CreateTempSubdirectory("openaeo-contract-").FullName, "openapi.json");
        await File.WriteAllTextAsync(file, await app.Anonymous().GetStringAsync("/openapi/v1.json"));

        var problems = await Lint(file);

        problems.Where(p => p.Severity == "error").ShouldBeEmpty(string.Join("\n", problems.Select(p => p.ToString())));
        // An anonymous read without parameters (the economies, the MRAs…) has no 4xx answer to document.
        problems
            .Where(p => !(p.Rule == "operation-4xx-response" && p.Pointer.EndsWith("/get/responses", StringComparison.Ordinal)))
            .ShouldBeEmpty(string.Join("\n", problems.Select(p => p.ToString())));
    }

    [Fact]
    public async Task Is_committed_in_docs_exactly_as_the_server_serves_it()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var served = Normalised(await app.Anonymous().GetStringAsync("/openapi/v1.json"));
        var file = Path.Combine(Root, "docs", "openapi.json");
        var committed = File.Exists(file) ? Normalised(await File.ReadAllTextAsync(file)) : "";

        // The generated client (tests/OpenAeo.Tests.csproj) is built from the committed file: it must be what is served.
        if (committed != served && Environment.GetEnvironmentVariable("OPENAEO_WRITE_CONTRACT") == "1")
        {
            await File.WriteAllTextAsync(file, served);
            committed = served;
        }

        committed.ShouldBe(
            served,
            "docs/openapi.json differs from /openapi/v1.json: run OPENAEO_WRITE_CONTRACT=1 dotnet test --project "
                + "tests/OpenAeo.Tests -- --filter-method '*exactly_as_the_server_serves_it*', then build again (the "
                + "generated client follows) and commit the file."
        );
    }

    private static string Normalised(string json) =>
        System
            .Text.Json.Nodes.JsonNode.Parse(json)!
            .ToJsonString(
                new JsonSerializerOptions
                {
                    WriteIndented = true,
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                }
            ) + "\n";

    [Fact]
    public async Task Declares_how_to_authenticate_on_every_operation_that_needs_it_and_names_each_operation()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;

        document.GetProperty("servers")[0].GetProperty("url").GetString().ShouldBe("/");
        document.GetProperty("info").GetProperty("license").GetProperty("identifier").GetString().ShouldBe("Apache-2.0");
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("apiKey").GetProperty("name").GetString().ShouldBe("X-Api-Key");
        schemes.GetProperty("cookie").GetProperty("in").GetString().ShouldBe("cookie");
        var operations = document
            .GetProperty("paths")
            .EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (Path: p.Name, Method: m.Name, Operation: m.Value)))
            .ToList();
        var ids = operations.Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        ids.ShouldAllBe(id => !string.IsNullOrEmpty(id));
        ids.Distinct().Count().ShouldBe(ids.Count);
        operations.Where(o => !o.Operation.TryGetProperty("summary", out _)).Select(o => $"{o.Method} {o.Path}").ShouldBeEmpty();

        var lodge = document.GetProperty("paths").GetProperty("/api/v1/declarations").GetProperty("post");
        lodge.GetProperty("security").GetArrayLength().ShouldBe(2);
        lodge.GetProperty("description").GetString()!.ShouldContain("Roles:");
        new[] { "201", "400", "401", "403", "409" }.ShouldBeSubsetOf(lodge.GetProperty("responses").EnumerateObject().Select(r => r.Name));
        var status = document.GetProperty("paths").GetProperty("/api/v1/public/status/{tin}").GetProperty("get");
        status.GetProperty("security").GetArrayLength().ShouldBe(0);
        status.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldContain("429");
        status.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldNotContain("401");
    }

    private sealed record Problem(string Rule, string Severity, string Message, string Pointer)
    {
        public override string ToString() => $"{Severity} {Rule} at {Pointer}: {Message}";
    }

    private static async Task<List<Problem>> Lint(string file)
    {
        var linter = Path.Combine(Root, "tools", "openapi", "node_modules", ".bin", "redocly");
        if (!File.Exists(linter))
        {
            const string reason = "The OpenAPI linter is not installed: run `npm ci --prefix tools/openapi` (./test.sh does).";
            if (Providers.RequireAll)
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }

        var start = new ProcessStartInfo(
            linter,
            ["lint", file, "--config", Path.Combine(Root, "tools", "openapi", "redocly.yaml"), "--format=json", "--max-problems=1000"]
        )
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(file)!,
        };
        // No telemetry or update check from a test run.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var json = await output;
        json.ShouldNotBeNullOrWhiteSpace(await errors);
        return
        [
            .. JsonDocument
                .Parse(json)
                .RootElement.GetProperty("problems")
                .EnumerateArray()
                .Select(p => new Problem(
                    p.GetProperty("ruleId").GetString()!,
                    p.GetProperty("severity").GetString()!,
                    p.GetProperty("message").GetString()!,
                    p.GetProperty("location")[0].GetProperty("pointer").GetString()!
                )),
        ];
    }
}
