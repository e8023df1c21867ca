using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Security;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Registry;

/// <summary>
/// Two web nodes of one deployment on one database (each installed in its own folder): a sign-in cookie issued by one
/// is accepted by the other (one data protection key ring, in the database), and an account disabled on one is refused
/// there at once and by the other within <see cref="CachingOptions.VersionCheckSeconds"/> (the shared stamp, ADR 0056), by API
/// key and by cookie.
/// </summary>
public sealed class Two_nodes_on_one_database
{
    private const string Password = "right-password-1";

    private static async Task<string> AddPersonWithKey(OpenAeoApp app, string name)
    {
        var added = await app.WithDb(db =>
            AddUser.Execute(
                new AddUserRequest(name, null, nameof(Role.Analyst), null, null, Password, true, "test"),
                Actor.System,
                db,
                app.Clock,
                CancellationToken.None
            )
        );
        added.Errors.ShouldBeEmpty();
        return added.Value!.ApiKey!;
    }

    /// <summary>The sign-in cookie a node set, as a browser would send it back.</summary>
    private static async Task<string> SessionCookie(OpenAeoApp node, string name)
    {
        var (response, refusal) = await SignInForm.Post(SignInForm.Browser(node), name, Password);
        refusal.ShouldBeNull();
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("openaeo=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>Where a node is installed: data protection's default application name, which must not decide whether a cookie is
    /// read.</summary>
    private static string Root(OpenAeoApp node) => node.Services.GetRequiredService<IHostEnvironment>().ContentRootPath;

    private static async Task<HttpStatusCode> Get(OpenAeoApp node, string path, string? apiKey = null, string? cookie = null)
    {
        var client = node.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }
        );
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        if (cookie is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", cookie);
        }

        return (await client.GetAsync(path)).StatusCode;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_account_disabled_on_one_node_is_refused_there_at_once_and_by_the_other_at_its_next_version_check(string provider)
    {
        await using var first = await OpenAeoApp.On(provider);
        await using var second = first.Started().AnotherNode();
        second.Started();
        Root(second).ShouldNotBe(Root(first));
        var key = await AddPersonWithKey(first, "analyst1");
        var admin = await first.ClientAs(Role.Admin, name: "root");
        var cookie = await SessionCookie(first, "analyst1");

        (await Get(second, "/api/v1/operators", apiKey: key)).ShouldBe(HttpStatusCode.OK);
        (await Get(second, "/operators", cookie: cookie)).ShouldBe(HttpStatusCode.OK);

        (await admin.PostAsJsonAsync("/api/v1/users/analyst1/disable", new { reason = "left" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The node that made the change refuses at once; the other at its next look at the shared stamp, which the change
        // moved (a second, well within the account cache's own lifetime).
        (await Get(first, "/api/v1/operators", apiKey: key)).ShouldBe(HttpStatusCode.Unauthorized);
        (await Get(first, "/operators", cookie: cookie)).ShouldBe(HttpStatusCode.Redirect);
        (await Get(second, "/api/v1/operators", apiKey: key)).ShouldBe(HttpStatusCode.OK);
        var check = second.Services.GetRequiredService<IOptions<CachingOptions>>().Value.VersionCheckSeconds;
        (check < second.Services.GetRequiredService<IOptions<SignInOptions>>().Value.AccountCacheSeconds).ShouldBeTrue();
        first.Clock.Advance(TimeSpan.FromSeconds(check));
        (await Get(second, "/api/v1/operators", apiKey: key)).ShouldBe(HttpStatusCode.Unauthorized);
        (await Get(second, "/operators", cookie: cookie)).ShouldBe(HttpStatusCode.Redirect);

        // Enabled again, the key works, but the session ended for good: its holder signs in again.
        (await admin.PostAsJsonAsync("/api/v1/users/analyst1/enable", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Get(second, "/api/v1/operators", apiKey: key)).ShouldBe(HttpStatusCode.OK);
        (await Get(second, "/operators", cookie: cookie)).ShouldBe(HttpStatusCode.Redirect);
        (await Get(second, "/operators", cookie: await SessionCookie(second, "analyst1"))).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_programme_changed_on_one_node_is_read_there_at_once_and_by_the_other_at_its_next_version_check(string provider)
    {
        await using var first = await OpenAeoApp.On(provider);
        await using var second = first.Started().AnotherNode();
        second.Started();
        var officer = await first.ClientAs(Role.ProgrammeOfficer);
        async Task<(int? Years, string Tag)> Read(OpenAeoApp node)
        {
            var response = await node.Anonymous().GetAsync("/api/v1/programmes/TW");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = await response.Content.ReadFromJsonAsync<ProgrammeResponse>();
            return (body!.Programme.ValidityYears, response.Headers.ETag!.Tag);
        }

        var before = await Read(second);
        (await Read(first)).ShouldBe(before);
        var years = before.Years == 4 ? 5 : 4;
        (
            await officer.PutAsJsonAsync("/api/v1/programmes/TW", new { validityYears = years, reason = "new regulation" })
        ).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The node that saved answers with the change and its new version at once; the other still answers from memory until
        // its next look at the shared stamp, which the save moved.
        var after = await Read(first);
        after.Years.ShouldBe(years);
        after.Tag.ShouldNotBe(before.Tag);
        (await Read(second)).ShouldBe(before);
        first.Clock.Advance(TimeSpan.FromSeconds(second.Services.GetRequiredService<IOptions<CachingOptions>>().Value.VersionCheckSeconds));
        (await Read(second)).ShouldBe(after);
    }

    [Fact]
    public async Task A_password_reset_ends_the_accounts_sessions_but_not_other_accounts()
    {
        await using var app = OpenAeoApp.OnSqlite();
        await AddPersonWithKey(app, "analyst1");
        await AddPersonWithKey(app, "analyst2");
        var admin = await app.ClientAs(Role.Admin, name: "root");
        var one = await SessionCookie(app, "analyst1");
        var two = await SessionCookie(app, "analyst2");

        (await admin.PostAsJsonAsync("/api/v1/users/analyst1/password", new { password = "another-password-1" })).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );

        (await Get(app, "/operators", cookie: one)).ShouldBe(HttpStatusCode.Redirect);
        (await Get(app, "/operators", cookie: two)).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_keyed_request_is_answered_from_memory_until_the_account_changes_here_or_the_lifetime_ends(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var key = await AddPersonWithKey(app, "analyst1");
        var admin = await app.ClientAs(Role.Admin, name: "root");
        var lifetime = TimeSpan.FromSeconds(app.Services.GetRequiredService<IOptions<SignInOptions>>().Value.AccountCacheSeconds);
        (await Get(app, "/api/v1/operators", apiKey: key)).ShouldBe(HttpStatusCode.OK);

        // Disabled behind this node's back (as another node or another process would): the remembered answer serves
        // until the lifetime ends, not a moment longer.
        await app.WithDb(db => db.Users().Where(u => u.Name == "analyst1").ExecuteUpdateAsync(u => u.SetProperty(a => a.Disabled, true)));
        (await Get(app, "/api/v1/operators", apiKey: key)).ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(lifetime - TimeSpan.FromMilliseconds(1));
        (await Get(app, "/api/v1/operators", apiKey: key)).ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMilliseconds(1));
        (await Get(app, "/api/v1/operators", apiKey: key)).ShouldBe(HttpStatusCode.Unauthorized);

        // A change through this node counts from the next request: enabled, the key works; rotated, the old key is refused
        // at once although it was remembered a moment ago.
        (await admin.PostAsJsonAsync("/api/v1/users/analyst1/enable", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Get(app, "/api/v1/operators", apiKey: key)).ShouldBe(HttpStatusCode.OK);
        var rotated = await admin.PostAsJsonAsync("/api/v1/users/analyst1/api-key", new { reason = "leaked" });
        var newKey = (await rotated.Content.ReadFromJsonAsync<AccountChangeResponse>())!.ApiKey!;
        (await Get(app, "/api/v1/operators", apiKey: key)).ShouldBe(HttpStatusCode.Unauthorized);
        (await Get(app, "/api/v1/operators", apiKey: newKey)).ShouldBe(HttpStatusCode.OK);

        // Unknown keys are never remembered: each one is asked of the database.
        (await Get(app, "/api/v1/operators", apiKey: "oak_unknown")).ShouldBe(HttpStatusCode.Unauthorized);
        app.Services.GetRequiredService<AccountCache>().Key("oak_unknown").ShouldBeNull();
    }
}
