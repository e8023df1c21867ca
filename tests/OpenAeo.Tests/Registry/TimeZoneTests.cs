using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Registry;

/// <summary>
/// Issue 17 item 4 (ADR 0066): a person reads instants in their own time zone, with the zone shown. The notification below is
/// created at 12:30 UTC on 2 March 2026: 01:30 on 3 March in Auckland, 20:30 on 2 March in Taipei (the node's zone) and
/// 04:30 on 2 March in Los Angeles, so each reader's day is not the UTC day or not the node's.
/// </summary>
public class Each_person_reads_times_in_their_own_zone
{
    private static readonly DateTimeOffset Created = new(2026, 3, 2, 12, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_trader_in_auckland_sees_a_notification_on_aucklands_day_with_the_zone_and_the_change_is_audited()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        await RegisteredOperator.Register(officer, "TW61616161");
        var kiri = await app.ClientAs(Role.Trader, "TW61616161", name: "trader-kiri");
        var lin = await app.ClientAs(Role.Trader, "TW61616161", name: "trader-lin");
        (await kiri.Get<TimeZoneResponse>("/api/v1/me/time-zone")).ShouldBe(new TimeZoneResponse(null, "Asia/Taipei"));

        var chosen = await kiri.PutAsJsonAsync("/api/v1/me/time-zone", new { timeZone = "Pacific/Auckland" });
        (await chosen.Read<TimeZoneResponse>(200)).ShouldBe(new TimeZoneResponse("Pacific/Auckland", "Pacific/Auckland"));
        await app.WithDb(async db =>
        {
            db.Notifications()
                .Add(
                    Notification.Create(
                        "operator:TW61616161",
                        "tz-test",
                        "Your certificate",
                        "Body.",
                        null,
                        Created,
                        NotificationKind.Notices
                    )
                );
            await db.SaveChangesAsync();
        });

        var auckland = await kiri.GetStringAsync("/notifications");
        var taipei = await lin.GetStringAsync("/notifications");

        auckland.ShouldContain("2026-03-03 01:30 NZDT");
        auckland.ShouldNotContain("2026-03-02 12:30");
        taipei.ShouldContain("2026-03-02 20:30 CST", customMessage: "without a choice a person reads the node's zone");
        var trail = await app.WithDb(db => db.AuditEntries().Where(e => e.Action == "user.time-zone").ToListAsync());
        var entry = trail.ShouldHaveSingleItem();
        entry.Actor.ShouldBe("trader-kiri");
        entry.Subject.ShouldBe("user:trader-kiri");
        entry.Details!.ShouldContain("Pacific/Auckland");
    }

    [Fact]
    public async Task An_administrator_reads_when_an_account_was_made_and_a_manager_when_a_company_wrote_in_on_their_own_clock()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var admin = await app.ClientAs(Role.Admin, name: "admin-kiri");
        (await admin.PutAsJsonAsync("/api/v1/me/time-zone", new { timeZone = "Pacific/Auckland" })).EnsureSuccessStatusCode();
        var manager = await app.ClientAs(Role.AccountManager, name: "manager-lin");
        app.Clock.SetUtcNow(Created);
        await app.ClientAs(Role.Analyst, name: "analyst-wu");
        var wrote = await app.Anonymous()
            .PostAsJsonAsync("/api/v1/public/consultations", OpenAeo.Tests.Portal.The_prior_consultation_api.Request("TW12345678"));
        wrote.StatusCode.ShouldBe(HttpStatusCode.Created, await wrote.Content.ReadAsStringAsync());

        await RegisteredOperator.Register(await app.ClientAs(Role.ProgrammeOfficer), "TW63636363");

