using OpenAeo.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Certification;

public class Decisions_and_certificates
{
    [Fact]
    public async Task A_rejected_application_carries_its_coded_reasons_and_text()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var applicant = await Applicant.Register(app, "TW7");
        var id = (await applicant.Start("Standard")).Id;
        await applicant.FillAll(id);
        await applicant.ByTrader($"/api/v1/applications/{id}/submission");
        await applicant.ByOfficer($"/api/v1/applications/{id}/review");

        await applicant.ByOfficer(
            $"/api/v1/applications/{id}/notice-of-intent",
            new { reasons = new[] { "SECURITY" }, text = "Seal control missing." }
        );
        await applicant.ByTrader($"/api/v1/applications/{id}/notice-of-intent/response", new { text = "We will fix it." });
        var unknownCode = await applicant.Officer.PostAsJsonAsync(
            $"/api/v1/applications/{id}/rejection",
            new { reasons = new[] { "FOO" }, text = "no" }
        );
        var rejected = await applicant.ByOfficer(
            $"/api/v1/applications/{id}/rejection",
            new { reasons = new[] { "security", "NO-RESPONSE" }, text = "Seal control missing." }
        );

        unknownCode.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownCode.Content.ReadAsStringAsync()).ShouldContain("SECURITY");
        rejected.State.ShouldBe("Rejected");
        rejected.Decision.RejectionCodes.ShouldBe(["SECURITY", "NO-RESPONSE"]);
        rejected.Decision.Text!.ShouldStartWith("Seal control missing.");
        var afterwards = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/grant", new { });
        afterwards.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await applicant.Trader.GetItemsAsync<NotificationResponse>("/api/v1/notifications"))!.ShouldContain(n =>
            n.Body!.StartsWith("Seal control missing.\n\nThe response")
        );
    }

    [Fact]
    public async Task A_two_year_Mexican_certificate_expires_on_its_date_and_a_Chinese_Taipei_one_does_not()
    {
        // Each administration certifies for its own economy: a Mexican node and a Chinese Taipei node, on the same days.
        await using var app = OpenAeoApp.OnSqlite("MX");
        await using var taipeiNode = OpenAeoApp.OnSqlite();
        var mexico = await Applicant.Register(app, "MX1");
        var taipei = await Applicant.Register(taipeiNode, "TW1");
        var mx = await mexico.Validated();
        var tw = await taipei.Validated();
        var mxCertificate = (await mexico.ByOfficer($"/api/v1/applications/{mx}/grant", new { })).Decision.CertificateId;
        await taipei.ByOfficer($"/api/v1/applications/{tw}/grant", new { });
        var issued = await mexico.Trader.Get<CertificateResponse>($"/api/v1/certificates/{mxCertificate}");
        issued.ValidFrom.ShouldBe(new DateOnly(2026, 3, 2));
        issued.ValidUntil.ShouldBe(new DateOnly(2028, 3, 1));

        app.Clock.SetUtcNow(new DateTimeOffset(2028, 3, 1, 23, 0, 0, TimeSpan.FromHours(-6))); // the last valid day in Mexico City
        (await app.Cli("certification", "jobs")).Output.ShouldContain("0 expired");
        (await mexico.Trader.Get<CertificateResponse>($"/api/v1/certificates/{mxCertificate}")).Status.ShouldBe("Active");

        app.Clock.SetUtcNow(new DateTimeOffset(2028, 3, 2, 1, 0, 0, TimeSpan.FromHours(-6)));
        taipeiNode.Clock.SetUtcNow(app.Clock.GetUtcNow());
        var (exit, output, _) = await app.Cli("certification", "jobs");

        exit.ShouldBe(0);
        output.ShouldContain("1 expired");
        (await taipeiNode.Cli("certification", "jobs")).Output.ShouldContain("0 expired");
        var expired = await mexico.Trader.Get<CertificateResponse>($"/api/v1/certificates/{mxCertificate}");
        expired.Status.ShouldBe("Expired");
        expired.Events[^1].EffectiveOn.ShouldBe(new DateOnly(2028, 3, 2));
        (await taipei.Trader.GetItemsAsync<CertificateResponse>($"/api/v1/certificates?tin=TW1"))!.Single().Status.ShouldBe("Active");
        var reminders = (await mexico.Trader.GetItemsAsync<NotificationResponse>("/api/v1/notifications"))!.Select(n => n.Subject).ToList();
        reminders.ShouldContain(s => s!.Contains("expires on 2028-03-01"));
        reminders.ShouldContain(s => s!.Contains("has expired"));
        (await app.Cli("certification", "jobs")).Output.ShouldContain(
            "0 expired, 0 expiry reminders",
            customMessage: "the jobs are idempotent"
        );
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Suspension_reinstatement_and_revocation_follow_the_contract(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW9");
        var id = await applicant.Validated();
        await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { });
        var certificate = (await applicant.Officer.GetItemsAsync<CertificateResponse>("/api/v1/certificates?tin=tw-9"))!.Single();
        var certificateId = certificate.Id;
        certificate.Number.ShouldStartWith("TW-AEO-2026-");

        var byTrader = await applicant.Trader.PostAsJsonAsync(
            $"/api/v1/certificates/{certificateId}/suspension",
            new { reason = "x", effectiveFrom = "2026-03-02" }
        );
        var suspended = await applicant.ByOfficer<CertificateResponse>(
            $"/api/v1/certificates/{certificateId}/suspension",
            new { reason = "Seal tampering under investigation", effectiveFrom = "2026-03-02" }
        );
        var again = await applicant.Officer.PostAsJsonAsync(
            $"/api/v1/certificates/{certificateId}/suspension",
            new { reason = "again", effectiveFrom = "2026-03-02" }
        );
        var future = await applicant.Officer.PostAsJsonAsync($"/api/v1/certificates/{certificateId}/reinstatement", new { });
        await applicant.ByOfficer<CertificateResponse>(
            $"/api/v1/certificates/{certificateId}/notice-of-intent",
            new { reason = "Fraud suspected" }
        );
        await applicant.ByTrader<CertificateResponse>(
            $"/api/v1/certificates/{certificateId}/notice-of-intent/response",
            new { text = "We contest it." }
        );
        var revoked = await applicant.ByOfficer<CertificateResponse>(
            $"/api/v1/certificates/{certificateId}/revocation",
            new { reason = "Fraud confirmed" }
        );
        var reinstateRevoked = await applicant.Officer.PostAsJsonAsync($"/api/v1/certificates/{certificateId}/reinstatement", new { });

        byTrader.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        suspended.Status.ShouldBe("Suspended");
        suspended.StatusReason.ShouldBe("Seal tampering under investigation");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        again.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        future.StatusCode.ShouldBe(HttpStatusCode.OK);
        revoked.Status.ShouldBe("Revoked");
        reinstateRevoked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        revoked.Events.Select(e => e.Event).ShouldBe(["Granted", "Suspended", "Reinstated", "Revoked"]);
    }

    [Fact]
    public async Task A_suspension_in_the_future_is_refused()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var applicant = await Applicant.Register(app, "TW9");
        var id = await applicant.Validated();
        var certificateId = (await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { })).Decision.CertificateId;

        var response = await applicant.Officer.PostAsJsonAsync(
            $"/api/v1/certificates/{certificateId}/suspension",
            new { reason = "later", effectiveFrom = "2026-04-01" }
        );

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Read<Problem>()).For("effectiveFrom").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_renewal_opens_a_new_application_linked_to_the_certificate()
    {
        await using var app = OpenAeoApp.OnSqlite("MX");
        var applicant = await Applicant.Register(app, "MX5");
        var id = await applicant.Validated();
        var certificateId = (await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { })).Decision.CertificateId;
        // in the renewal window of a certificate valid until 2028-03-01
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 10, 1, 12, 0, 0, TimeSpan.Zero));

        var renewal = await applicant.Trader.PostAsync($"/api/v1/certificates/{certificateId}/renewal", null);

        renewal.StatusCode.ShouldBe(HttpStatusCode.Created);
        var opened = await renewal.Read<ApplicationResponse>();
        opened.RenewalOfCertificateId.ShouldBe(certificateId);
        opened.State.ShouldBe("Draft");
        (await applicant.Trader.PostAsync($"/api/v1/certificates/{certificateId}/renewal", null)).StatusCode.ShouldBe(
            HttpStatusCode.Conflict
        );
    }

    [Fact]
    public async Task A_programme_with_tiers_grants_in_one_of_its_tiers()
    {
        await using var app = OpenAeoApp.OnSqlite("CN");
        var applicant = await Applicant.Register(app, "CN1");
        var id = await applicant.Validated();

        var withoutTier = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/grant", new { });
        var granted = await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { tier = "General Certified Enterprise" });

        withoutTier.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await withoutTier.Content.ReadAsStringAsync()).ShouldContain("Advanced Certified Enterprise");
        var certificate = await applicant.Trader.Get<CertificateResponse>($"/api/v1/certificates/{granted.Decision.CertificateId}");
        certificate.Tier.ShouldBe("General Certified Enterprise");
    }
}

