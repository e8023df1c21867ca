using static OpenAeo.Tests.Platform.Security.MatrixWorld;

namespace OpenAeo.Tests.Platform.Security;

/// <summary>
/// Every route of the OpenAPI document and every page, called well by each of the eleven kinds of caller on real data,
/// against the expected outcomes in <c>src/OpenAeo.Domain/Registry/AccessMatrix.md</c>. A route or page without a row
/// there (or without a call here) fails the test, so nothing new goes unreviewed. Set <c>OPENAEO_MATRIX_OBSERVED</c>
/// to a file path to have the answers the app gave written there as a table (to review, cell by cell, when a route
/// is added: the table says what should happen, not what happens).
/// </summary>
public sealed class The_authorization_matrix(ITestOutputHelper output)
{
    private static readonly Dictionary<string, (Func<MatrixWorld, string> Path, Func<MatrixWorld, string?> Marker)> Pages = new()
    {
        ["/"] = (_ => "/", _ => null),
        ["/signin"] = (_ => "/signin", _ => null),
        ["/access-denied"] = (_ => "/access-denied", _ => null),
        ["/programmes"] = (_ => "/programmes", _ => null),
        ["/programmes/{Code}"] = (_ => "/programmes/TW", _ => null),
        ["/economies"] = (_ => "/economies", _ => null),
        ["/mras"] = (_ => "/mras", _ => null),
        ["/mras/{Id}"] = (w => $"/mras/{w.MraId}", _ => "Matrix arrangement"),
        ["/agencies"] = (_ => "/agencies", _ => null),
        ["/operators"] = (_ => "/operators?q=Matrix", _ => RightName),
        ["/operators/new"] = (_ => "/operators/new", _ => null),
        ["/operators/{Tin}"] = (_ => $"/operators/{RightTin}", _ => RightName),
        ["/operators/{Tin}/recognised-abroad"] = (_ => $"/operators/{RightTin}/recognised-abroad", _ => RightName),
        ["/operators/{Tin}/merchants"] = (_ => $"/operators/{RightTin}/merchants", _ => RightName),
        ["/admin/audit"] = (_ => "/admin/audit", _ => null),
        ["/admin/accounts"] = (_ => "/admin/accounts", w => w.Names[Caller.Analyst]),
        ["/admin/accounts/{Name}"] = (w => $"/admin/accounts/{w.Names[Caller.Analyst]}", w => w.Names[Caller.Analyst]),
        ["/admin/webhooks"] = (_ => "/admin/webhooks", _ => null),
        ["/status"] = (_ => $"/status?tin={PublicTin}", _ => null),
        ["/partners"] = (_ => "/partners", _ => PartnerUrl),
        ["/partners/{Economy}"] = (_ => $"/partners/{PartnerEconomy}", _ => PartnerUrl),
        ["/recognition"] = (_ => $"/recognition?tin={PublicTin}", _ => "An AEO of this programme"),
        ["/applications"] = (_ => "/applications?view=all", w => w.ApplicationReference),
        ["/applications/{Id}"] = (w => $"/applications/{w.ApplicationId}", w => w.ApplicationReference),
        ["/notifications"] = (_ => "/notifications", w => w.CertificateNumber),
        ["/notifications/settings"] = (_ => "/notifications/settings", _ => null),
        ["/certificates"] = (_ => "/certificates", w => w.CertificateNumber),
        ["/certificates/{Id}"] = (w => $"/certificates/{w.CertificateId}", w => w.CertificateNumber),
        ["/monitoring"] = (_ => "/monitoring", _ => "in the queue"),
        ["/certificates/{Id}/print"] = (w => $"/certificates/{w.CertificateId}/print", w => w.CertificateNumber),
        ["/supply-chains"] = (_ => "/supply-chains", w => w.ChainName),
        ["/supply-chains/{Id}"] = (w => $"/supply-chains/{w.ChainId}", w => w.ChainName),
        ["/clearance"] = (_ => "/clearance", w => w.DeclarationReference),
        ["/clearance/mine"] = (_ => "/clearance/mine", w => w.DeclarationReference),
        ["/clearance/declarations/{Id}"] = (w => $"/clearance/declarations/{w.DeclarationId}", w => w.DeclarationReference),
        ["/clearance/agency"] = (_ => "/clearance/agency", w => w.DeclarationReference),
        ["/clearance/rules"] = (_ => "/clearance/rules", _ => "COUNTERFEIT-PRONE"),
        ["/trs"] = (_ => "/trs", w => w.StudyName),
        ["/trs/new"] = (_ => "/trs/new", _ => null),
        ["/trs/studies/{Id}"] = (w => $"/trs/studies/{w.StudyId}", w => w.StudyName),
        ["/insights"] = (_ => "/insights?programme=TW&from=2026-01&to=2026-03", _ => "Examination rate"),
        ["/insights/surveys"] = (_ => "/insights/surveys", _ => SurveyTitle),
        ["/insights/surveys/{Id}"] = (w => $"/insights/surveys/{w.SurveyId}", _ => SurveyTitle),
        ["/surveys/{Slug}"] = (_ => $"/surveys/{SurveySlug}", _ => SurveyTitle),
        ["/s/{Token}"] = (w => $"/s/{w.SurveyToken}", _ => SurveyTitle),
        ["/consultation/{Programme}"] = (_ => "/consultation/TW", _ => null),
        ["/guides/{Programme}"] = (_ => "/guides/TW", _ => null),
        ["/programmes/{Code}/benefits"] = (_ => "/programmes/TW/benefits?role=Importer", _ => null),
        ["/programmes/{Code}/benefits/edit"] = (_ => "/programmes/TW/benefits/edit", _ => null),
        ["/guides/{Programme}/edit"] = (_ => "/guides/TW/edit?criterion=CARGO-1&language=es", _ => null),
        ["/invitations/{Token}"] = (_ => "/invitations/not-a-token", _ => null),
        ["/prospects"] = (_ => "/prospects?status=all", _ => null),
        ["/agency-sign-offs"] = (_ => "/agency-sign-offs", _ => null),
        ["/readiness/{Programme}"] = (_ => "/readiness/TW?roles=Exporter&employees=40&a=COMP-1%3Ay&step=99", _ => null),
    };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_API_route_answers_every_kind_of_caller_as_the_table_says(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        app.Settings["Consultations:PermitLimit"] = "1000";
        var world = await MatrixWorld.Build(app);
        var table = AccessTable.Load();
        var routes = await AccessTable.OpenApiRoutes(world.Client(Caller.Anonymous));

        var failures = Completeness(routes, table.Api.Keys, MatrixCalls.Routes, "route", "a well-formed call in MatrixCalls");
        var observed = new Dictionary<string, string[]>();
        foreach (var route in routes.Intersect(MatrixCalls.Routes).Order(StringComparer.Ordinal))
        {
            var method = new HttpMethod(route[..route.IndexOf(' ', StringComparison.Ordinal)]);
            observed[route] = new string[Callers.Length];
            foreach (var caller in Callers)
            {
                var call = await MatrixCalls.For(route)!(world, caller);
                using var request = new HttpRequestMessage(method, call.Path) { Content = call.Content };
                using var response = await world.Client(caller).SendAsync(request);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var expected = table.Api.TryGetValue(route, out var row) ? row[(int)caller] : "?";
                observed[route][(int)caller] = status is >= 200 and < 300
                    ? "ok"
                    : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (expected != "?" && !AccessTable.Matches(expected, status))
                {
                    failures.Add($"{route} as {caller}: expected {expected}, got {status} {Excerpt(body)}{Logged(app, $"{status}")}");
                }

                failures.AddRange(Leaks(world, caller, body).Select(marker => $"{route} as {caller}: the answer contains '{marker}'"));
                if (route.Contains("/applications", StringComparison.Ordinal) || route.Contains("/renewal", StringComparison.Ordinal))
                {
                    await world.CleanUp();
                }
            }
        }

        Report("API", routes.Count, observed);
        failures.ShouldBeEmpty(string.Join('\n', failures));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_page_shows_its_data_only_to_those_the_table_allows(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        app.Settings["Consultations:PermitLimit"] = "1000";
        var world = await MatrixWorld.Build(app);
        var table = AccessTable.Load();
        var pages = AccessTable.PageRoutes();

        var failures = Completeness(pages, table.Pages.Keys, Pages.Keys, "page", "a path to visit in this test");

        var browsers = new Dictionary<Caller, HttpClient>();
        foreach (var caller in Callers)
        {
            browsers[caller] = await SignedIn(world, caller);
        }

        var observed = new Dictionary<string, string[]>();
        foreach (var page in pages.Intersect(Pages.Keys).Order(StringComparer.Ordinal))
        {
            var (path, marker) = (Pages[page].Path(world), Pages[page].Marker(world));
            observed[page] = new string[Callers.Length];
            foreach (var caller in Callers)
            {
                HttpResponseMessage response;
                try
                {
                    response = await browsers[caller].GetAsync(path);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    failures.Add($"{page} as {caller}: the request failed: {e}");
                    continue;
                }

                using var _ = response;
                var body = await response.Content.ReadAsStringAsync();
                var location = response.Headers.Location?.ToString() ?? "";
                var shows = marker is null || body.Contains(marker, StringComparison.Ordinal);
                var outcome = response.StatusCode switch
                {
                    HttpStatusCode.Redirect when location.Contains("/signin", StringComparison.Ordinal) => "signin",
                    HttpStatusCode.Redirect when location.Contains("/access-denied", StringComparison.Ordinal) => "denied",
                    HttpStatusCode.OK when shows => "ok",
                    HttpStatusCode.OK or HttpStatusCode.NotFound when marker is not null => "hidden",
                    _ => $"{(int)response.StatusCode} {location}",
                };
                observed[page][(int)caller] = outcome;
                var expected = table.Pages.TryGetValue(page, out var row) ? row[(int)caller] : "?";
                if (expected != "?" && outcome != expected)
                {
                    failures.Add($"{page} as {caller}: expected {expected}, got {outcome} {Excerpt(body)}{Logged(app, outcome)}");
                }

                failures.AddRange(Leaks(world, caller, body).Select(m => $"{page} as {caller}: the page contains '{m}'"));
            }
        }

        Report("Pages", pages.Count, observed);
        failures.ShouldBeEmpty(string.Join('\n', failures));
    }

    private static readonly Caller[] Callers = Enum.GetValues<Caller>();

    /// <summary>Every route has a row in the table and a way to call it here; no row outlives its route.</summary>
    private static List<string> Completeness(
        List<string> actual,
        IEnumerable<string> rows,
        IEnumerable<string> calls,
        string what,
        string callKind
    ) =>
        [
            .. actual
                .Except(rows)
                .Select(r => $"{r}: a {what} without a row in {AccessTable.RelativePath} (decide who may call it and add the row)"),
            .. rows.Except(actual).Select(r => $"{r}: a row of {AccessTable.RelativePath} for a {what} that no longer exists"),
            .. actual.Except(calls).Select(r => $"{r}: a {what} without {callKind}"),
        ];

    /// <summary>What each kind of caller must never read, whatever it asks: the right operator's data for strangers, the evidence for all
    /// but its readers.</summary>
    private static IEnumerable<string> Leaks(MatrixWorld world, Caller caller, string body)
    {
        string[] markers = caller switch
        {
            Caller.Anonymous or Caller.OtherTrader or Caller.Partner =>
            [
                RightName,
                world.ApplicationReference,
                EvidenceText,
                world.CertificateNumber,
                world.DeclarationReference,
                world.ChainName,
            ],
            Caller.OtherAgency => [world.DeclarationReference, EvidenceText],
            Caller.Agency or Caller.Analyst or Caller.Border => [EvidenceText],
            _ => [],
        };
        return markers.Where(m => body.Contains(m, StringComparison.Ordinal));
    }

    /// <summary>A browser session: the account signs in through the sign-in form and keeps its cookie.</summary>
    private static async Task<HttpClient> SignedIn(MatrixWorld world, Caller caller) =>
        caller == Caller.Anonymous
            ? BrowserSession.Open(world.App)
            : await BrowserSession.SignedIn(world.App, world.Names[caller], Password);

    private void Report(string kind, int rows, Dictionary<string, string[]> observed)
    {
        output.WriteLine($"{kind}: {rows} rows × {Callers.Length} kinds of caller = {rows * Callers.Length} calls");
        if (Environment.GetEnvironmentVariable("OPENAEO_MATRIX_OBSERVED") is { Length: > 0 } path)
        {
            var text = new StringBuilder($"## {kind} (observed)\n\n");
            foreach (var (row, cells) in observed.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                text.Append(Row(row, cells));
            }

            File.AppendAllText(path, text.Append('\n').ToString());
        }
    }

    private static string Row(string row, string[] cells) => $"| {row} | {string.Join(" | ", cells)} |\n";

    /// <summary>For a 5xx, the errors the app logged: the answer itself carries only a trace id.</summary>
    private static string Logged(OpenAeoApp app, string outcome) =>
        outcome.StartsWith('5') ? "\nLogged:\n" + string.Join("\n", app.Errors.All.TakeLast(3).Select(e => e.ToString())) : "";

    private static string Excerpt(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
