using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using OpenAeo.Client;
using OpenAeo.Client.Models;
using OpenAeo.Domain.Registry;
using OpenAeo.Tests.Clearance;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// The C# client Kiota generates from <c>docs/openapi.json</c> at build time (tests/OpenAeo.Tests.csproj), used as an
/// integrator would: nothing in it was written here.
/// </summary>
public class The_generated_client
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Registers_an_operator_lodges_a_declaration_and_reads_a_certificate(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        var officer = Client(await app.ClientAs(Role.ProgrammeOfficer));
        var customs = Client(border.Officer);

        var registered = await officer.Api.V1.Operators.PostAsync(
            new OperatorRequest
            {
                Tin = "TW20000001",
                LegalName = "Keelung Small Exports",
                Roles = ["Exporter"],
                Employees = 12,
                ConsentToExchange = true,
            }
        );
        var lodged = await customs.Api.V1.Declarations.PostAsync(
            new NewDeclaration
            {
                Type = "Import",
                Mode = "Sea",
                OriginEconomy = "US",
                DestinationEconomy = "TW",
                Office = "TWKEL1",
                OfficeTimeZone = "Asia/Taipei",
                Parties =
                [
                    new DeclaredParty { Role = "Importer", Tin = Border.AeoImporter },
                    new DeclaredParty { Role = "Consignor", Tin = "US55501" },
                ],
                Items = [new DeclaredItem { HsCode = "84713000", CustomsValue = 1_000 }],
            }
        );
        var certificates = await customs.Api.V1.Certificates.GetAsync(r => r.QueryParameters.Tin = Border.AeoImporter);
        var certificate = await customs.Api.V1.Certificates[certificates!.Items!.Single().Id!.Value].GetAsync();
        var refused = await Should.ThrowAsync<ProblemDetails>(() => officer.Api.V1.Operators["TW99999999"].GetAsync());

        registered!.Tin.ShouldBe("TW20000001");
        lodged!.Id.ShouldNotBeNull();
        // Unknown consignor 15, less the AEO importer's 40: below Yellow (40), so Green — unless the random draw picked
        // the reference the server gave it for the control group.
        lodged.Explanation.ShouldNotBeNull();
        lodged.Lane.ShouldBe(lodged.Explanation.Causes!.Contains("Random") ? "Red" : "Green");
        certificate!.Number.ShouldBe("TW-AEO-0001");
        certificate.Programme.ShouldBe("TW");
        refused.Status.ShouldBe(404);
        refused.Detail.ShouldNotBeNull().ShouldContain("TW99999999");
    }

    /// <summary>The generated client over an HttpClient that carries an account's API key.</summary>
    private static OpenAeoClient Client(HttpClient http) =>
        new(
            new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
            {
                BaseUrl = http.BaseAddress!.ToString().TrimEnd('/'),
            }
        );
}
