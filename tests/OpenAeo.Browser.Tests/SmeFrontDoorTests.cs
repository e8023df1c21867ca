using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenAeo.Browser.Tests;

/// <summary>
/// Issue 13 items 3 and 4: an anonymous visitor on a phone completes the readiness self-check in Spanish, sees its gaps
/// and track, sends a prior-consultation request with it, and an account manager sees the request in the queue.
/// </summary>
public sealed class The_sme_front_door(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    [Fact]
    public async Task A_visitor_on_a_phone_checks_its_readiness_in_spanish_asks_for_a_consultation_and_a_manager_sees_it()
    {
        app.RequireBrowser();
        await using var phone = await app.Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                Locale = "es-ES",
                ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "es-ES,es;q=0.9" },
            }
        );
        var page = await phone.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/readiness/TW");
        await Expect(page.Locator("h1")).ToHaveTextAsync("¿Podría mi empresa ser OEA?");
        await Axe.AssertNoSeriousViolations(page);
        await page.GetByLabel("Exportador", new PageGetByLabelOptions { Exact = true }).CheckAsync();
        await page.GetByLabel("Número de empleados").FillAsync("35");
        await page.GetByLabel("Sector (opcional)").FillAsync("Máquinas herramienta");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Empezar las preguntas" }).ClickAsync();

        // One criterion a screen, with progress; every control exists but nothing is written down.
        for (var i = 1; i <= 18; i++)
        {
            await Expect(page.Locator("[data-testid=self-check-progress]")).ToHaveTextAsync($"Pregunta {i} de 18");
            if (i == 1)
            {
                await Axe.AssertNoSeriousViolations(page);
            }

            await page.GetByLabel("Sí, pero no está por escrito").CheckAsync();
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = i == 18 ? "Ver mi resultado" : "Siguiente" })
                .ClickAsync();
        }

        // The SME track takes unwritten controls as outcome-based answers; only the financial statements remain.
        await Expect(page.Locator("[data-testid=self-check-result]")).ToContainTextAsync("Su preparación para el programa");
        await Expect(page.Locator("[data-testid=self-check-track]")).ToContainTextAsync("Vía pyme");
        await Expect(page.Locator("[data-testid=self-check-summary]")).ToContainTextAsync("Está cerca");
        var gaps = page.Locator("[data-testid=self-check-gaps] > li");
        await Expect(gaps).ToHaveCountAsync(1);
        await Expect(gaps.First).ToContainTextAsync("¿Puede demostrar que su empresa es financieramente solvente");
        await Expect(gaps.First).ToContainTextAsync("Los últimos estados financieros anuales");
        await Expect(page.Locator("[data-testid=self-check-time]")).ToContainTextAsync("días hábiles");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(
            390,
            "nothing wider than the phone"
        );
        await Axe.AssertNoSeriousViolations(page);

        await page.GetByTestId("ask-consultation").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Solicitar una consulta previa");
        await Expect(page.Locator("[data-testid=consultation-self-check]")).ToContainTextAsync("17 de 18 criterios cumplidos");
        var tin = $"TW8{Random.Shared.Next(10_000_000, 99_999_999)}";
        var company = $"Herramientas Formosa {tin}";
        await page.GetByLabel("Razón social de la empresa").FillAsync(company);
        await page.GetByLabel("Número de identificación tributaria (TIN)").FillAsync(tin);
        await page.GetByLabel("Su nombre").FillAsync("Mei Lin");
        await page.GetByLabel("Correo electrónico").FillAsync("mei@formosa.example");
        await page.GetByLabel("Día 1").FillAsync(DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Axe.AssertNoSeriousViolations(page);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Enviar la solicitud" }).ClickAsync();

        await Expect(page.Locator("[data-testid=consultation-sent]")).ToContainTextAsync("Recibimos su solicitud");
        var reference = await page.Locator("[data-testid=consultation-reference]").InnerTextAsync();
        reference.ShouldMatch("^PC-[2-9A-Z]{8}$");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(
            390,
            "nothing wider than the phone"
        );
        await Axe.AssertNoSeriousViolations(page);

        // The account manager's queue shows the request with the self-check it carried.
        await using var office = await app.Browser.NewContextAsync();
        var manager = await app.SignedIn(office, "manager");
        await manager.GotoAsync(app.BaseUrl + "/prospects");
        var request = manager.Locator("[data-testid=prospect]", new PageLocatorOptions { HasText = reference });
        await Expect(request).ToContainTextAsync(company);
        await Expect(request.Locator("[data-testid=prospect-self-check]")).ToContainTextAsync("SME track: 17 of 18 criteria met; gaps: 1");
        await request.GetByTestId("accept").ClickAsync();
        await Expect(manager.Locator("[data-testid=invitation]")).ToContainTextAsync($"Invitation for {reference}");
        (await manager.Locator("[data-testid=invitation-link]").InputValueAsync()).ShouldStartWith(app.BaseUrl + "/invitations/");
    }
}
