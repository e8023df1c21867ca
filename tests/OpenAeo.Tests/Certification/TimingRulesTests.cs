namespace OpenAeo.Tests.Certification;

public class Renewal_is_offered_in_its_window
{
    [Fact]
    public async Task A_certificate_granted_today_offers_no_renewal_and_the_window_opens_180_days_before_its_end_in_the_programmes_day()
    {
        await using var app = OpenAeoApp.OnSqlite("MX");
        var mexico = await Applicant.Register(app, "MX5");
        var id = await mexico.Validated();
        var certificateId = (await mexico.ByOfficer($"/api/v1/applications/{id}/grant", new { })).Decision.CertificateId;

        var page = await mexico.Trader.GetStringAsync($"/certificates/{certificateId}");
        var refused = await mexico.Trader.PostAsync($"/api/v1/certificates/{certificateId}/renewal", null);

        page.ShouldNotContain("Start renewal");
        page.ShouldContain("Renewal opens on 3 September 2027.");
        using var inSpanish = new HttpRequestMessage(HttpMethod.Get, $"/certificates/{certificateId}")
        {
            Headers = { { "Accept-Language", "es-MX" } },
        };
        var spanish = WebUtility.HtmlDecode(await (await mexico.Trader.SendAsync(inSpanish)).Content.ReadAsStringAsync());
        spanish.ShouldContain("La renovación se abre el 3 de septiembre de 2027.");
        spanish.ShouldNotContain("Iniciar la renovación");
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Read<Problem>()).Detail.ShouldBe(
            "Certificate MX-AEO-2026-000001 is valid until 2028-03-01; its renewal opens on 2027-09-03, 180 days before."
        );

        // 21:00 on 2 September in Mexico City is already 3 September in UTC: still closed there.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 9, 2, 21, 0, 0, TimeSpan.FromHours(-6)).ToUniversalTime());
        (await mexico.Trader.PostAsync($"/api/v1/certificates/{certificateId}/renewal", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await mexico.Trader.GetStringAsync($"/certificates/{certificateId}")).ShouldNotContain("Start renewal");

        app.Clock.SetUtcNow(new DateTimeOffset(2027, 9, 3, 0, 30, 0, TimeSpan.FromHours(-6)).ToUniversalTime());
        (await mexico.Trader.GetStringAsync($"/certificates/{certificateId}")).ShouldContain("Start renewal");
        var opened = await mexico.Trader.PostAsync($"/api/v1/certificates/{certificateId}/renewal", null);
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_indefinite_certificate_has_nothing_to_renew()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var taipei = await Applicant.Register(app, "TW5");
        var id = await taipei.Validated();
        var certificateId = (await taipei.ByOfficer($"/api/v1/applications/{id}/grant", new { })).Decision.CertificateId;
        app.Clock.SetUtcNow(new DateTimeOffset(2036, 3, 2, 12, 0, 0, TimeSpan.Zero));

        var refused = await taipei.Trader.PostAsync($"/api/v1/certificates/{certificateId}/renewal", null);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Read<Problem>()).Detail!.ShouldContain("valid indefinitely");
        var page = await taipei.Trader.GetStringAsync($"/certificates/{certificateId}");
        page.ShouldNotContain("Start renewal");
        page.ShouldNotContain("Renewal opens");
    }
}

public class A_visit_is_reported_once_it_has_happened
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_report_for_a_visit_planned_in_the_future_is_refused_until_its_day_in_the_programmes_time_zone(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW8");
        var id = await applicant.UnderReview();
        var planned = await applicant.ByOfficer($"/api/v1/applications/{id}/visits", new { plannedFor = "2026-03-10", mode = "OnSite" });
        var visit = planned.Visits[0].Id;
        var report = VisitReport.CargoSecurity("Met", null, "Premises, seals and CCTV inspected.");

        var early = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/visits/{visit}/report", report);

        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.Read<Problem>()).Detail!.ShouldContain("planned for 2026-03-10");
        var unchanged = await applicant.Get(id);
        unchanged.State.ShouldBe(planned.State);
        unchanged.Visits[0].Status.ShouldBe("Planned");
        var page = await applicant.Officer.GetStringAsync($"/applications/{id}");
        page.ShouldContain("its report can be recorded from that day on");
        page.ShouldNotContain("Record the report");

        // 23:30 on 9 March in Taipei (UTC+8) is 15:30 UTC: not the visit's day yet.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 23, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        (await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/visits/{visit}/report", report)).StatusCode.ShouldBe(
            HttpStatusCode.Conflict
        );

        // 00:30 on 10 March in Taipei is still 9 March in UTC: the visit's day has come.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 0, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        (await applicant.Officer.GetStringAsync($"/applications/{id}")).ShouldContain("Record the report");
        var reported = await applicant.ByOfficer($"/api/v1/applications/{id}/visits/{visit}/report", report);
        reported.State.ShouldBe("Validated");
    }

    [Fact]
    public async Task A_partner_visit_performed_in_the_future_is_not_recognised()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var applicant = await Applicant.Register(app, "TW8");
        await A_partner_visit_is_recognised_only_under_an_MRA_in_force.WithJapan(app);
        var id = await applicant.UnderReview();

        var future = await applicant.Officer.PostAsJsonAsync(
            $"/api/v1/applications/{id}/visits/partner",
            new
            {
                partnerEconomy = "JP",
                reference = "JP-V-1",
                performedOn = "2026-03-20",
                report = "Validated under the TW-JP MRA.",
                certificateNumber = A_partner_visit_is_recognised_only_under_an_MRA_in_force.JapaneseCertificate,
            }
        );

        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await future.Read<Problem>()).For("performedOn")[0]!.ShouldContain("2026-03-20 is after today");
    }
}
