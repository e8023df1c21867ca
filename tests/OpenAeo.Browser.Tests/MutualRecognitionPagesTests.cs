using System.Security.Cryptography;
using Microsoft.Playwright;

namespace OpenAeo.Browser.Tests;

public sealed class Managing_MRAs_and_partners(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    private static readonly LocatorWaitForOptions Soon = new() { Timeout = 10_000 };

    [Fact]
    public async Task An_officer_edits_an_MRA_scope_benefits_and_monitoring_clause()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(context, "officer");

        await page.GotoAsync(app.BaseUrl + "/mras");
        await page.ClickAsync("a:text-is('Chinese Taipei–Korea')");
        await page.Locator("h2", new PageLocatorOptions { HasText = "Change the arrangement" }).WaitForAsync(Soon);

        // A monitoring line without a target is refused with the line named, and nothing is saved.
        await page.FillAsync("#monitoring", "Inspection rate of partner AEOs");
        await page.ClickAsync("form button[type=submit]:text('Save')");
        await page.Locator("[role=alert]", new PageLocatorOptions { HasText = "Monitoring line 1" }).WaitForAsync(Soon);

        await page.SelectOptionAsync("#roles", ["Exporter", "Manufacturer"]);
        await page.FillAsync("#tiers", "AEO-S, AEO-F");
        await page.FillAsync("#benefits", "Fewer physical inspections\nPriority clearance");
        await page.FillAsync("#monitoring", "Inspection rate of partner AEOs: < 2%\nRelease time: median: under 4 hours");
        await page.ClickAsync("form button[type=submit]:text('Save')");
        await page.Locator("[data-testid=saved]").WaitForAsync(Soon);

        var facts = await page.InnerTextAsync("dl.facts");
        facts.ShouldContain("as Exporter, Manufacturer, tiers AEO-S, AEO-F");
        facts.ShouldContain("Priority clearance");
        facts.ShouldContain("Release time: median: target under 4 hours");
        facts.ShouldContain("Inspection rate of partner AEOs: target < 2%");

        // Changing another field later keeps the roles chosen before: the page shows them chosen, so they are sent again.
        await page.ReloadAsync();
        await page.FillAsync("#benefits", "Fewer physical inspections\nPriority clearance\nA single point of contact");
        await page.ClickAsync("form button[type=submit]:text('Save')");
        await page.Locator("[data-testid=saved]").WaitForAsync(Soon);
        facts = await page.InnerTextAsync("dl.facts");
        facts.ShouldContain("A single point of contact");
        facts.ShouldContain("as Exporter, Manufacturer, tiers AEO-S, AEO-F");
    }

    [Fact]
    public async Task An_admin_registers_a_data_sharing_partner_changes_it_and_retires_it()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(context, "admin");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        await page.GotoAsync(app.BaseUrl + "/partners");
        await page.FillAsync("input[name='Form.Economy']", "NZ");
        await page.FillAsync("input[name='Form.Url']", "https://aeo.customs.example.nz");
        await page.FillAsync("textarea[name='Form.PublicKey']", Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
        await page.FillAsync("input[name='Form.ApiKey']", "their-key-for-us");
        await page.SelectOptionAsync("select[name='Form.Agreement']", "sharing");
        await page.ClickAsync("button:text('Register')");
        await page.WaitForURLAsync(app.BaseUrl + "/partners/NZ");
        (await page.InnerTextAsync("[data-testid=partner]")).ShouldContain("data-sharing");

        await page.FillAsync("input[name='Form.Url']", "https://aeo2.customs.example.nz");
        await page.FillAsync("input[name='Form.Reason']", "new host");
        await page.ClickAsync("button:text('Save')");
        await page.Locator("[data-testid=saved]").WaitForAsync(Soon);
        (await page.InnerTextAsync("[data-testid=partner]")).ShouldContain("https://aeo2.customs.example.nz");

        await page.FillAsync("input[name='Retire.Reason']", "Arrangement ended");
        await page.ClickAsync("button:text('Retire NZ')");
        await page.Locator("h1", new PageLocatorOptions { HasText = "Retired" }).WaitForAsync(Soon);

        await page.GotoAsync(app.BaseUrl + "/partners");
        (await page.InnerTextAsync("[data-testid=partners]")).ShouldContain("Retired");
    }

    [Fact]
    public async Task An_officer_sees_partners_but_no_partner_forms()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(context, "officer");

        await page.GotoAsync(app.BaseUrl + "/partners");
        await page.Locator("h1", new PageLocatorOptions { HasText = "Partner administrations" }).WaitForAsync(Soon);
        (await page.Locator("button:text('Register')").CountAsync()).ShouldBe(0);
    }
}
