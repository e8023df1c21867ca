using OpenAeo.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Certification;

public class An_applicants_evidence
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Opens_for_the_applicant_and_the_programme_office_only(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW31");
        var id = (await applicant.Start("Standard")).Id;
        var uploaded = await applicant.Upload(id, null, "bank-statement.txt", "balance 1,234,567\n"u8.ToArray());
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created);
        var document = (await uploaded.Read<DocumentResponse>()).Id;
        var route = $"/api/v1/applications/{id}/documents/{document}";

        foreach (
            var reader in new[]
            {
                applicant.Trader,
                applicant.Officer,
                await app.ClientAs(Role.AccountManager),
                await app.ClientAs(Role.Admin),
            }
        )
        {
            (await reader.GetStringAsync(route)).ShouldBe("balance 1,234,567\n");
        }

        foreach (var role in new[] { Role.BorderOfficer, Role.OgaOfficer, Role.Analyst })
        {
            var officer = await app.ClientAs(role);
            (await officer.GetAsync($"/api/v1/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} reads the application");
            var refused = await officer.GetAsync(route);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} opens the evidence");
            (await refused.Content.ReadAsStringAsync()).ShouldNotContain("1,234,567");
            var page = await officer.GetStringAsync($"/applications/{id}");
            page.ShouldContain("bank-statement.txt");
            page.ShouldNotContain(route);
        }

        var other = await Applicant.Register(app, "TW32", officer: applicant.Officer);
        (await other.Trader.GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await applicant.Officer.GetStringAsync($"/applications/{id}")).ShouldContain(route);
    }
}