public class Who_may_see_and_act_on_applications
{
    [Fact]
    public async Task A_trader_cannot_see_another_operators_application_or_act_for_customs()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var mine = await Applicant.Register(app, "TW1");
        var other = await Applicant.Register(app, "TW2", officer: mine.Officer);
        var id = (await mine.Start("Standard")).Id;
        var analyst = await app.ClientAs(Role.Analyst);

        (await other.Trader.GetAsync($"/api/v1/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Trader.PostAsJsonAsync($"/api/v1/applications/{id}/withdrawal", new { reason = "x" })).StatusCode.ShouldBe(
            HttpStatusCode.NotFound
        );
        (await other.Trader.GetItemsAsync<ApplicationSummary>("/api/v1/applications"))!.ShouldBeEmpty();
        (await other.Trader.GetAsync($"/api/v1/applications/{id}/documents/1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await mine.Trader.PostAsJsonAsync($"/api/v1/applications/{id}/review", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await mine.Trader.GetAsync("/api/v1/applications/queue")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await analyst.GetAsync($"/api/v1/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await analyst.PostAsJsonAsync($"/api/v1/applications/{id}/review", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await mine.Officer.PutAsJsonAsync($"/api/v1/applications/{id}/answers/COMP-1", new { text = "x" })).StatusCode.ShouldBe(
            HttpStatusCode.Forbidden
        );
        (await app.Anonymous().GetAsync($"/api/v1/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_queue_puts_overdue_applications_first_then_orders_by_due_date()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var early = await Applicant.Register(app, "TW1");
        var late = await Applicant.Register(app, "TW2", officer: early.Officer);
        var draft = await Applicant.Register(app, "TW3", officer: early.Officer);
        var first = (await early.Start("Sme")).Id;
        await early.FillAll(first);
        await early.ByTrader($"/api/v1/applications/{first}/submission");
        app.Clock.Advance(TimeSpan.FromDays(120)); // past the SME limit of 60 business days
        var second = (await late.Start("Standard")).Id;
        await late.FillAll(second);
        await late.ByTrader($"/api/v1/applications/{second}/submission");
        await draft.Start("Standard");

        var queue = (await early.Officer.GetItemsAsync<ApplicationSummary>("/api/v1/applications/queue"))!;

        queue.Select(a => a.Id).ShouldBe([first, second], "drafts are the applicant's, not in customs' queue");
        queue[0].Clock.Overdue.ShouldBeTrue();
        queue[1].Clock.Overdue.ShouldBeFalse();
        queue[1].Clock.DueDate.ShouldNotBeNull();
    }

    [Fact]
    public async Task Tracks_are_for_the_operators_they_were_made_for()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var large = await Applicant.Register(app, "TW1", employees: 5000);
        var exporter = await Applicant.Register(app, "TW2", officer: large.Officer);
        (
            await large.Officer.PutAsJsonAsync("/api/v1/programmes/TW", new { tracks = new[] { "Standard", "Sme", "Ecommerce" } })
        ).StatusCode.ShouldBe(HttpStatusCode.OK);

        var smeForLarge = await large.Trader.PostAsJsonAsync("/api/v1/applications", new { track = "Sme" });
        var ecommerceForExporter = await exporter.Trader.PostAsJsonAsync("/api/v1/applications", new { track = "Ecommerce" });
        var standard = await large.Trader.PostAsJsonAsync("/api/v1/applications", new { track = "Standard" });
        var twice = await large.Trader.PostAsJsonAsync("/api/v1/applications", new { track = "Standard" });

        smeForLarge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await smeForLarge.Content.ReadAsStringAsync()).ShouldContain("SME track");
        ecommerceForExporter.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        standard.StatusCode.ShouldBe(HttpStatusCode.Created);
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
