using OpenAeo.Clearance;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Clearance;

public class An_agency_officer
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Changes_its_own_agency_only_and_an_administrator_brings_in_new_ones(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await app.WithDb(db => ClearanceDemoSeeder.SeedReferenceAsync(db, app.Clock.GetUtcNow(), CancellationToken.None));
        var fda = await app.ClientAs(Role.OgaOfficer, agency: "FDA");
        var admin = await app.ClientAs(Role.Admin);
        var before = await Agencies(app);
        var quarantineControl = before.Single(a => a.Code == "QUARANTINE").Controls[0];
        var body = new
        {
            name = "Renamed by someone else",
            benefits = new[] { new { family = "OtherSupport", description = "Nothing at all" } },
            aeoInspectionFactor = 1.0,
        };
        var control = new
        {
            hsCodes = "0101",
            permitRequired = true,
            documentaryCheck = true,
            inspectionRate = 1.0,
        };

        (await fda.PutAsJsonAsync("/api/v1/agencies/QUARANTINE", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fda.PostAsJsonAsync("/api/v1/agencies/QUARANTINE/controls", control)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fda.DeleteAsync($"/api/v1/agencies/QUARANTINE/controls/{quarantineControl}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var created = await fda.PutAsJsonAsync("/api/v1/agencies/CUSTOMSBROKERS", body);
        created.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await created.Content.ReadAsStringAsync()).ShouldContain("FDA");

        (await Agencies(app)).ShouldBe(before);

        (
            await fda.PutAsJsonAsync("/api/v1/agencies/fda", body with { name = "Food and Drug Administration (Taipei)" })
        ).StatusCode.ShouldBe(HttpStatusCode.OK);
        var added = await fda.PostAsJsonAsync("/api/v1/agencies/FDA/controls", control);
        added.StatusCode.ShouldBe(HttpStatusCode.OK, await added.Content.ReadAsStringAsync());
        var ownControl = (await Agencies(app))
            .Single(a => a.Code == "FDA")
            .Controls.Except(before.Single(a => a.Code == "FDA").Controls)
            .Single();
        (await fda.DeleteAsync($"/api/v1/agencies/FDA/controls/{ownControl}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PutAsJsonAsync("/api/v1/agencies/CUSTOMSBROKERS", body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.DeleteAsync($"/api/v1/agencies/QUARANTINE/controls/{quarantineControl}")).StatusCode.ShouldBe(
            HttpStatusCode.NoContent
        );
    }

    private sealed record AgencyView(string Code, string Name, int[] Controls)
    {
        public bool Equals(AgencyView? other) =>
            other is not null && Code == other.Code && Name == other.Name && Controls.SequenceEqual(other.Controls);

        public override int GetHashCode() => Code.GetHashCode(StringComparison.Ordinal);
    }

    private static async Task<List<AgencyView>> Agencies(OpenAeoApp app) =>
        [
            .. (await app.Anonymous().GetItemsAsync<AgencyResponse>("/api/v1/agencies")).Select(a => new AgencyView(
                a.Code,
                a.Name,
                [.. a.Controls.Select(c => c.Id)]
            )),
        ];
}
