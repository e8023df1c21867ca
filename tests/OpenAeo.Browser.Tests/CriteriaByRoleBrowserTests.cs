using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using static Microsoft.Playwright.Assertions;

namespace OpenAeo.Browser.Tests;

public sealed partial class Applying_for_AEO_status_in_the_browser
{
    /// <summary>Issue 14 item 1: a small trucking company is asked the questions of a road carrier, in the SME's alleviated form, and sees
    /// why.</summary>
    [Fact]
    public async Task An_SME_carrier_sees_only_the_questions_that_apply_to_it_with_the_reason_shown()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await NewSmeApplication(context, "TW00000202,Tamsui Trucking Co.,TW,road carrier,25,true", "tamsui");

        var asked = Applicability.Select(DefaultCriteria.Questions(Track.Sme), OperatorRoles.RoadCarrier, sme: true);
        (await page.Locator("nav.steps li").CountAsync()).ShouldBe(asked.Select(q => q.Question.Group).Distinct().Count() + 1);
        await Expect(page.Locator("[data-testid=gap-count]"))
            .ToHaveTextAsync(asked.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The carrier's own question, in its alleviated form, says why it is asked; the readiness list opens its step.
        await OpenStepOf(page, "CONV-2");
        var conveyanceStep = page.Url;
        var tracking = page.Locator("#q-CONV-2");
        await Expect(tracking.Locator("legend")).ToContainTextAsync("How do your drivers report where they are and any unplanned stop?");
        await Expect(tracking.Locator("[data-testid=asked-because]"))
            .ToContainTextAsync("Asked because you are a registered road carrier.");
        await Expect(tracking.Locator("[data-testid=alleviated]")).ToHaveTextAsync("alleviated form for SMEs");
        await OpenStepOf(page, "COMP-1");
        await Expect(page.Locator("#q-COMP-1 [data-testid=asked-because]")).ToContainTextAsync("Asked of every operator.");
        await Expect(page.Locator("#q-COMP-1 [data-testid=alleviated]")).ToHaveCountAsync(0);

        // What other roles are asked is not asked of it: not on any step, so not missing either.
        foreach (var code in new[] { "PART-2", "CARGO-3", "CARGO-4", "RECS-2" })
        {
            await Expect(page.Locator($"[data-testid=readiness] a[href*='#q-{code}']")).ToHaveCountAsync(0);
        }

        // A control it outsources names the contractor by TIN, on the same form.
        await OpenStepOf(page, "PREM-1");
        await page.CheckAsync("#outsourced-PREM-1");
        await Expect(page.Locator("#provider-tin-PREM-1")).ToBeVisibleAsync();

        // In Spanish the same questions, in Spanish words, and the same reasons.
        await page.GotoAsync(conveyanceStep);
        await page.ClickAsync("[data-testid=language-es]");
        await Expect(page.Locator("#q-CONV-2 [data-testid=asked-because]"))
            .ToContainTextAsync("Se pregunta porque su empresa está registrada como transportista por carretera.");
        await Expect(page.Locator("#q-CONV-2 legend"))
            .ToContainTextAsync("¿Cómo informan sus conductores dónde están y cualquier parada no prevista?");
    }

    /// <summary>Opens the self-assessment's step that holds a question, as the applicant does: from the readiness list.</summary>
    private static async Task OpenStepOf(Microsoft.Playwright.IPage page, string code)
    {
        await page.ClickAsync($"[data-testid=readiness] a[href*='#q-{code}']");
        await page.Locator($"fieldset#q-{code}").WaitForAsync();
    }
}
