using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Registry;

/// <summary>Issue #11 item 6: sign-in throttling per account and per address, lockout, failures in the audit trail.</summary>
public sealed class Sign_in_lockout
{
    private const string Password = "right-password-1";

    private static async Task AddPerson(OpenAeoApp app, string name, Role role = Role.Analyst)
    {
        var added = await app.WithDb(db =>
            AddUser.Execute(
                new AddUserRequest(name, null, role.ToString(), null, null, Password, false, "test"),
                Actor.System,
                db,
                app.Clock,
                CancellationToken.None
            )
        );
        added.Errors.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_even_against_the_right_one_and_every_failure_is_audited(
        string provider
    )
    {
        await using var app = await OpenAeoApp.On(provider);
        await AddPerson(app, "analyst1");
        var browser = SignInForm.Browser(app);

        for (var i = 1; i <= 4; i++)
        {
            (await SignInForm.Post(browser, "analyst1", "wrong-" + i)).Refusal.ShouldBe("The user name or password is not right.");
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        (await SignInForm.Post(browser, "Analyst1", "wrong-5")).Refusal!.ShouldStartWith(
            "Too many failed sign-ins for this account. Try again after 09:19 UTC"
        );
        app.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        var refused = await SignInForm.Post(browser, "analyst1", Password);
        refused.Refusal!.ShouldStartWith("Too many failed sign-ins for this account");
        (refused.Response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).ShouldNotContain(c =>
            c.StartsWith("openaeo=", StringComparison.Ordinal)
        );

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await SignInForm.Post(browser, "analyst1", Password)).Refusal.ShouldBeNull();

        var audit = await app.WithDb(db =>
            db.AuditEntries().AsNoTracking().Where(a => a.Subject == "user:analyst1").OrderBy(a => a.Id).ToListAsync()
        );
        audit
            .Select(a => a.Action)
            .ShouldBe([
                "user.added",
                "user.sign-in-failed",
                "user.sign-in-failed",
                "user.sign-in-failed",
                "user.sign-in-failed",
                "user.sign-in-failed",
                "user.locked-out",
                "user.sign-in-refused",
                "user.signed-in",
            ]);
        audit[1].Reason.ShouldBe("wrong-password");
        audit[1].Actor.ShouldStartWith("address:");
        audit[1].Details!.ShouldContain("\"address\"");
        audit.ShouldAllBe(a => a.Details == null || !a.Details.Contains("wrong-"));
        (await app.WithDb(db => db.Users().SingleAsync(u => u.Name == "analyst1"))).LastSignInAt.ShouldBe(app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Unknown_names_are_throttled_like_real_ones_so_a_lockout_reveals_nothing()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var browser = SignInForm.Browser(app);

        for (var i = 0; i < 4; i++)
        {
            (await SignInForm.Post(browser, "nobody", "guess-" + i)).Refusal.ShouldBe("The user name or password is not right.");
        }

        (await SignInForm.Post(browser, "nobody", "guess-4")).Refusal!.ShouldStartWith("Too many failed sign-ins for this account");
        var audit = await app.WithDb(db =>
            db.AuditEntries().AsNoTracking().Where(a => a.Subject == "user:nobody").Select(a => a.Reason).ToListAsync()
        );
        audit.ShouldContain("unknown-user");
    }

    [Fact]
    public async Task A_right_password_ends_the_accounts_count_so_earlier_mistakes_do_not_add_up()
    {
        await using var app = OpenAeoApp.OnSqlite();
        await AddPerson(app, "clerk");
        var browser = SignInForm.Browser(app);

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                (await SignInForm.Post(browser, "clerk", "typo")).Refusal.ShouldBe("The user name or password is not right.");
            }

            (await SignInForm.Post(SignInForm.Browser(app), "clerk", Password)).Refusal.ShouldBeNull();
        }
    }

    [Fact]
    public async Task One_address_trying_one_password_on_many_accounts_is_locked_out_by_address()
    {
        await using var app = OpenAeoApp.OnSqlite();
        await AddPerson(app, "victim");
        var browser = SignInForm.Browser(app);

        // 20 names, one guess each: no account reaches its limit, the address does.
        for (var i = 0; i < 19; i++)
        {
            (await SignInForm.Post(browser, $"user{i}", "Summer2026!")).Refusal.ShouldBe("The user name or password is not right.");
        }

        (await SignInForm.Post(browser, "user19", "Summer2026!")).Refusal!.ShouldStartWith("Too many failed sign-ins from your address");
        (await SignInForm.Post(browser, "victim", Password)).Refusal!.ShouldStartWith("Too many failed sign-ins from your address");
        (
            await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Action == "user.locked-out" && a.Subject.StartsWith("address:")))
        ).ShouldBe(1);

        // The address's lockout ends with its time.
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        (await SignInForm.Post(browser, "victim", Password)).Refusal.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_administrator_sees_the_lockout_and_ends_it_and_a_password_reset_ends_it_too(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await AddPerson(app, "officer1", Role.ProgrammeOfficer);
        var admin = await app.ClientAs(Role.Admin, name: "root");
        var browser = SignInForm.Browser(app);
        for (var i = 0; i < 5; i++)
        {
            await SignInForm.Post(browser, "officer1", "wrong");
        }

        var listed = await admin.GetFromJsonAsync<UserResponse>("/api/v1/users/officer1");
        listed!.LockedUntil.ShouldBe(app.Clock.GetUtcNow().AddMinutes(15));

        (await admin.DeleteAsync("/api/v1/users/officer1/lockout?reason=called+the+help+desk")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetFromJsonAsync<UserResponse>("/api/v1/users/officer1"))!.LockedUntil.ShouldBeNull();
        (await SignInForm.Post(browser, "officer1", Password)).Refusal.ShouldBeNull();

        for (var i = 0; i < 5; i++)
        {
            await SignInForm.Post(SignInForm.Browser(app), "officer1", "wrong");
        }

        var reset = await admin.PostAsJsonAsync(
            "/api/v1/users/officer1/password",
            new { password = "a-new-password-2", reason = "forgotten" }
        );
        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SignInForm.Post(SignInForm.Browser(app), "officer1", "a-new-password-2")).Refusal.ShouldBeNull();
        var unlocked = await app.WithDb(db => db.AuditEntries().AsNoTracking().SingleAsync(a => a.Action == "user.unlocked"));
        unlocked.Actor.ShouldBe("root");
        unlocked.Reason.ShouldBe("called the help desk");
    }
}
