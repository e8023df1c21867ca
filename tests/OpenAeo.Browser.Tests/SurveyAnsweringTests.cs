using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenAeo.Browser.Tests;

/// <summary>Issue 15, item 3: a respondent answers a survey on a phone through an invitation, and the officer sees the counts
/// change.</summary>
public sealed class Answering_a_survey(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    private static async Task<int[]> Row(IPage page, string code)
    {
        var row = page.Locator($"[data-testid=statement-results] tr[data-question='{code}'] td");
        await row.First.WaitForAsync();
        var cells = await row.AllInnerTextsAsync();
        cells.Count.ShouldBe(10, await page.InnerTextAsync("main"));

        // Statement, n, then the count at each of the five levels.
        return [.. cells.Skip(1).Take(6).Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture))];
    }

    [Fact]
    public async Task An_invited_respondent_answers_on_a_390_pixel_phone_and_the_officer_sees_the_counts_change()
    {
        app.RequireBrowser();
        await using var desk = await app.Browser.NewContextAsync();
        var officer = await app.SignedIn(desk, "officer");
        await officer.ClickAsync("nav >> text=Surveys");
        await officer.WaitForURLAsync(app.BaseUrl + "/insights/surveys");
        await officer.ClickAsync("text=AEO programme survey of traders");
        await officer.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/insights/surveys/\\d+$"));
        var surveyPage = officer.Url;
        var before = await Row(officer, "P1-01");

        await officer.ClickAsync("summary:has-text('Invite respondents')");
        await officer.FillAsync("#invite-count", "1");
        await officer.ClickAsync("text=Create the links");
        var link = (await officer.Locator("[data-testid=invitation-links] li code").First.InnerTextAsync()).Trim();
        link.ShouldStartWith(app.BaseUrl + "/s/");

        await using var phone = await app.Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            }
        );
        var respondent = await phone.NewPageAsync();
        await respondent.GotoAsync(link);
        await Expect(respondent.Locator("h1")).ToHaveTextAsync("AEO programme survey of traders");
        await respondent.GetByRole(AriaRole.Radio, new PageGetByRoleOptions { Name = "Small or medium enterprise" }).CheckAsync();
        var statement = respondent.GetByRole(
            AriaRole.Group,
            new PageGetByRoleOptions { Name = "The AEO programme supports the voluntary compliance strategy." }
        );
        await statement.GetByRole(AriaRole.Radio, new LocatorGetByRoleOptions { Name = "Agree", Exact = true }).CheckAsync();
        await respondent
            .GetByLabel("What is the main barrier that keeps your company (or your members) from becoming an AEO?")
            .FillAsync("The cost of the security measures.");
        (await respondent.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(
            390,
            "nothing wider than the phone"
        );
        (await respondent.InnerTextAsync("body")).ShouldNotContain("P1-01", Case.Sensitive, "respondents read statements, not codes");
        await respondent.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send my answers" }).ClickAsync();
        await Expect(respondent.Locator("[data-testid=survey-thanks]")).ToContainTextAsync("your answers were received");

        await respondent.GotoAsync(link);
        await Expect(respondent.Locator("[data-testid=survey-used]")).ToContainTextAsync("already been used");

        await officer.GotoAsync(surveyPage);
        var after = await Row(officer, "P1-01");
        after[0].ShouldBe(before[0] + 1, "one more answer to the statement");
        after[4].ShouldBe(before[4] + 1, "one more 'Agree'");
        (await officer.Locator("[data-testid=open-answers]").First.InnerTextAsync()).ShouldContain("The cost of the security measures.");
    }
}
