using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OpenAeo.Tests.Platform;

/// <summary>Issue 13, item 7: a page is in the visitor's language: its choice, else its browser's, else English.</summary>
public sealed partial class Pages_in_the_visitors_language
{
    [Fact]
    public async Task A_browser_asking_for_spanish_gets_the_page_in_spanish()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var browser = app.Anonymous();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9,en;q=0.5");

        var page = await (await browser.GetAsync("/")).Text();

        page.ShouldContain("<html lang=\"es\">");
        page.ShouldContain(">Verificar un OEA</a>");
        page.ShouldNotContain(">Check an AEO</a>");
    }

    [Fact]
    public async Task A_language_nobody_wrote_falls_back_to_english()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var browser = app.Anonymous();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9");

        var page = await (await browser.GetAsync("/")).Text();

        page.ShouldContain("<html lang=\"en\">");
        page.ShouldContain(">Check an AEO</a>");
    }

    [Fact]
    public async Task The_switcher_sets_a_cookie_that_wins_over_the_browser_and_goes_back_to_the_page()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var browser = app.Started().CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");

        var response = await PostSwitch(browser, "/programmes", "es", "/programmes?economy=TW");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/programmes?economy=TW");
        response
            .Headers.GetValues("Set-Cookie")
            .ShouldContain(c => c.StartsWith("openaeo-language=c%3Des%7Cuic%3Des", StringComparison.Ordinal) && c.Contains("httponly"));
        var page = await (await browser.GetAsync("/programmes")).Text();
        page.ShouldContain("<html lang=\"es\">", customMessage: "the cookie wins over Accept-Language: en-GB");
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task The_switcher_never_sends_the_visitor_to_another_site(string returnUrl)
    {
        await using var app = OpenAeoApp.OnSqlite();
        var browser = app.Started().CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var response = await PostSwitch(browser, "/", "es", returnUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task The_switcher_refuses_a_language_it_does_not_have()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var browser = app.Started().CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var response = await PostSwitch(browser, "/", "xx", "/");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    private static async Task<HttpResponseMessage> PostSwitch(HttpClient browser, string page, string language, string returnUrl)
    {
        var html = await browser.GetStringAsync(page);
        var form = LanguageForm().Match(html);
        form.Success.ShouldBeTrue("every page has the language switcher");
        using var content = new FormUrlEncodedContent([
            new("__RequestVerificationToken", WebUtility.HtmlDecode(form.Groups[1].Value)),
            new("Language", language),
            new("ReturnUrl", returnUrl),
        ]);
        return await browser.PostAsync("/language", content);
    }

    [GeneratedRegex(
        """<form method="post" action="/language"[^>]*>\s*<input type="hidden" name="__RequestVerificationToken" value="([^"]+)"""
    )]
    private static partial Regex LanguageForm();
}

/// <summary>
/// Every resource file has its Spanish twin with the same keys and no empty text, and every key a component asks its
/// localizer for exists: a missing word fails here rather than showing its key to a trader.
/// </summary>
public sealed partial class Resource_files
{
    private static readonly string Root = RepositoryFolder.Root;

    private static string Resources => Path.Combine(Root, "src", "OpenAeo", "Resources");

    [Fact]
    public void Every_english_resource_has_a_complete_spanish_twin()
    {
        var problems = new List<string>();
        var neutral = Directory
            .EnumerateFiles(Resources, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".es.resx", StringComparison.Ordinal))
            .ToList();
        neutral.ShouldNotBeEmpty();
        foreach (var file in neutral)
        {
            var spanish = file[..^".resx".Length] + ".es.resx";
            var en = Entries(file);
            if (!File.Exists(spanish))
            {
                problems.Add($"{Relative(file)}: no Spanish file {Relative(spanish)}");
                continue;
            }

            var es = Entries(spanish);
            problems.AddRange(en.Keys.Except(es.Keys).Select(k => $"{Relative(spanish)}: no '{k}'"));
            problems.AddRange(es.Keys.Except(en.Keys).Select(k => $"{Relative(spanish)}: '{k}' is not in the English file"));
            problems.AddRange(en.Concat(es).Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"'{e.Key}' is empty"));
            problems.AddRange(
                en.Keys.Intersect(es.Keys)
                    .Where(k => Placeholders(en[k]) != Placeholders(es[k]))
                    .Select(k => $"{Relative(spanish)}: '{k}' has placeholders {Placeholders(es[k])}, English has {Placeholders(en[k])}")
            );
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Every_key_a_component_uses_is_in_its_resource_file()
    {
        var problems = new List<string>();
        var source = Path.Combine(Root, "src", "OpenAeo");
        var checkedFiles = new List<string>();
        foreach (var file in Directory.EnumerateFiles(source, "*.razor", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var localizer = OwnLocalizer().Match(text);
            if (!localizer.Success)
            {
                continue;
            }

            var relative = Path.GetRelativePath(source, file);
            checkedFiles.Add(relative);
            var resx = Path.Combine(Resources, Path.ChangeExtension(relative, ".resx"));
            var keys = File.Exists(resx) ? Entries(resx).Keys.ToHashSet() : [];
            var shared = Entries(Path.Combine(Resources, "Shared.resx")).Keys.ToHashSet();
            foreach (Match use in KeyUse().Matches(text))
            {
                var (name, key) = (use.Groups[1].Value, use.Groups[2].Value);
                var known =
                    name == localizer.Groups[1].Value ? keys
                    : name == SharedLocalizer().Match(text).Groups[1].Value ? shared
                    : null;
                if (known is not null && !known.Contains(key))
                {
                    problems.Add(
                        $"{relative}: '{key}' is not in "
                            + $"{Path.GetRelativePath(Root, name == localizer.Groups[1].Value ? resx : "Resources/Shared.resx")}"
                    );
                }
            }
        }

        checkedFiles.ShouldContain(Path.Combine("Platform", "Web", "Layout", "NavMenu.razor"));
        checkedFiles.ShouldContain(Path.Combine("Platform", "Web", "StatusPage.razor"), "a localizer injected as a property counts too");
        problems.ShouldBeEmpty();
    }

    private static Dictionary<string, string> Entries(string file) =>
        XDocument.Load(file).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    private static string Placeholders(string text) => string.Join(",", Placeholder().Matches(text).Select(m => m.Value).Order());

    private static string Relative(string path) => Path.GetRelativePath(Root, path);

    [GeneratedRegex(@"IStringLocalizer<(?!Shared>)\w+>\s+(\w+)")]
    private static partial Regex OwnLocalizer();

    [GeneratedRegex(@"IStringLocalizer<Shared>\s+(\w+)")]
    private static partial Regex SharedLocalizer();

    [GeneratedRegex("""\b(\w+)\["(\w+)"[\],]""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
