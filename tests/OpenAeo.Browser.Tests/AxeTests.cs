using Microsoft.Playwright;

namespace OpenAeo.Browser.Tests;

/// <summary>The accessibility check itself: it must fail on a page with a serious fault, or a pass would mean nothing.</summary>
public sealed class The_accessibility_check(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    [Fact]
    public async Task Fails_on_an_image_without_text_and_a_button_without_a_name()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");
        await page.EvaluateAsync(
            "() => { document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"data:,\"><button></button>'); }"
        );

        var violations = await Axe.Violations(page);
        violations.ShouldContain(v => v.Id == "image-alt" && v.Impact == "critical");
        violations.ShouldContain(v => v.Id == "button-name" && v.Impact == "critical");
        var failure = await Should.ThrowAsync<Exception>(() => Axe.AssertNoSeriousViolations(page));
        failure.Message.ShouldContain("image-alt");
        failure.Message.ShouldContain("button-name");
    }
}
