using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;
using OpenAeo.Tests.Clearance;

namespace OpenAeo.Tests.Certification;

/// <summary>Issue 14, item 6 (ADR 0040): life after the grant through the API, the jobs and the certificate page.</summary>
public sealed class Monitoring_after_the_grant
{
    private static async Task<T> Ok<T>(Task<HttpResponseMessage> call) => await (await call).Read<T>(200);

    private static async Task<MonitoringResponse> Ok(Task<HttpResponseMessage> call) => await Ok<MonitoringResponse>(call);

    private static async Task<Problem> Problem(Task<HttpResponseMessage> call, HttpStatusCode status) =>
        await (await call).Read<Problem>((int)status);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_holder_does_its_annual_self_review_an_officer_asks_for_a_plan_and_the_jobs_remind_then_flag_it_overdue(
        string provider
    )
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW20000001");
        var application = await applicant.Validated("Sme");
        var id = (await applicant.ByOfficer($"/api/v1/applications/{application}/grant", new { })).Decision.CertificateId;
        var route = $"/api/v1/certificates/{id}";

        var plan = await Ok(applicant.Trader.GetAsync($"{route}/monitoring"));
        var validFrom = plan.Today;
        var due = Monitoring.Anniversary(validFrom, 1);
        plan.SelfReviewDue.ShouldBe(due);
        plan.SelfReviewOpensOn.ShouldBe(validFrom);
        plan.PeriodicReassessmentDue.ShouldNotBeNull();
        var stranger = (await Applicant.Register(app, "TW29999999", officer: applicant.Officer)).Trader;
        (await stranger.GetAsync($"{route}/monitoring")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await applicant.Officer.PostAsJsonAsync($"{route}/self-reviews", MonitoringBodies.NothingChanged)).StatusCode.ShouldBe(
            HttpStatusCode.Forbidden
        );

        var refused = await Problem(
            applicant.Trader.PostAsJsonAsync(
                $"{route}/self-reviews",
                new
                {
                    premisesChanged = true,
                    premises = " ",
                    declared = false,
                }
            ),
            HttpStatusCode.BadRequest
        );
        refused.Errors!.Keys.Order().ShouldBe(["declared", "premises"]);

        // The first year has begun on the grant day: the holder may do its review now (ADR 0040), once a year.
        var done = await Ok(
            applicant.Trader.PostAsJsonAsync(
                $"{route}/self-reviews",
                new
                {
                    premisesChanged = true,
                    premises = "Second warehouse in Taoyuan.",
                    partnersChanged = false,
                    declared = true,
                }
            )
        );
        var review = done.SelfReviews[0];
        review.DueOn.ShouldBe(due);
        review.Premises.Details.ShouldBe("Second warehouse in Taoyuan.");
        done.SelfReviewDue.ShouldBe(Monitoring.Anniversary(validFrom, 2));
        (
            await Problem(
                applicant.Trader.PostAsJsonAsync($"{route}/self-reviews", MonitoringBodies.NothingChanged),
                HttpStatusCode.Conflict
            )
        ).Detail!.ShouldContain($"can be done from {due:yyyy-MM-dd}");