        var account = await admin.GetStringAsync("/admin/accounts/analyst-wu");
        account.ShouldContain("2026-03-03 01:30 NZDT");
        account.ShouldNotContain("12:30 UTC");
        var prospects = await manager.GetStringAsync("/prospects");
        prospects.ShouldContain("2026-03-02 20:30 CST", customMessage: "the manager has no zone of its own: the node's");
        // Registered, updated and the registration in its history: three times on Auckland's clock, none in UTC.
        var operatorPage = await admin.GetStringAsync("/operators/TW63636363");
        System.Text.RegularExpressions.Regex.Count(operatorPage, "2026-03-03 01:30 NZDT").ShouldBeGreaterThanOrEqualTo(3);
        operatorPage.ShouldNotContain("UTC");
        var home = await admin.GetStringAsync("/");
        home.ShouldContain("2026-03-03 01:30 NZDT", customMessage: "the admin home's recent audit entries");
    }

    [Fact]
    public async Task An_agency_officer_reads_its_cases_and_an_administrator_a_lockout_on_their_own_clock()
    {
        await using var app = OpenAeoApp.OnSqlite();
        app.Clock.SetUtcNow(Created);
        var border = await OpenAeo.Tests.Clearance.Border.Open(app);
        await OpenAeo.Tests.Clearance.Border.Lodge(
            border.Officer,
            OpenAeo.Tests.Clearance.Border.Declaration(OpenAeo.Tests.Clearance.Border.AeoImporter, hs: "30049000", reference: "TZ-1")
        );
        (await border.Agency.PutAsJsonAsync("/api/v1/me/time-zone", new { timeZone = "Pacific/Auckland" })).EnsureSuccessStatusCode();
        var admin = await app.ClientAs(Role.Admin, name: "admin-kiri");
        (await admin.PutAsJsonAsync("/api/v1/me/time-zone", new { timeZone = "Pacific/Auckland" })).EnsureSuccessStatusCode();
        (
            await app.WithDb(db =>
                AddUser.Execute(
                    new AddUserRequest("analyst-wu", null, nameof(Role.Analyst), null, null, "right-password-1", false, "test"),
                    Actor.System,
                    db,
                    app.Clock,
                    CancellationToken.None
                )
            )
        ).Errors.ShouldBeEmpty();
        // Five wrong passwords at 12:30 UTC lock the account for 15 minutes: until 01:45 on 3 March in Auckland.
        var browser = SignInForm.Browser(app);
        for (var i = 0; i < 5; i++)
        {
            await SignInForm.Post(browser, "analyst-wu", "wrong");
        }

        var home = await border.Agency.GetStringAsync("/");
        var accounts = await admin.GetStringAsync("/admin/accounts");
        var account = await admin.GetStringAsync("/admin/accounts/analyst-wu");

        home.ShouldContain("TZ-1");
        home.ShouldContain("2026-03-03 01:30 NZDT", customMessage: "the case's lodging, on the agency officer's home");
        home.ShouldNotContain("12:30 UTC");
        accounts.ShouldContain("Locked until 2026-03-03 01:45 NZDT");
        account.ShouldContain("Locked until 2026-03-03 01:45 NZDT");
        account.ShouldNotContain("12:45 UTC");
    }

    [Fact]
    public async Task The_dashboard_opens_on_the_programmes_month_under_way_not_the_utc_month()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var analyst = await app.ClientAs(Role.Analyst);
        // 20:00 UTC on 31 March is 04:00 on 1 April in Taipei: the programme's month under way is April.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 31, 20, 0, 0, TimeSpan.Zero));
        var page = await analyst.GetStringAsync("/insights");
        page.ShouldContain("""name="to" value="2026-04" """.TrimEnd());
        page.ShouldContain("""name="from" value="2025-05" """.TrimEnd());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_trader_sets_only_its_own_zone_and_a_zone_the_database_does_not_know_is_refused(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        await RegisteredOperator.Register(officer, "TW62626262");
        var kiri = await app.ClientAs(Role.Trader, "TW62626262", name: "trader-kiri");
        await app.ClientAs(Role.Trader, "TW62626262", name: "trader-wu");

        var refused = await kiri.PutAsJsonAsync("/api/v1/me/time-zone", new { timeZone = "Mars/Olympus_Mons" });
        var own = await kiri.PutAsJsonAsync("/api/v1/me/time-zone", new { timeZone = "America/Los_Angeles" });
        var other = await app.WithDb(db =>
            ChangeTimeZone.Execute(
                "trader-wu",
                new TimeZoneRequest("Pacific/Auckland"),
                new Actor("trader-kiri", Role.Trader, "TW62626262", null),
                db,
                "TW",
                app.Clock,
                CancellationToken.None
            )
        );

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Read<Problem>()).For("timeZone")[0].ShouldContain("IANA");
        (await own.Read<TimeZoneResponse>(200)).TimeZone.ShouldBe("America/Los_Angeles");
        other.Errors.ShouldHaveSingleItem().Code.ShouldBe("forbidden");
        var zones = await app.WithDb(db =>
            db.Users().Where(u => u.Name.StartsWith("trader-")).OrderBy(u => u.Name).Select(u => new { u.Name, u.TimeZone }).ToListAsync()
        );
        zones.Select(z => $"{z.Name}={z.TimeZone}").ShouldBe(["trader-kiri=America/Los_Angeles", "trader-wu="]);
    }

    [Fact]
    public async Task An_administrator_gives_a_new_account_its_zone_on_the_command_line()
    {
        await using var app = OpenAeoApp.OnSqlite();

        var added = await app.Cli(
            "users",
            "add",
            "--name",
            "analyst-la",
            "--role",
            "Analyst",
            "--password",
            "a-long-password-1",
            "--time-zone",
            "America/Los_Angeles"
        );
        var refused = await app.Cli(
            "users",
            "add",
            "--name",
            "analyst-x",
            "--role",
            "Analyst",
            "--password",
            "a-long-password-1",
            "--time-zone",
            "Los Angeles"
        );

        added.Exit.ShouldBe(0, added.Error);
        refused.Exit.ShouldBe(1);
        refused.Error.ShouldContain("timeZone");
        var zones = await app.WithDb(db =>
            db.Users().Where(u => u.Name.StartsWith("analyst-")).Select(u => u.Name + "=" + u.TimeZone).ToListAsync()
        );
        zones.ShouldBe(["analyst-la=America/Los_Angeles"]);
    }
}
