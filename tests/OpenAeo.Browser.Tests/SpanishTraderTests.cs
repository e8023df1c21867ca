using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenAeo.Browser.Tests;

/// <summary>
/// Issue 13 item 7: a Spanish-speaking trader signs in and reads its application in Spanish — the demo's Hsinchu Micro
/// Optics, whose SME application waits for its answer to an information request (and which has no certificate yet); and
/// the demo's SME AEO, Formosa Precision Tools, reads its certificate and prints it in Spanish.
/// </summary>
public sealed class A_spanish_speaking_trader(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    [Fact]
    public async Task Reads_its_application_page_in_spanish()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                Locale = "es-ES",
                ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "es-ES,es;q=0.9" },
            }
        );
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync(app.BaseUrl + "/signin");
        await Expect(signIn.Locator("h1")).ToHaveTextAsync("Iniciar sesión");
        await Expect(signIn.GetByLabel("Nombre de usuario")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolations(signIn);

        var page = await app.SignedIn(context, "trader3");
        await page.GotoAsync(app.BaseUrl + "/applications");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sus solicitudes OEA");
        var row = page.Locator("[data-testid=applications] tbody tr", new() { HasText = "Información solicitada" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Pyme");
        await Axe.AssertNoSeriousViolations(page);

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("[data-testid=application-facts]")).ToContainTextAsync("Gestor de cuenta");
        await Expect(page.Locator("[data-testid=application-state]")).ToContainTextAsync("a la espera de información");
        await Expect(page.Locator("[data-testid=clock-state]")).ToContainTextAsync("Plazo detenido");
        await Expect(page.Locator("#requests h2")).ToHaveTextAsync("Solicitudes de información");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enviar la respuesta" })).ToBeVisibleAsync();
        await Expect(page.Locator("#history h2")).ToHaveTextAsync("Historial");
        // Days as a Spanish reader writes them, in the history and the request's due day.
        await Expect(page.Locator("[data-testid=history]")).ToContainTextAsync(" de 20");
        await Expect(page.Locator("[data-testid=history]")).ToContainTextAsync("Presentar");
        await Axe.AssertNoSeriousViolations(page);

        // Still applying, it has no certificate yet, and is told so in Spanish.
        await page.GotoAsync(app.BaseUrl + "/certificates");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sus certificados OEA");
        await Expect(page.GetByTestId("no-certificates")).ToContainTextAsync("Todavía no tiene ningún certificado");
    }

    [Fact]
    public async Task Reads_and_prints_its_certificate_in_spanish()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                Locale = "es-ES",
                ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "es-ES,es;q=0.9" },
            }
        );

        // Formosa Precision Tools, the demo's SME AEO.
        var page = await app.SignedIn(context, "trader");
        await page.GotoAsync(app.BaseUrl + "/certificates");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sus certificados OEA");
        var certificates = page.GetByTestId("certificates");
        await Expect(certificates.Locator("thead")).ToContainTextAsync("Válido hasta");
        var row = certificates.Locator("tbody tr:has([data-state=Active])").First;
        await Expect(row).ToContainTextAsync("Vigente");
        await Expect(row).ToContainTextAsync(" de 20");
        await Axe.AssertNoSeriousViolations(page);

        await row.GetByRole(AriaRole.Link).ClickAsync();
        var facts = page.GetByTestId("certificate-facts");
        await Expect(facts).ToContainTextAsync("Validez");
        await Expect(facts).ToContainTextAsync("desde el ");
        await Expect(page.Locator("h1")).ToContainTextAsync("Certificado TW-AEO-");
        await Expect(page.GetByTestId("certificate-history").Locator("thead")).ToContainTextAsync("Motivo");
        await Expect(page.GetByTestId("certificate-history")).ToContainTextAsync("Concedido");
        await Expect(page.Locator("summary", new() { HasText = "Suspend" })).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousViolations(page);

        await page.GetByTestId("print-link").ClickAsync();
        var printable = page.GetByTestId("printable-certificate");
        await Expect(printable.Locator("h1")).ToHaveTextAsync("Operador Económico Autorizado");
        await Expect(printable).ToContainTextAsync("Número de identificación del operador");
        await Expect(page.GetByTestId("tin")).ToHaveTextAsync("TW00000001");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Vigente");
        await Expect(printable).ToContainTextAsync("Impreso el ");
        await Expect(printable).ToContainTextAsync(" de 20");
        await Axe.AssertNoSeriousViolations(page);
    }
}
