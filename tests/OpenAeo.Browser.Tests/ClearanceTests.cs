using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenAeo.Browser.Tests;

/// <summary>
/// The clearance pages against the demo data the app seeds on first run: twelve months of past declarations and 24 lodged now
/// (whose lanes depend on the random draws of their references, so the tests look for what they need instead of
/// expecting a fixed row).
/// </summary>
public sealed partial class Clearing_declarations_in_the_browser(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    [Fact]
    public async Task A_border_officer_opens_a_yellow_or_red_declaration_reads_why_checks_it_and_releases_it()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(context, "border");
        await page.ClickAsync("nav >> text=Border queue");
        await page.WaitForURLAsync(app.BaseUrl + "/clearance");
        await Expect(page.Locator("[data-testid=queue-summary]")).ToContainTextAsync("open");
        (await page.Locator("[data-testid=lane-counts] [data-lane-count]").CountAsync()).ShouldBe(4);

        // An open declaration that waits for customs only (no agency permit), hit by at least one rule: Yellow first, else Red.
        string? chosen = null;
        foreach (var lane in new[] { "Yellow", "Red" })
        {
            await page.GotoAsync($"{app.BaseUrl}/clearance?lane={lane}");
            var links = await page.Locator("[data-testid=queue] tbody tr td:first-child a")
                .EvaluateAllAsync<string[]>("links => links.map(a => a.href)");
            foreach (var link in links)
            {
                await page.GotoAsync(link);
                if (
                    await page.Locator("[data-testid=rule-hits]").CountAsync() > 0
                    && await page.Locator("[data-testid=agency-cases]").CountAsync() == 0
                )
                {
                    chosen = lane;
                    break;
                }
            }

            if (chosen is not null)
            {
                break;
            }
        }

        if (chosen is null)
        {
            // Rare: every open Yellow or Red demo declaration this run awaits an agency permit. Lodge one that the rules send to
            // Yellow (unknown importer 20 + unknown consignor 15 + low-value e-commerce 10 = 45), or Red if drawn at random.
            await page.GotoAsync(app.BaseUrl + "/clearance/mine");
            await page.FillAsync("#party-importer", "TW9999991");
            await page.FillAsync("#party-exporter", "JP9999991");
            await page.FillAsync("#item-hs-0", "940360");
            await page.FillAsync("#item-value-0", "90");
            await page.CheckAsync("#lodge-ecommerce");
            await page.ClickAsync("[data-testid=lodge]");
            await page.WaitForURLAsync(LodgedPage());
            chosen = (await page.InnerTextAsync("[data-testid=lane]")).Split(' ')[0];
        }

        chosen.ShouldBeOneOf("Yellow", "Red");
        await Expect(page.Locator("[data-testid=lane]")).ToContainTextAsync(chosen);
        RuleId().IsMatch(await page.InnerTextAsync("[data-testid=rule-hits]")).ShouldBeTrue("a rule id is shown");
        await Expect(page.Locator("[data-testid=random-draw]")).ToContainTextAsync("against a rate of 2.0%");
        await Expect(page.Locator("[data-testid=score]")).ToContainTextAsync("Yellow from 40, Red from 70");
        await Expect(page.Locator("[data-testid=trader-summary]")).ToContainTextAsync(chosen + ":");
        await Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Awaiting documentary check");
        await Expect(page.Locator("[data-testid=release-blocked]")).ToHaveTextAsync("The documentary check must end before release.");

        await page.ClickAsync("[data-testid=action-StartDocumentaryCheck]");
        await Expect(page.Locator("[data-testid=flash]")).ToHaveTextAsync("Documentary check started.");
        await Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Under documentary check");
        await page.ClickAsync("[data-testid=action-EndDocumentaryCheck]");
        await Expect(page.Locator("[data-testid=flash]")).ToHaveTextAsync("Documentary check ended.");
        if (chosen == "Red")
        {
            await page.ClickAsync("[data-testid=action-StartExamination]");
            await Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Under examination");
            await page.SelectOptionAsync("#result-EndExamination", "Discrepancy");
            await page.ClickAsync("[data-testid=action-EndExamination]");
            await Expect(page.Locator("[data-testid=actions] .errors")).ToContainTextAsync("A discrepancy needs a note");
            await page.FillAsync("#note-EndExamination", "Two cartons more than declared; amended.");
            await page.ClickAsync("[data-testid=action-EndExamination]");
            await Expect(page.Locator("[data-testid=flash]")).ToHaveTextAsync("Cargo examination ended.");
        }

        await Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Ready for release");
        await page.ClickAsync("[data-testid=action-Release]");
        await Expect(page.Locator("[data-testid=flash]")).ToHaveTextAsync("Released.");
        await Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Released");
        // On the office's clock with its zone's abbreviation (the demo node is Chinese Taipei: CST), UTC beside it.
        await Expect(page.Locator("[data-testid=released-at]")).ToContainTextAsync("CST");
        await Expect(page.Locator("[data-testid=released-at]")).ToContainTextAsync("UTC");
        var events = await page.InnerTextAsync("[data-testid=events]");
        events.ShouldContain("Documentary check started");
        events.ShouldContain("Documentary check ended");
        events.ShouldContain("Released");
        events.ShouldContain("border", Case.Sensitive);
        (await page.Locator("[data-testid=action-Release]").CountAsync()).ShouldBe(0, "a released declaration offers no release");
        await page.ClickAsync("[data-testid=action-Deliver]");
        await Expect(page.Locator("[data-testid=flash]")).ToHaveTextAsync("Delivery recorded; the declaration is closed.");
        await Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Delivered");
        await Expect(page.Locator("[data-testid=closed]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_trader_lodges_a_declaration_and_reads_its_lane_without_rule_internals()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(context, "trader");
        await page.ClickAsync("nav >> text=My declarations");
        await page.WaitForURLAsync(app.BaseUrl + "/clearance/mine");
        (await page.InputValueAsync("#party-importer")).ShouldBe("TW00000001");

        // Pickers, not codes: the economy by its name, the office with its clock; no time zone to type.
        await Expect(page.Locator("#lodge-origin option[value=JP]")).ToHaveTextAsync("Japan · JP");
        (await page.Locator("#lodge-tz").CountAsync()).ShouldBe(0, "the office's zone comes with the office");
        await page.SelectOptionAsync("#lodge-origin", "JP");
        await page.FillAsync("#party-exporter", "JP1234567890");
        await page.FillAsync("#item-hs-0", "8471.30");
        await page.FillAsync("#item-description-0", "Laptop computers");
        await page.CheckAsync("#lodge-ecommerce");

        // A refusal is listed at the top, linked to its field, and repeated next to the field; what was typed stays.
        await page.ClickAsync("main [data-testid=lodge]");
        await Expect(page.Locator("[data-testid=error-summary] a[href='#lodge-items']")).ToContainTextAsync("Item 1 has no customs value.");
        await Expect(page.Locator("[data-testid=field-error-items]")).ToContainTextAsync("Item 1 has no customs value.");
        (await page.GetAttributeAsync("#lodge-items", "aria-describedby")).ShouldBe("lodge-items-error");
        (await page.InputValueAsync("#item-description-0")).ShouldBe("Laptop computers");

        // Items are added row by row, each with its own labels.
        await page.FillAsync("#item-value-0", "1200");
        await page.ClickAsync("[data-testid=add-item]");
        await page.Locator("#item-hs-1").WaitForAsync();
        (await page.InputValueAsync("#item-value-0")).ShouldBe("1200");
        await page.FillAsync("#item-hs-1", "8473.30");
        await page.FillAsync("#item-value-1", "80.5");
        await page.ClickAsync("main [data-testid=lodge]");

        await page.WaitForURLAsync(LodgedPage());
        var lane = (await page.InnerTextAsync("[data-testid=lane]")).Split(' ')[0];
        lane.ShouldBeOneOf("Green", "Blue", "Yellow", "Red");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync($"Lodged. Lane: {lane}");
        var summary = await page.InnerTextAsync("[data-testid=trader-summary]");
        summary.ShouldStartWith(lane + ":");
        await Expect(page.Locator("[data-testid=items]")).ToContainTextAsync("847130");
        await Expect(page.Locator("[data-testid=declaration-facts]")).ToContainTextAsync("1,280.50 · low-value e-commerce");

        // The safe version only: no rule, score, threshold, draw or actor.
        var main = await page.InnerTextAsync("main");
        RuleId().IsMatch(main).ShouldBeFalse("no rule id is shown to the trader");
        foreach (var id in new[] { "ECOMMERCE-LOW-VALUE", "UNKNOWN-CONSIGNOR", "UNKNOWN-IMPORTER" })
        {
            main.ShouldNotContain(id);
        }

        main.ShouldNotContain("Score");
        main.ShouldNotContain("Draw");
        main.ShouldNotContain("threshold");
        (
            await page.Locator("[data-testid=rule-hits], [data-testid=score], [data-testid=random-draw], [data-testid=credits]")
                .CountAsync()
        ).ShouldBe(0);
        (await page.Locator("[data-testid=action-Release], [data-testid=action-StartDocumentaryCheck]").CountAsync()).ShouldBe(0);

        await page.ClickAsync("nav >> text=My declarations");
        await Expect(page.Locator("[data-testid=my-declarations]")).ToContainTextAsync(lane);
    }

    [Fact]
    public async Task A_rule_editor_simulates_a_changed_rule_on_past_declarations_and_reads_the_lane_shares()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(context, "border");
        await page.ClickAsync("nav >> text=Risk rules");
        await page.WaitForURLAsync(app.BaseUrl + "/clearance/rules");
        await Expect(page.Locator("[data-testid=rules-current]")).ToContainTextAsync("ECOMMERCE-LOW-VALUE");
        await Expect(page.Locator("[data-testid=rules-current]")).ToContainTextAsync("low-value e-commerce");
        await Expect(page.Locator("[data-testid=random-rate]")).ToContainTextAsync("2.0%");

        await page.ClickAsync("[data-rule=ECOMMERCE-LOW-VALUE] >> text=new version");
        await page.WaitForURLAsync(app.BaseUrl + "/clearance/rules?edit=ECOMMERCE-LOW-VALUE#rule-form");
        await Expect(page.Locator("#rule-id")).ToHaveValueAsync("ECOMMERCE-LOW-VALUE");
        await Expect(page.Locator("#rule-ecommerce")).ToHaveValueAsync("yes");
        await page.FillAsync("#rule-score", "80");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await page.FillAsync("#simulate-from", today.AddDays(-100).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.FillAsync("#simulate-to", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.ClickAsync("[data-testid=simulate]");

        await page.Locator("[data-testid=simulation]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var replayed = await page.InnerTextAsync("[data-testid=simulation-summary]");
        replayed.ShouldMatch(@"^\d{1,2},\d{3} declarations replayed; [1-9][\d,]* would change lane\.");
        var groups = await page.Locator("[data-testid=shares] tbody tr")
            .EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.group)");
        groups.ShouldBe(["All", "AEO importers", "Non-AEO importers", "SME importers", "MRA-recognised consignors"]);
        var all = await page.InnerTextAsync("[data-testid=shares] tr[data-group=All]");
        all.ShouldMatch(@"\(\+\d+\.\d\)", "the Red share goes up");

        // Simulating saved nothing: the rule in force is still version 1.
        await Expect(page.Locator("[data-testid=rules-current] [data-rule=ECOMMERCE-LOW-VALUE]")).ToContainTextAsync("v1");
        (await page.Locator("[data-testid=rules-scheduled] [data-rule=ECOMMERCE-LOW-VALUE]").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Anyone_reads_the_agencies_benefits_for_AEOs_by_family()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");
        await page.ClickAsync("nav >> text=Agencies");
        await page.WaitForURLAsync(app.BaseUrl + "/agencies");
        var fda = page.Locator("[data-agency=FDA]");
        await Expect(fda).ToContainTextAsync("Food and Drug Administration");
        await Expect(fda.Locator("[data-family=RecognitionOfAeoStandards]")).ToContainTextAsync("no separate documentary check");
        await Expect(fda.Locator("[data-testid=controls]")).ToContainTextAsync("3004");
        await Expect(fda.Locator("[data-testid=controls]")).ToContainTextAsync("required; waived for AEOs");
        await Expect(page.Locator("[data-agency=TRADE] [data-family=OtherSupport]")).ToContainTextAsync("help desk");
    }

    [Fact]
    public async Task An_agency_officer_grants_the_permit_of_a_joint_declaration_from_the_queue()
    {
        app.RequireBrowser();

        // Medicines (HS 3004) need a Food and Drug Administration permit: customs lodges one so the agency has a permit to decide.
        await using var customsContext = await app.Browser.NewContextAsync();
        var customs = await app.SignedIn(customsContext, "border");
        await customs.GotoAsync(app.BaseUrl + "/clearance/mine");
        await customs.FillAsync("#party-importer", "TW00000002");
        await customs.FillAsync("#party-exporter", "JP5550001");
        await customs.FillAsync("#item-hs-0", "300490");
        await customs.FillAsync("#item-value-0", "4500");
        await customs.ClickAsync("[data-testid=lodge]");
        await customs.WaitForURLAsync(LodgedPage());
        var reference = (await customs.InnerTextAsync("h1")).Split(' ')[0];
        await Expect(customs.Locator("[data-testid=agency-cases]")).ToContainTextAsync("Requested");
        await Expect(customs.Locator("[data-testid=trader-summary]"))
            .ToContainTextAsync("A permit from Food and Drug Administration travels with this declaration");

        await using var context = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(context, "oga");
        await page.ClickAsync("nav >> text=Agency queue");
        await page.WaitForURLAsync(app.BaseUrl + "/clearance/agency");
        var row = page.Locator($"[data-testid=agency-queue] tbody tr[data-declaration='{reference}'][data-agency=FDA]");
        await Expect(row).ToContainTextAsync("300490");
        await row.Locator("[data-testid=refuse]").ClickAsync();
        await Expect(page.Locator(".errors")).ToContainTextAsync("A refusal needs a reason.");
        await row.Locator("input[name=Note]").First.FillAsync("Licence checked against the register.");
        await row.Locator("[data-testid=grant]").ClickAsync();
        await Expect(page.Locator("[data-testid=flash]")).ToHaveTextAsync($"Permit granted for {reference}.");
        (await row.Locator("[data-testid=grant]").CountAsync()).ShouldBe(0);

        await customs.ReloadAsync();
        await Expect(customs.Locator("[data-testid=agency-cases]")).ToContainTextAsync("Granted");
        await Expect(customs.Locator("[data-testid=events]")).ToContainTextAsync("OGA permit granted");
    }

    [GeneratedRegex(@"[A-Z]+-[A-Z]+(-[A-Z]+)*")]
    private static partial Regex RuleId();

    [GeneratedRegex(@"/clearance/declarations/[0-9a-f-]{36}\?done=lodged$")]
    private static partial Regex LodgedPage();
}
