using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace OpenAeo.Browser.Tests;

public sealed class Running_a_time_release_study_in_the_browser(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    /// <summary>Sea declarations that clear in two hours before 22 May 2019 and one hour after; air in 30 and 20 minutes.</summary>
    private static string Events()
    {
        var text = new StringBuilder("declaration_id,mode,channel,office_tz,lodged_at,released_at\n");
        for (var i = 0; i < 40; i++)
        {
            var before = i < 20;
            var day = before ? new DateTime(2019, 3, 1).AddDays(i) : new DateTime(2019, 7, 1).AddDays(i);
            var sea = i % 2 == 0;
            var minutes = sea ? (before ? 120 : 60) : (before ? 30 : 20);
            text.Append(
                CultureInfo.InvariantCulture,
                $"D{i},{(sea ? "sea" : "air")},{(i % 5 == 0 ? "exam" : "green")},Asia/Taipei,{day:yyyy-MM-dd}"
                    + $"T09:00:00+08:00,{day.AddHours(9).AddMinutes(minutes):yyyy-MM-dd'T'HH:mm:ss}+08:00\n"
            );
        }

        var path = Path.Combine(Path.GetTempPath(), $"browser-events-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public async Task An_analyst_uploads_events_defines_a_study_and_reads_its_tables_charts_and_downloads()
    {
        app.RequireBrowser();
        var events = Events();
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await app.SignedIn(context, "analyst");

        await page.ClickAsync("nav >> text=Time release");
        await page.WaitForURLAsync(app.BaseUrl + "/trs");
        // Enhanced navigation changes the address before it swaps the page in, and the analyst's home page, still on
        // screen then, has a link "a new study" that a loose text match would find and the swap could pull away from
        // under the click: wait for the list's heading, then click the list's own link by its exact name.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Time release studies", Exact = true }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New study", Exact = true }).ClickAsync();
        await page.SetInputFilesAsync("[data-testid=upload] input[type=file]", events);
        await page.ClickAsync("[data-testid=upload] button");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/trs/new\\?input=[0-9a-f]{64}$"));
        (await page.InputValueAsync("select[name='Form.Input']")).Length.ShouldBe(64, "the uploaded file is chosen");
        await page.FillAsync("input[name='Form.Name']", "Sea and air around TW-JP");
        await page.FillAsync("input[name='Form.By']", "mode");
        await page.ClickAsync("text=Save and run");

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/trs/studies/\\d+$"));
        // The page refreshes itself until the study has run; this waits (and fails if it never does).
        await page.Locator("[data-testid=report]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        (await page.InnerTextAsync("[data-testid=status]")).ShouldBe("Succeeded");
        var main = await page.InnerTextAsync("[data-testid=report] table");
        main.ShouldContain("sea\t10\t2 h 00 min\t10\t1 h 00 min\t-50.00");
        main.ShouldContain("air\t10\t30 min\t10\t20 min\t-33.33");
        (await page.Locator("[data-testid=report] figure svg").CountAsync()).ShouldBe(2, "distribution and channel shares");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download-csv]"));
        var path = await download.PathAsync();
        (await File.ReadAllTextAsync(path!)).ShouldStartWith("mode,");
        File.Delete(events);
    }

    [Fact]
    public async Task A_study_of_OpenAeos_own_declarations_runs_on_a_snapshot_of_them()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(context, "analyst");

        await page.GotoAsync(app.BaseUrl + "/trs/new");
        await page.CheckAsync("input[name='Form.Source'][value=openaeo]");
        await page.FillAsync("input[name='Form.By']", "lane");
        await page.CheckAsync("input[name='Form.SplitBy'][value=date]");
        await page.FillAsync(
            "input[name='Form.Split']",
            DateTime.UtcNow.Date.AddDays(-45).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        );
        await page.ClickAsync("text=Save and run");

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/trs/studies/\\d+$"));
        await page.Locator("[data-testid=report]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        (await page.InnerTextAsync("[data-testid=status]")).ShouldBe("Succeeded");
        var table = await page.InnerTextAsync("[data-testid=report] table");
        table.ShouldContain("Green");
        table.ShouldContain("Red");
        (await page.InnerTextAsync("main")).ShouldContain("openaeo-declarations-");
    }

    [Fact]
    public async Task A_study_that_cannot_run_is_refused_on_the_form_with_the_reason()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(context, "analyst");

        await page.GotoAsync(app.BaseUrl + "/trs/new");
        await page.CheckAsync("input[name='Form.Source'][value=openaeo]");
        await page.FillAsync("input[name='Form.By']", "mode,colour");
        await page.ClickAsync("text=Save and run");

        (await page.InnerTextAsync("[data-testid=errors]")).ShouldContain("colour");
        (await page.InputValueAsync("input[name='Form.By']")).ShouldBe("mode,colour", "what was typed is kept");
    }
}
