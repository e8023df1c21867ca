using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// Issue 12, items 5 and 6: MutualRecognition answers errors as every capability does (errors by field, status by code),
/// and a TIN is read once, at the edge: text that is not a TIN is a bad request naming the field, while a TIN written
/// with separators is that operator, all the way to the decision.
/// </summary>
public sealed class Recognition_problems_by_field : IDisposable
{
    private const string Tin = CertifiedExporter.Tin;

    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-recognition-problems-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed record Problem(int Status, string? Title, Dictionary<string, string[]>? Errors, string[]? Codes);

    private sealed record Recognition(string Tin, string Result);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_malformed_TIN_or_date_is_a_bad_request_naming_its_field_and_a_TIN_with_separators_is_the_operator(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        await CertifiedExporter.Register(officer);
        var certificates = Path.Combine(folder, "certificates.csv");
        await File.WriteAllTextAsync(
            certificates,
            $"tin,programme,certificate_number,valid_from,status\n{Tin},TW,TW-AEO-2018-0042,2018-03-01,Active\n"
        );
        var imported = await app.Cli("certificates", "import", certificates);
        imported.Exit.ShouldBe(0, imported.Error);
        var border = await app.ClientAs(Role.BorderOfficer);

        // Not a TIN: 400 with the error on "tin" (it used to be a 404, as if the operator were merely unknown).
        var malformed = await border.GetAsync("/api/v1/recognition/T1");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        malformed.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var tinProblem = (await malformed.Content.ReadFromJsonAsync<Problem>())!;
        tinProblem.Errors!.Keys.ShouldBe(["tin"]);
        tinProblem.Codes!.ShouldAllBe(c => c.StartsWith("tin.", StringComparison.Ordinal));

        // A date that cannot be read: 400 with the error on "at".
        var badDate = await border.GetAsync($"/api/v1/recognition/{Tin}?at=yesterday");
        badDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var atProblem = (await badDate.Content.ReadFromJsonAsync<Problem>())!;
        atProblem.Errors!.Keys.ShouldBe(["at"]);
        atProblem.Codes.ShouldBe(["recognition.at"]);

        // Separators and lower case are the same TIN: read once, it reaches the decision as the registered operator.
        var spelled = (await border.GetFromJsonAsync<Recognition>("/api/v1/recognition/tw-0000%200003"))!;
        spelled.ShouldBe(new Recognition(Tin, "LocalAeo"));

        // The public check still tells nothing about text that is not a TIN: not known here, as for anyone else.
        (await app.Anonymous().GetAsync("/api/v1/public/status/T1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Anonymous().GetAsync("/api/v1/public/status/tw-0000-0003")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // An MRA whose status is no stage of the lifecycle is a bad request on "status", not a conflict with a state.
        var editor = await app.ClientAs(Role.Admin);
        var mra = await editor.PostAsJsonAsync(
            "/api/v1/mras",
            new
            {
                name = "Chinese Taipei–Chile",
                parties = new[] { "TW", "CL" },
                status = "Pending",
            }
        );
        mra.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await mra.Content.ReadAsStringAsync());
        var mraProblem = (await mra.Content.ReadFromJsonAsync<Problem>())!;
        mraProblem.Errors!.Keys.ShouldContain("status");
        mraProblem.Codes!.ShouldContain("mra.unknown-status");
    }
}
