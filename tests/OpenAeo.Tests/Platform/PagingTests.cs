using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Platform;

/// <remarks>Pages are read as the app's <see cref="Page{T}"/>; the last page's <c>next</c> is read from the JSON, as it
/// must be written as null rather than left out.</remarks>
public class Reading_a_long_list_a_page_at_a_time
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Following_next_yields_every_match_once_in_the_requested_order_with_the_filters_kept(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        string[] names =
        [
            "Keelung Freight",
            "Formosa Tools",
            "Hsinchu Chips",
            "Alishan Tea",
            "Tainan Textiles",
            "Banqiao Brokers",
            "Yilan Optics",
        ];
        for (var i = 0; i < names.Length; i++)
        {
            (
                await officer.PostAsJsonAsync(
                    "/api/v1/operators",
                    new
                    {
                        tin = $"TW{i + 1}",
                        legalName = names[i],
                        roles = new[] { "Exporter" },
                    }
                )
            ).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (
            await officer.PostAsJsonAsync(
                "/api/v1/operators",
                new
                {
                    tin = "JP1",
                    legalName = "Osaka Tools",
                    roles = new[] { "Exporter" },
                }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.Created);

        var first = await officer.GetAsync("/api/v1/operators?economy=TW&sort=-legalName&pageSize=3");
        var page = await first.Read<Page<OperatorResponse>>();
        page.Total.ShouldBe(7);
        var next = page.Next!;
        next.ShouldBe("/api/v1/operators?economy=TW&sort=-legalName&pageSize=3&page=2");
        first.Headers.GetValues("Link").Single().ShouldBe($"<{next}>; rel=\"next\"");

        var all = await officer.GetAllItemsAsync<OperatorResponse>("/api/v1/operators?economy=TW&sort=-legalName&pageSize=3");
        all.Select(o => o.LegalName).ShouldBe(names.OrderDescending(StringComparer.Ordinal));
        var last = await officer.GetAsync("/api/v1/operators?economy=TW&sort=-legalName&pageSize=3&page=3");
        (await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        last.Headers.Contains("Link").ShouldBeFalse();

        // A list kept in memory (the MRA registry) pages and sorts alike.
        var mras = await app.Anonymous().GetAllItemsAsync<MraResponse>("/api/v1/mras?sort=-name&pageSize=2");
        var everyMra = await app.Anonymous().GetItemsAsync<MraResponse>($"/api/v1/mras?pageSize={500}");
        mras.Select(m => m.Id).ShouldBe(everyMra.OrderByDescending(m => m.Name, StringComparer.Ordinal).Select(m => m.Id));
        mras.Count.ShouldBeGreaterThan(2, "the seeded registry spans more than one page");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unknown_sort_field_or_a_page_too_large_is_a_400_naming_the_parameter(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.Analyst);

        var sort = await officer.GetAsync("/api/v1/declarations?sort=-password");
        var size = await officer.GetAsync("/api/v1/certificates?pageSize=501");
        var page = await officer.GetAsync("/api/v1/applications?page=0");

        sort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        sort.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await sort.Read<Problem>())
            .For("sort")[0]
            .ShouldBe(
                "'-password' is not a sort of this list; use one of lodgedAt, reference, office, lane, "
                    + "customsValue (ascending), or with a leading '-' (descending)."
            );
        size.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await size.Read<Problem>()).For("pageSize").ShouldNotBeEmpty();
        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await page.Read<Problem>()).For("page").ShouldNotBeEmpty();
    }
}
