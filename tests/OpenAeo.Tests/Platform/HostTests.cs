using Microsoft.Extensions.Configuration;
using OpenAeo.Platform.Cli;

namespace OpenAeo.Tests.Platform;

public class The_host
{
    [Fact]
    public async Task Health_OpenAPI_and_the_reference_page_answer()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var client = app.Anonymous();

        (await client.GetStringAsync("/health")).ShouldBe("Healthy");
        var openApi = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/operators/{tin}");
        paths.ShouldContain("/api/v1/programmes");
        paths.ShouldContain("/api/v1/economies");
        (await client.GetAsync("/scalar/v1")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reads_its_settings_files_once_and_watches_no_folder_for_changes()
    {
        await using var app = OpenAeoApp.OnSqlite();
        app.Started();
        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();

        // A watched settings file makes the host watch its whole folder, the SQLite database's folder among them (ADR 0070).
        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();
        files.ShouldNotBeEmpty();
        files.ShouldAllBe(f => !f.Source.ReloadOnChange);
    }

    [Fact]
    public async Task The_public_pages_render_the_reference_data_and_the_chart_is_an_svg()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var client = app.Anonymous();

        // The home is for traders now: the node's programme in figures and its three actions; the region's counts are on /programmes.
        var home = await client.GetStringAsync("/");
        home.ShouldContain("data-testid=\"programme-headlines\"");
        home.ShouldContain("href=\"/readiness/TW\"");
        var programmes = await client.GetStringAsync("/programmes");
        programmes.ShouldContain("Customs Trade Partnership Against Terrorism");
        programmes.ShouldContain("Secure Exports Scheme");
        (await client.GetStringAsync("/programmes/MX")).ShouldContain("2 years");
        (await client.GetStringAsync("/economies")).ShouldContain("Chinese Taipei");
        var chart = await client.GetAsync("/charts/aeo-by-economy.svg");
        chart.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await chart.Content.ReadAsStringAsync()).ShouldContain("Chinese Taipei");
    }

    [Fact]
    public async Task Officer_pages_send_anonymous_visitors_to_sign_in()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var client = app.Started()
            .CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/operators");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/signin?ReturnUrl=%2Foperators");
    }

    [Theory]
    [InlineData(
        new[] { "operators", "import", "f.csv", "--Database:Provider=Postgres" },
        new[] { "--Database:Provider=Postgres" },
        new[] { "operators", "import", "f.csv" }
    )]
    [InlineData(new[] { "--urls", "http://127.0.0.1:6000", "serve" }, new[] { "--urls", "http://127.0.0.1:6000" }, new[] { "serve" })]
    [InlineData(new[] { "serve", "--https_port", "443" }, new[] { "--https_port", "443" }, new[] { "serve" })]
    [InlineData(new[] { "--https_port=8443" }, new[] { "--https_port=8443" }, new string[0])]
    [InlineData(
        new[] { "--ConnectionStrings:OpenAeo", "Host=x", "db", "migrate" },
        new[] { "--ConnectionStrings:OpenAeo", "Host=x" },
        new[] { "db", "migrate" }
    )]
    [InlineData(
        new[] { "users", "add", "--name", "n", "--role", "Admin" },
        new string[0],
        new[] { "users", "add", "--name", "n", "--role", "Admin" }
    )]
    public void Configuration_switches_go_to_the_host_and_the_rest_to_the_command(string[] args, string[] host, string[] command)
    {
        var (h, c) = CommandLine.Split(args);

        h.ShouldBe(host);
        c.ShouldBe(command);
    }
}
