using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Registry;

/// <summary>Administrators disable, enable, reset, rotate and revoke through <c>/api/v1/users/{name}/…</c>; every change audited.</summary>
public sealed class Accounts_over_the_api
{
    private static Task<AccountChangeResponse> Ok(HttpResponseMessage response) => response.Read<AccountChangeResponse>(200);

    private static HttpClient WithKey(OpenAeoApp app, string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_disabled_accounts_key_is_refused_at_once_and_works_again_when_enabled(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var admin = await app.ClientAs(Role.Admin, name: "root");
        var created = await admin.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                name = "risk-bot",
                role = "BorderOfficer",
                issueApiKey = true,
            }
        );
        var key = (await created.Read<AddUserResponse>()).ApiKey!;
        created.Headers.Location!.ToString().ShouldBe("/api/v1/users/risk-bot");
        var bot = WithKey(app, key);
        (await bot.GetAsync("/api/v1/operators")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var disabled = await Ok(await admin.PostAsJsonAsync("/api/v1/users/risk-bot/disable", new { reason = "left the project" }));

        disabled.User.Disabled.ShouldBeTrue();
        (await bot.GetAsync("/api/v1/operators")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await admin.PostAsJsonAsync("/api/v1/users/risk-bot/disable", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        await Ok(await admin.PostAsync("/api/v1/users/risk-bot/enable", null));
        (await bot.GetAsync("/api/v1/operators")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var audit = await app.WithDb(db =>
            db.AuditEntries().AsNoTracking().Where(a => a.Subject == "user:risk-bot").OrderBy(a => a.Id).ToListAsync()
        );
        audit.Select(a => (a.Action, a.Actor)).ShouldBe([("user.added", "root"), ("user.disabled", "root"), ("user.enabled", "root")]);
        audit[1].Reason.ShouldBe("left the project");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rotated_key_replaces_the_old_one_at_once_and_a_revoked_key_stops_working(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var admin = await app.ClientAs(Role.Admin, name: "root");
        var old = (
            await (
                await admin.PostAsJsonAsync(
                    "/api/v1/users",
                    new
                    {
                        name = "jp-node",
                        role = "Partner",
                        partnerEconomy = "JP",
                        issueApiKey = true,
                    }
                )
            ).Read<AddUserResponse>()
        ).ApiKey!;

        var rotated = await Ok(await admin.PostAsJsonAsync("/api/v1/users/jp-node/api-key", new { reason = "yearly rotation" }));
        var fresh = rotated.ApiKey!;

        fresh.ShouldStartWith("oak_");
        fresh.ShouldNotBe(old);
        (await WithKey(app, old).GetAsync("/exchange/v1/sth")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await WithKey(app, fresh).GetAsync("/api/v1/economies")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetStringAsync("/api/v1/users")).ShouldNotContain(fresh);

        await Ok(await admin.DeleteAsync("/api/v1/users/jp-node/api-key?reason=partner+left"));
        (await WithKey(app, fresh).GetAsync("/exchange/v1/sth")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await admin.GetFromJsonAsync<UserResponse>("/api/v1/users/jp-node"))!.HasApiKey.ShouldBeFalse();
        (await admin.DeleteAsync("/api/v1/users/jp-node/api-key")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var actions = await app.WithDb(db =>
            db.AuditEntries().AsNoTracking().Where(a => a.Subject == "user:jp-node").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()
        );
        actions.ShouldBe(["user.added", "user.api-key-rotated", "user.api-key-revoked"]);
        (
            await app.WithDb(db =>
                db.AuditEntries().AsNoTracking().AnyAsync(a => a.Details != null && (a.Details.Contains(fresh) || a.Details.Contains(old)))
            )
        ).ShouldBeFalse();
    }

    [Fact]
    public async Task A_generated_password_is_shown_once_and_signs_in()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var admin = await app.ClientAs(Role.Admin, name: "root");
        (
            await admin.PostAsJsonAsync(
                "/api/v1/users",
                new
                {
                    name = "clerk",
                    role = "Analyst",
                    password = "first-password-1",
                }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.Created);

        var reset = await Ok(await admin.PostAsJsonAsync("/api/v1/users/clerk/password", new { reason = "forgotten" }));
        var generated = reset.Password!;

        generated.Length.ShouldBe(16);
        (await SignInForm.Post(SignInForm.Browser(app), "clerk", "first-password-1")).Refusal.ShouldBe(
            "The user name or password is not right."
        );
        (await SignInForm.Post(SignInForm.Browser(app), "clerk", generated)).Refusal.ShouldBeNull();
        var audit = await app.WithDb(db => db.AuditEntries().AsNoTracking().SingleAsync(a => a.Action == "user.password-reset"));
        audit.Details!.ShouldContain("\"generated\":true");
        audit.Details!.ShouldNotContain(generated);
        (await admin.PostAsJsonAsync("/api/v1/users/clerk/password", new { password = "short" })).StatusCode.ShouldBe(
            HttpStatusCode.BadRequest
        );
    }

    [Fact]
    public async Task Only_administrators_change_accounts_and_nobody_disables_the_last_administrator_or_themselves()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var admin = await app.ClientAs(Role.Admin, name: "root");
        var officer = await app.ClientAs(Role.ProgrammeOfficer, name: "officer1");

        (await officer.PostAsync("/api/v1/users/root/disable", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.GetAsync("/admin/accounts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.GetStringAsync("/admin/accounts")).ShouldContain("officer1");
        (await app.Anonymous().PostAsync("/api/v1/users/officer1/api-key", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await admin.PostAsync("/api/v1/users/nobody/disable", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var self = await admin.PostAsync("/api/v1/users/root/disable", null);
        self.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await self.Content.ReadAsStringAsync()).ShouldContain("your own account");

        // From the command line (another operator of the server), the only administrator cannot be disabled either.
        var (exit, _, error) = await app.Cli("users", "disable", "root");
        exit.ShouldBe(1);
        error.ShouldContain("last enabled administrator");
        (await app.Cli("users", "disable", "officer1", "--reason", "moved")).Exit.ShouldBe(0);
        (await officer.GetAsync("/api/v1/operators")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class Accounts_on_the_command_line_after_creation
{
    [Fact]
    public async Task Rotate_prints_the_new_key_alone_and_list_shows_state_without_secrets()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var first = (await app.Cli("users", "add", "--name", "etl", "--role", "Analyst", "--print-api-key")).Output.Trim();

        var (exit, output, error) = await app.Cli("users", "rotate-key", "etl", "--reason", "leaked in a log");
        var second = output.Trim();

        exit.ShouldBe(0);
        error.ShouldContain("etl: enabled, API key");
        second.ShouldStartWith("oak_");
        second.ShouldNotBe(first);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", first);
        (await client.GetAsync("/api/v1/operators")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await app.Cli("users", "disable", "etl")).Exit.ShouldBe(0);
        (await app.Cli("users", "revoke-key", "etl")).Exit.ShouldBe(0);
        (await app.Cli("users", "enable", "etl")).Exit.ShouldBe(0);
        var (_, generated, _) = await app.Cli("users", "reset-password", "etl");
        generated.Trim().Length.ShouldBe(16);

        var list = (await app.Cli("users", "list")).Output;
        list.ShouldContain("etl");
        list.ShouldContain("enabled, password");
        list.ShouldNotContain("oak_");
        var json = JsonSerializer.Deserialize<UserResponse[]>((await app.Cli("users", "list", "--json")).Output, Api.Json)!;
        var etl = json.Single(u => u.Name == "etl");
        etl.HasApiKey.ShouldBeFalse();
        etl.HasPassword.ShouldBeTrue();

        var actions = await app.WithDb(db =>
            db.AuditEntries().AsNoTracking().Where(a => a.Subject == "user:etl").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()
        );
        actions.ShouldBe([
            "user.added",
            "user.api-key-rotated",
            "user.disabled",
            "user.api-key-revoked",
            "user.enabled",
            "user.password-reset",
        ]);
        (await app.Cli("users", "unlock", "nobody")).Error.ShouldContain("There is no account named 'nobody'");
    }
}
