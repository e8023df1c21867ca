using System.Net;
using Microsoft.Playwright;

namespace OpenAeo.Browser.Tests;

/// <summary>The admin accounts page (issue #11 item 6, issue #17 item 9) in a real browser against the real process.</summary>
public sealed class Managing_accounts(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    private static readonly LocatorWaitForOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task An_admin_adds_a_machine_account_sees_its_key_once_rotates_it_and_disabling_stops_the_key()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(context, "admin");

        await page.ClickAsync("nav >> text=Accounts");
        await page.WaitForURLAsync(app.BaseUrl + "/admin/accounts");
        (await page.InnerTextAsync("[data-testid=accounts]")).ShouldContain("TW00000001");
        await page.FillAsync("#account-name", "risk-bot");
        await page.SelectOptionAsync("#account-role", "BorderOfficer");
        await page.CheckAsync("#account-key");
        await page.FillAsync("#account-reason", "selectivity robot");
        await page.ClickAsync("button:text('Add the account')");
        await page.Locator("[data-testid=secret]").WaitForAsync(Soon);
        var key = await page.InnerTextAsync("[data-testid=secret]");
        key.ShouldStartWith("oak_");
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await http.GetAsync("/api/v1/operators")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The key is shown once: the account's page does not show it again; rotating shows a new one and ends the old.
        await page.ClickAsync("a:text-is('risk-bot')");
        await page.WaitForURLAsync(app.BaseUrl + "/admin/accounts/risk-bot");
        // Enhanced navigation changes the address before it swaps the page: wait for the account's own heading.
        await page.Locator("h1", new PageLocatorOptions { HasTextString = "risk-bot" }).WaitForAsync(Soon);
        (await page.ContentAsync()).ShouldNotContain(key);
        await page.ClickAsync("summary:text('Rotate the API key')");
        await page.ClickAsync("#account-key-submit");
        await page.Locator("[data-testid=secret]").WaitForAsync(Soon);
        var rotated = await page.InnerTextAsync("[data-testid=secret]");
        rotated.ShouldNotBe(key);
        (await http.GetAsync("/api/v1/operators")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        http.DefaultRequestHeaders.Remove("X-Api-Key");
        http.DefaultRequestHeaders.Add("X-Api-Key", rotated);
        (await http.GetAsync("/api/v1/operators")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await page.GotoAsync(app.BaseUrl + "/admin/accounts/risk-bot");
        await page.ClickAsync("summary:text('Disable')");
        await page.FillAsync("#account-disable-reason", "decommissioned");
        await page.ClickAsync("#account-disable-submit");
        await page.Locator("[data-testid=done]").WaitForAsync(Soon);
        (await page.InnerTextAsync("h1")).ShouldContain("Disabled");
        (await http.GetAsync("/api/v1/operators")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await page.GotoAsync(app.BaseUrl + "/admin/audit?subject=user:risk-bot");
        var audit = await page.InnerTextAsync("[data-testid=audit]");
        audit.ShouldContain("user.disabled");
        audit.ShouldContain("decommissioned");
        audit.ShouldContain("user.api-key-rotated");
        audit.ShouldNotContain(rotated);
    }

    [Fact]
    public async Task A_person_is_signed_out_on_the_next_page_when_an_admin_sets_a_new_password_or_disables_the_account()
    {
        app.RequireBrowser();
        var (exit, output) = await app.Cli("users", "add", "--name", "temp-analyst", "--role", "Analyst", "--password", "temporary-pass-1");
        exit.ShouldBe(0, output);
        await using var own = await app.Browser.NewContextAsync();
        var person = await SignIn(own, "temp-analyst", "temporary-pass-1");
        await person.GotoAsync(app.BaseUrl + "/operators");
        person.Url.ShouldBe(app.BaseUrl + "/operators");

        await using var adminContext = await app.Browser.NewContextAsync();
        var admin = await app.SignedIn(adminContext, "admin");
        await admin.GotoAsync(app.BaseUrl + "/admin/accounts/temp-analyst");
        await admin.ClickAsync("summary:text('Reset the password')");
        await admin.FillAsync("#account-password-password", "chosen-by-admin-2");
        await admin.FillAsync("#account-password-reason", "asked by phone");
        await admin.ClickAsync("#account-password-submit");
        await admin.Locator("[data-testid=done]", new PageLocatorOptions { HasText = "The password is set" }).WaitForAsync(Soon);
        (await admin.Locator("[data-testid=secret]").CountAsync()).ShouldBe(0);

        await person.GotoAsync(app.BaseUrl + "/operators");
        person.Url.ShouldStartWith(app.BaseUrl + "/signin");
        person = await SignIn(own, "temp-analyst", "chosen-by-admin-2");

        await admin.GotoAsync(app.BaseUrl + "/admin/accounts/temp-analyst");
        await admin.ClickAsync("summary:text('Disable')");
        await admin.ClickAsync("#account-disable-submit");
        await admin.Locator("[data-testid=done]", new PageLocatorOptions { HasText = "disabled" }).WaitForAsync(Soon);

        await person.GotoAsync(app.BaseUrl + "/operators");
        person.Url.ShouldStartWith(app.BaseUrl + "/signin");
        (await person.Locator("[data-testid=who]").CountAsync()).ShouldBe(0);
    }

    private async Task<IPage> SignIn(IBrowserContext context, string name, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/signin");
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=who]");
        return page;
    }
}
