using OpenAeo.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Certification;

public class An_SME_application_from_consultation_to_certificate
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_clock_excludes_exactly_the_paused_and_waiting_business_days_across_a_holiday(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW42424242", employees: 40);
        await app.ClientAs(Role.AccountManager, name: "am-lin");
        // Holidays on Tuesday 10 March (inside the pause) and Monday 23 March (while the clock runs).
        (
            await applicant.Officer.PutAsJsonAsync(
                "/api/v1/programmes/TW",
                new { holidays = new[] { "2026-03-10", "2026-03-23" }, reason = "2026 calendar" }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.OK);

        applicant.TaipeiDay(2026, 3, 2); // Monday
        var started = await applicant.Start("Sme");
        var id = started.Id;
        started.State.ShouldBe("Draft");
        started.Reference.ShouldBe("TW-2026-000001");
        var consulted = await applicant.ByTrader(
            $"/api/v1/applications/{id}/consultation",
            new { association = "Taipei SME Export Association", reason = "first AEO application" }
        );
        consulted.State.ShouldBe("PriorConsultation");
        consulted.AccountManager.ShouldBe("am-lin");
        consulted.OnBehalfOf.ShouldBe("Taipei SME Export Association");
        consulted.Readiness.Count.ShouldBeGreaterThan(0);
        await applicant.FillAll(id);
        (await applicant.Get(id)).Readiness.Count.ShouldBe(0);

        applicant.TaipeiDay(2026, 3, 3); // Tuesday: the clock starts
        await applicant.ByTrader($"/api/v1/applications/{id}/submission");
        applicant.TaipeiDay(2026, 3, 4);
        await applicant.ByOfficer($"/api/v1/applications/{id}/review");

        applicant.TaipeiDay(2026, 3, 6); // Friday: paused after Tue, Wed, Thu = 3 days
        var proposed = await applicant.ByTrader(
            $"/api/v1/applications/{id}/pause-proposal",
            new { resumeBy = "2026-03-16", reason = "installing CCTV" }
        );
        proposed.PendingPause!.ProposedBy.ShouldBe("Applicant");
        var paused = await applicant.ByOfficer($"/api/v1/applications/{id}/pause-proposal/acceptance");
        paused.State.ShouldBe("Paused");
        paused.Clock.Running.ShouldBeFalse();
        paused.Clock.UsedDays.ShouldBe(3);
        paused.Answers.Count.ShouldBe((await applicant.Questions(id)).Length, "a paused application keeps every answer");

        applicant.TaipeiDay(2026, 3, 12); // Thursday: resumed; Fri 6, Mon 9, Wed 11 not counted (Tue 10 is a holiday)
        (await applicant.ByTrader($"/api/v1/applications/{id}/resumption")).State.ShouldBe("UnderReview");

        applicant.TaipeiDay(2026, 3, 16); // Monday: information requested after Thu 12, Fri 13 = 2 more days
        var asked = await applicant.ByOfficer(
            $"/api/v1/applications/{id}/information-requests",
            new { question = "Name your CCTV provider.", dueOn = "2026-03-20" }
        );
        asked.State.ShouldBe("InformationRequested");
        asked.Clock.UsedDays.ShouldBe(5);
        asked.Clock.LimitDays.ShouldBe(60 + 30);
        var request = asked.InformationRequests[0].Id;

        applicant.TaipeiDay(2026, 3, 19); // Thursday: answered; Mon 16, Tue 17, Wed 18 were the applicant's
        var answered = await applicant.ByTrader(
            $"/api/v1/applications/{id}/information-requests/{request}/answer",
            new { answer = "SecureGuard Services, contract until 2028." }
        );
        answered.State.ShouldBe("UnderReview");

        applicant.TaipeiDay(2026, 3, 20);
        var planned = await applicant.ByOfficer($"/api/v1/applications/{id}/visits", new { plannedFor = "2026-03-24", mode = "OnSite" });
        var visit = planned.Visits[0].Id;
        applicant.TaipeiDay(2026, 3, 24);
        await applicant.ByOfficer(
            $"/api/v1/applications/{id}/visits/{visit}/report",
            new
            {
                findings = new[]
                {
                    new
                    {
                        group = "Premises security",
                        rating = "Met",
                        note = "CCTV by SecureGuard",
                    },
                    new
                    {
                        group = "Cargo security",
                        rating = "PartlyMet",
                        note = "seal log on paper",
                    },
                },
                report = "Site meets the standard; seal log to be digitised.",
            }
        );

        applicant.TaipeiDay(2026, 3, 25); // Wednesday: Thu 19, Fri 20, Tue 24 ran (Mon 23 a holiday)
        var beforeGrant = await applicant.Get(id);
        beforeGrant.State.ShouldBe("Validated");
        beforeGrant.Clock.UsedDays.ShouldBe(3 + 2 + 3);
        beforeGrant.Clock.DaysLeft.ShouldBe(90 - 8);
        var granted = await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { text = "All criteria met." });

        granted.State.ShouldBe("Granted");
        granted.Clock.UsedDays.ShouldBe(8);
        granted.Clock.Running.ShouldBeFalse();
        var number = granted.Decision.CertificateNumber;
        number.ShouldBe("TW-AEO-2026-000001");
        var events = granted.Events.Select(e => (e.Action, e.ClockRuns)).ToList();
        events.ShouldBe([
            ("Started", false),
            ("RequestConsultation", false),
            ("Submit", true),
            ("StartReview", true),
            ("ProposePause", true),
            ("AcceptPause", false),
            ("Resume", true),
            ("RequestInformation", false),
            ("AnswerInformation", true),
            ("PlanValidation", true),
            ("CompleteValidation", true),
            ("Grant", false),
        ]);

        var certificates = await applicant.Trader.GetItemsAsync<CertificateResponse>($"/api/v1/certificates?tin={applicant.Tin}");
        var certificate = certificates.ShouldHaveSingleItem();
        certificate.Number.ShouldBe(number);
        certificate.Status.ShouldBe("Active");
        certificate.ValidFrom.ShouldBe(new DateOnly(2026, 3, 25));
        certificate.ValidUntil.ShouldBeNull();
    }
}