        var reviewId = review.Id;
        (
            await applicant.Trader.PostAsJsonAsync(
                $"{route}/self-reviews/{reviewId}/outcome",
                new { outcome = "Confirmed", reason = "fine" }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var decided = await Ok(
            applicant.Officer.PostAsJsonAsync(
                $"{route}/self-reviews/{reviewId}/outcome",
                new { outcome = "ImprovementPlan", reason = "Extend the seal procedure to the new warehouse." }
            )
        );
        decided.SelfReviews[0].Outcome.ShouldBe("ImprovementPlan");
        (
            await Problem(
                applicant.Officer.PostAsJsonAsync(
                    $"{route}/self-reviews/{reviewId}/outcome",
                    new { outcome = "Confirmed", reason = "again" }
                ),
                HttpStatusCode.Conflict
            )
        ).Detail!.ShouldContain("already reviewed");

        // The improvement plan is the existing improvement actions, on the application that granted the certificate.
        var key = $"self-review:{reviewId}";
        var filed = await applicant.ByTrader(
            $"/api/v1/applications/{application}/improvement-actions",
            new
            {
                source = "Monitoring",
                key,
                what = "Seal log at the Taoyuan gate.",
                who = "Warehouse supervisor",
                dueOn = validFrom.AddDays(60),
            }
        );
        filed.ImprovementActions.ShouldContain(a => a.Key == key);
        (
            await applicant.Trader.PostAsJsonAsync(
                $"/api/v1/applications/{application}/improvement-actions",
                new
                {
                    source = "Monitoring",
                    key = "self-review:999999",
                    what = "x",
                    who = "y",
                    dueOn = validFrom.AddDays(60),
                }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (
            await app.WithDb(db =>
                db.AuditEntries().CountAsync(a => a.Action == "self-review.submitted" || a.Action == "self-review.decided")
            )
        ).ShouldBe(2);

        // 29 days before the second anniversary the window is open: one reminder, however often the jobs run.
        var second = Monitoring.Anniversary(validFrom, 2);
        var window = second.AddDays(-29);
        applicant.TaipeiDay(window.Year, window.Month, window.Day);
        var number = plan.Number;
        for (var run = 0; run < 2; run++)
        {
            await app.WithDb(db => CertificationJobs.RunOnce(db, app.Clock, CancellationToken.None));
        }

        (await app.WithDb(db => db.Notifications().CountAsync(n => n.Key == $"self-review:{number}:{second:yyyyMMdd}"))).ShouldBe(1);
        var queue = await Ok<MonitoringQueueResponse>(applicant.Officer.GetAsync("/api/v1/monitoring"));
        queue.Items.ShouldContain(i => i.CertificateId == id && i.Kind == "SelfReview" && !i.Overdue);

        // 16:30 UTC on the anniversary is 00:30 the day after in Taipei: overdue there, whatever the UTC day says.
        app.Clock.SetUtcNow(new DateTimeOffset(second.ToDateTime(new TimeOnly(16, 30)), TimeSpan.Zero));
        await app.WithDb(db => CertificationJobs.RunOnce(db, app.Clock, CancellationToken.None));
        (
            await app.WithDb(db => db.Notifications().CountAsync(n => n.Key.StartsWith($"self-review-overdue:{number}:")))
        ).ShouldBeGreaterThanOrEqualTo(2);
        var overdue = await Ok<MonitoringQueueResponse>(applicant.Officer.GetAsync("/api/v1/monitoring?overdueOnly=true"));
        overdue.Overdue.ShouldBe(1);
        overdue.Items.Single().CertificateId.ShouldBe(id!.Value);

        var page = WebUtility.HtmlDecode(await applicant.Trader.GetStringAsync($"/certificates/{id}"));
        page.ShouldContain("data-testid=\"monitoring\"");
        page.ShouldContain("Do your annual self-review");
        page.ShouldContain("overdue");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_Red_lane_discrepancy_makes_the_holder_due_for_reassessment_a_suspension_joins_it_and_an_officer_closes_it(
        string provider
    )
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        var office = await app.ClientAs(Role.ProgrammeOfficer);
        var id = await app.WithDb(db => db.Certificates().Where(c => c.Number == "TW-AEO-0001").Select(c => c.Id).SingleAsync());
        var route = $"/api/v1/certificates/{id}";

        // Ammunition is always examined; the examination finds what the declaration did not say.
        var declaration = await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter, hs: "93063000", reference: "RED-1"));
        declaration.Lane.ShouldBe("Red");
        var declarationId = declaration.Id;
        // A Red lane is examined first (the documentary check, if any, comes after the examination).
        declaration.Status.ShouldBe("AwaitingExamination");
        await border.Act(declarationId, "StartExamination");
        (await Ok(border.AeoTrader.GetAsync($"{route}/monitoring"))).OpenReassessment.ShouldBeNull();
        await border.Act(declarationId, "EndExamination", "Discrepancy", "Two undeclared cartons of cartridges.");

        var (programme, today) = await app.WithDb(async db =>
        {
            var p = await db.Programmes().AsNoTracking().SingleAsync(x => x.Code == "TW");
            return (p, ApplicationContext.LocalToday(p, app.Clock.GetUtcNow()));
        });
        var expectedDue = Monitoring.TriggeredDue(today, programme.Monitoring, programme.Calendar);
        var open = (await Ok(border.AeoTrader.GetAsync($"{route}/monitoring"))).OpenReassessment.ShouldNotBeNull();
        open.Kind.ShouldBe("Triggered");
        open.DueOn.ShouldBe(expectedDue);
        var trigger = open.Triggers.Single();
        (trigger.Source, trigger.Reason, trigger.Reference).ShouldBe(
            ("BorderDiscrepancy", "Two undeclared cartons of cartridges.", "declaration:RED-1")
        );
        (await border.OtherTrader.GetAsync($"{route}/monitoring")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A suspension is a further reason for the same reassessment, not a second one.
        await Ok<CertificateResponse>(
            office.PostAsJsonAsync($"{route}/suspension", new { reason = "Undeclared goods under investigation." })
        );
        var joined = (await Ok(office.GetAsync($"{route}/monitoring"))).OpenReassessment.ShouldNotBeNull();
        joined.Id.ShouldBe(open.Id);
        joined.Triggers.Select(t => t.Source).ShouldBe(["BorderDiscrepancy", "Suspension"]);
        var queue = await Ok<MonitoringQueueResponse>(office.GetAsync("/api/v1/monitoring"));
        queue.Items.ShouldContain(i => i.Kind == "Reassessment" && i.ItemId == joined.Id);
        (await border.AeoTrader.GetAsync("/api/v1/monitoring")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var reassessment = joined.Id;
        (
            await Problem(
                office.PostAsJsonAsync(
                    $"{route}/reassessments/{reassessment}/outcome",
                    new { outcome = "Suspension", reason = "Still under investigation." }
                ),
                HttpStatusCode.Conflict
            )
        ).Detail!.ShouldContain("is suspended");
        (
            await Problem(
                office.PostAsJsonAsync($"{route}/reassessments/{reassessment}/outcome", new { outcome = "Confirmed", reason = " " }),
                HttpStatusCode.BadRequest
            )
        )
            .Errors!.Keys.Single()
            .ShouldBe("reason");
        var closed = await Ok(
            office.PostAsJsonAsync(
                $"{route}/reassessments/{reassessment}/outcome",
                new { outcome = "Confirmed", reason = "A clerical error; procedures tightened." }
            )
        );
        closed.OpenReassessment.ShouldBeNull();
        closed.Reassessments[0].Outcome.ShouldBe("Confirmed");
        (await app.WithDb(db => db.AuditEntries().Where(a => a.Action.StartsWith("reassessment.")).Select(a => a.Action).ToListAsync()))
            .Order()
            .ShouldBe(["reassessment.decided", "reassessment.opened", "reassessment.triggered"]);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_legal_name_in_the_registry_makes_the_holder_due_for_reassessment_and_other_changes_do_not(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW20000003");
        var application = await applicant.Validated("Sme");
        var id = (await applicant.ByOfficer($"/api/v1/applications/{application}/grant", new { })).Decision.CertificateId;
        var route = $"/api/v1/certificates/{id}/monitoring";
        object Details(string name) =>
            new
            {
                tin = applicant.Tin,
                legalName = name,
                economy = "TW",
                roles = new[] { "Exporter", "Manufacturer" },
                employees = 41,
                consentToExchange = true,
                reason = "registry update",
            };

        // Registry names the rename; Certification, which registered for it (ADR 0049), opens the reassessment (ADR 0040).
        await Ok(applicant.Officer.PutAsJsonAsync($"/api/v1/operators/{applicant.Tin}", Details($"Operator {applicant.Tin}")));
        (await Ok(applicant.Officer.GetAsync(route))).OpenReassessment.ShouldBeNull();
        await Ok(applicant.Officer.PutAsJsonAsync($"/api/v1/operators/{applicant.Tin}", Details("Formosa Renamed Ltd")));
        var trigger = (await Ok(applicant.Officer.GetAsync(route))).OpenReassessment.ShouldNotBeNull().Triggers.Single();
        (trigger.Source, trigger.Reason, trigger.Reference).ShouldBe(
            ("Registry", $"Legal name changed from 'Operator {applicant.Tin}' to 'Formosa Renamed Ltd'", $"operator:{applicant.Tin}")
        );
    }
}
