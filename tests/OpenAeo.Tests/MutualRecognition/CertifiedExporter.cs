using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// Formosa Precision Ltd, the Taipei exporter whose status the exchange tests look up: registered through the API,
/// certified since 2018 by an import, and able to withdraw its consent to the exchange.
/// </summary>
internal static class CertifiedExporter
{
    public const string Tin = "TW00000003";

    /// <summary>A programme officer who has registered the exporter and imported its active certificate.</summary>
    public static async Task<HttpClient> Certified(OpenAeoApp app, bool consent = true)
    {
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        await Register(officer, consent);
        var certificates = Path.Combine(app.DataFolder, "certificates.csv");
        await File.WriteAllTextAsync(
            certificates,
            $"tin,programme,certificate_number,tier,valid_from,valid_until,status\n{Tin},TW,TW-AEO-2018-0042,,2018-03-01,,Active\n"
        );
        var (exit, _, error) = await app.Cli("certificates", "import", certificates);
        exit.ShouldBe(0, error);
        return officer;
    }

    /// <param name="tin">Another TIN registers the same company under it (a test that must not meet the exchange's exporter).</param>
    public static async Task Register(HttpClient officer, bool consent = true, string tin = Tin)
    {
        var registered = await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin,
                legalName = "Formosa Precision Ltd",
                roles = new[] { "Exporter" },
                employees = 40,
                consentToExchange = consent,
            }
        );
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
    }

    public static async Task WithdrawConsent(HttpClient officer)
    {
        var update = await officer.PutAsJsonAsync(
            $"/api/v1/operators/{Tin}",
            new
            {
                tin = Tin,
                legalName = "Formosa Precision Ltd",
                economy = "TW",
                roles = new[] { "Exporter" },
                employees = 40,
                consentToExchange = false,
                reason = "withdrawn",
            }
        );
        update.StatusCode.ShouldBe(HttpStatusCode.OK, await update.Content.ReadAsStringAsync());
    }
}
