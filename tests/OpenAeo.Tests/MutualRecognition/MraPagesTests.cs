namespace OpenAeo.Tests.MutualRecognition;

public sealed class MraPagesTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Anyone_reads_the_MRA_list_the_network_picture_and_a_plain_language_page_for_traders(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var anyone = app.Anonymous();

        var list = WebUtility.HtmlDecode(await anyone.GetStringAsync("/mras"));
        list.ShouldContain("Chinese Taipei–Japan");
        list.ShouldContain("mra-network.svg");

        var svg = await anyone.GetAsync("/charts/mra-network.svg");
        svg.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        var picture = await svg.Content.ReadAsStringAsync();
        picture.ShouldContain("class=\"s\"");
        picture.ShouldContain("class=\"n\"");

        var id = System.Text.RegularExpressions.Regex.Match(list, "href=\"/mras/(\\d+)\">Chinese Taipei–Japan").Groups[1].Value;
        var page = WebUtility.HtmlDecode(await anyone.GetStringAsync($"/mras/{id}"));
        page.ShouldContain("Trader Identification Number (TIN)", customMessage: "the glossary's word, as on the status check page");
        page.ShouldContain("/api/v1/public/status/");
        page.ShouldContain("22 May 2019");
        page.ShouldNotContain("Change the arrangement");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_partner_and_recognition_pages_are_for_officers(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var anonymous = app.Started()
            .CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        (await anonymous.GetAsync("/partners")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await anonymous.GetAsync("/recognition")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var officer = await app.ClientAs(Domain.Registry.Role.BorderOfficer);
        (await officer.GetStringAsync("/recognition?tin=TW00000003")).ShouldContain("Not known: no record of this operator");
        (await officer.GetStringAsync("/partners")).ShouldContain("Partner administrations");
    }
}
