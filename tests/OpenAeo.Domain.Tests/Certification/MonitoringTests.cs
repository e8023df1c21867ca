using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Tests.Certification;

public class Monitoring_after_the_grant
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly BusinessCalendar Weekdays = Builders.Calendar([DayOfWeek.Saturday, DayOfWeek.Sunday]);
    private static readonly ChangeAnswer No = new(false, null);
    private static readonly SelfReviewAnswers NothingChanged = new(No, No, No, No, No, Declared: true);

    private static Certificate Issue(DateOnly from, int? years = null) =>
        Certificate
            .Issue(
                "TW-AEO-1",
                "TW",
                Tin.Parse("TW12345678").Value,
                null,
                [],
                from,
                new ValidityPolicy(years).ValidUntil(from),
                1,
                Now,
                "officer"
            )
            .Value!;

    private static readonly MonitoringTrigger Discrepancy = new(
        TriggerSource.BorderDiscrepancy,
        "Undeclared goods",
        "declaration:D-1",
        new DateOnly(2026, 5, 4),
        "border"
    );

    /// <summary>The triggered reassessment a border discrepancy opens, due on 1 June 2026.</summary>
    private static Reassessment OpenedByDiscrepancy(Certificate certificate) =>
        Monitoring.Trigger(certificate, null, ReassessmentKind.Triggered, Discrepancy, new DateOnly(2026, 6, 1), Now)!;

    [Fact]
    public void The_self_review_is_due_on_each_anniversary_of_the_grant_across_years()
    {
        var from = new DateOnly(2026, 6, 15);

        Monitoring.NextSelfReviewDue(from, null).ShouldBe(new DateOnly(2027, 6, 15));
        Monitoring.NextSelfReviewDue(from, new DateOnly(2027, 6, 15)).ShouldBe(new DateOnly(2028, 6, 15));
        Monitoring.NextSelfReviewDue(from, new DateOnly(2029, 6, 15)).ShouldBe(new DateOnly(2030, 6, 15));
        Monitoring.CertificateYearStart(from, new DateOnly(2027, 6, 15)).ShouldBe(from);
        Monitoring.CertificateYearStart(from, new DateOnly(2029, 6, 15)).ShouldBe(new DateOnly(2028, 6, 15));
    }

    [Fact]
    public void A_leap_day_grant_is_reviewed_on_1_March_in_common_years_and_on_29_February_in_leap_years()
    {
        var from = new DateOnly(2028, 2, 29);

        Monitoring.NextSelfReviewDue(from, null).ShouldBe(new DateOnly(2029, 3, 1));
        Monitoring.NextSelfReviewDue(from, new DateOnly(2031, 3, 1)).ShouldBe(new DateOnly(2032, 2, 29));
        Monitoring.CertificateYearStart(from, new DateOnly(2032, 2, 29)).ShouldBe(new DateOnly(2031, 3, 1));
    }

    [Fact]
    public void The_local_day_decides_when_a_review_is_overdue_where_Taipei_is_a_day_ahead_of_UTC()
    {
        var taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
        var certificate = Issue(new DateOnly(2026, 3, 2));
        var plan = Monitoring.Plan(certificate, certificate.ValidFrom, null, null, null, MonitoringPolicy.Default, Weekdays);

        // 16:30 UTC on the anniversary is 00:30 the next day in Taipei: the review is overdue there, not yet in UTC.
        var instant = new DateTimeOffset(2027, 3, 2, 16, 30, 0, TimeSpan.Zero);
        plan.SelfReviewDue.ShouldBe(new DateOnly(2027, 3, 2));
        plan.SelfReviewOverdue(CalendarDays.DayOf(instant, taipei)).ShouldBeTrue();
        plan.SelfReviewOverdue(DateOnly.FromDateTime(instant.UtcDateTime)).ShouldBeFalse();
        plan.SelfReviewRemindFrom.ShouldBe(new DateOnly(2027, 1, 31));
        plan.SelfReviewInWindow(new DateOnly(2027, 1, 30)).ShouldBeFalse();
        plan.SelfReviewInWindow(new DateOnly(2027, 1, 31)).ShouldBeTrue();
    }

    [Fact]
    public void A_self_review_covers_the_certificate_year_it_is_done_in_and_the_next_one_waits_for_its_year()
    {
        var certificate = Issue(new DateOnly(2026, 3, 2));

        var first = Builders.Succeeded(
            SelfReview.Submit(certificate, null, certificate.ValidFrom, NothingChanged, new DateOnly(2026, 3, 2), Now, "trader")
        );
        first.DueOn.ShouldBe(new DateOnly(2027, 3, 2));

        var again = SelfReview.Submit(
            certificate,
            first.DueOn,
            certificate.ValidFrom,
            NothingChanged,
            new DateOnly(2026, 9, 1),
            Now,
            "trader"
        );
        again.Errors.Single().Code.ShouldBe("self-review.not-open");
        again.Errors.Single().Message.ShouldContain("2027-03-02");

        var late = Builders.Succeeded(
            SelfReview.Submit(certificate, first.DueOn, certificate.ValidFrom, NothingChanged, new DateOnly(2028, 4, 1), Now, "trader")
        );
        late.DueOn.ShouldBe(new DateOnly(2028, 3, 2));
    }

    [Fact]
    public void A_certificate_imported_years_after_its_grant_is_not_asked_for_the_years_before_it_was_recorded()
    {
        var certificate = Issue(new DateOnly(2015, 3, 2));
        var recorded = new DateOnly(2026, 6, 1);

        var plan = Monitoring.Plan(certificate, recorded, null, null, null, MonitoringPolicy.Default, Weekdays);

        plan.SelfReviewDue.ShouldBe(new DateOnly(2027, 3, 2));
        plan.SelfReviewOpensOn.ShouldBe(new DateOnly(2026, 3, 2));
        // Every 3 years from the grant: 2018, 2021, 2024, then 2027 (2 March 2027 is a Tuesday).
        plan.PeriodicReassessmentDue.ShouldBe(new DateOnly(2027, 3, 2));
        Builders
            .Succeeded(SelfReview.Submit(certificate, null, recorded, NothingChanged, recorded, Now, "trader"))
            .DueOn.ShouldBe(new DateOnly(2027, 3, 2));
    }

    [Fact]
    public void A_change_needs_its_details_and_the_answers_need_the_declaration()
    {
        var certificate = Issue(new DateOnly(2026, 3, 2));
        var answers = NothingChanged with { Premises = new ChangeAnswer(true, " "), Declared = false };

        var refused = SelfReview.Submit(certificate, null, certificate.ValidFrom, answers, new DateOnly(2026, 5, 1), Now, "trader");

        refused.Errors.Select(e => e.Field).ShouldBe(["premises", "declared"]);
        (NothingChanged with { Ownership = new ChangeAnswer(true, "Merged into a new company") }).ChangesTheHolder.ShouldBeTrue();
        NothingChanged.ChangesTheHolder.ShouldBeFalse();
    }

    [Fact]
    public void A_revoked_certificate_has_no_self_review_and_no_plan()
    {
        var certificate = Issue(new DateOnly(2026, 3, 2));
        certificate.Revoke("fraud", new DateOnly(2026, 4, 1), Now, "officer");

        SelfReview
            .Submit(certificate, null, certificate.ValidFrom, NothingChanged, new DateOnly(2026, 5, 1), Now, "trader")
            .Errors.Single()
            .Code.ShouldBe("self-review.closed");
        Monitoring
            .Plan(certificate, certificate.ValidFrom, null, null, null, MonitoringPolicy.Default, Weekdays)
            .SelfReviewDue.ShouldBeNull();
    }

    [Fact]
    public void Periodic_reassessment_falls_N_years_after_the_grant_or_the_last_one_on_a_business_day()
    {
        var calendar = Builders.Calendar([DayOfWeek.Saturday, DayOfWeek.Sunday], dated: [new DateOnly(2029, 3, 5)]);
        var from = new DateOnly(2026, 3, 3);

        // 2029-03-03 is a Saturday and Monday 5 March a holiday: Tuesday.
        Monitoring.PeriodicDue(from, null, null, from, MonitoringPolicy.Default, calendar).ShouldBe(new DateOnly(2029, 3, 6));
        Monitoring
            .PeriodicDue(from, null, new DateOnly(2027, 11, 10), from, MonitoringPolicy.Default, calendar)
            .ShouldBe(new DateOnly(2030, 11, 11));
        Monitoring.PeriodicDue(from, null, null, from, MonitoringPolicy.Default with { ReassessmentYears = 0 }, calendar).ShouldBeNull();
    }

    [Fact]
    public void A_fixed_term_certificate_that_ends_first_is_reassessed_by_its_renewal()
    {
        var from = new DateOnly(2026, 3, 2);

        Monitoring.PeriodicDue(from, new ValidityPolicy(3).ValidUntil(from), null, from, MonitoringPolicy.Default, Weekdays).ShouldBeNull();
        Monitoring
            .PeriodicDue(from, new ValidityPolicy(5).ValidUntil(from), null, from, MonitoringPolicy.Default, Weekdays)
            .ShouldBe(new DateOnly(2029, 3, 2));
    }

    [Fact]
    public void A_triggered_reassessment_is_due_in_business_days_skipping_holidays()
    {
        var calendar = Builders.Calendar([DayOfWeek.Saturday, DayOfWeek.Sunday], dated: [new DateOnly(2026, 3, 4)]);

        // Monday 2 March + 3 business days, Wednesday a holiday: Tuesday, Thursday, Friday.
        Monitoring
            .TriggeredDue(new DateOnly(2026, 3, 2), MonitoringPolicy.Default with { TriggeredReassessmentDays = 3 }, calendar)
            .ShouldBe(new DateOnly(2026, 3, 6));
    }

    [Fact]
    public void A_second_trigger_joins_the_open_reassessment_and_brings_its_due_day_forward_never_back()
    {
        var certificate = Issue(new DateOnly(2026, 3, 2));
        var open = OpenedByDiscrepancy(certificate);

        var suspension = Discrepancy with { Source = TriggerSource.Suspension, Reason = "Suspended" };
        Monitoring.Trigger(certificate, open, ReassessmentKind.Triggered, suspension, new DateOnly(2026, 5, 20), Now).ShouldBeSameAs(open);
        Monitoring.Trigger(certificate, open, ReassessmentKind.Triggered, suspension, new DateOnly(2026, 7, 1), Now);

        open.Triggers.Select(t => t.Source).ShouldBe([TriggerSource.BorderDiscrepancy, TriggerSource.Suspension, TriggerSource.Suspension]);
        open.DueOn.ShouldBe(new DateOnly(2026, 5, 20));
    }

    [Fact]
    public void A_trigger_for_a_revoked_holder_opens_nothing()
    {
        var certificate = Issue(new DateOnly(2026, 3, 2));
        certificate.Revoke("fraud", new DateOnly(2026, 4, 1), Now, "officer");

        Monitoring
            .Trigger(
                certificate,
                null,
                ReassessmentKind.Triggered,
                new MonitoringTrigger(TriggerSource.BorderDiscrepancy, "x", "declaration:D-1", new DateOnly(2026, 5, 4), "border"),
                new DateOnly(2026, 6, 1),
                Now
            )
            .ShouldBeNull();
    }

    [Fact]
    public void Revoking_the_certificate_closes_its_open_reassessment_on_the_day_of_the_revocation()
    {
        var certificate = Issue(new DateOnly(2026, 3, 2));
        var open = OpenedByDiscrepancy(certificate);
        var revokedOn = new DateOnly(2026, 5, 12);

        Monitoring.CloseOnRevocation(certificate, open, revokedOn, Now, "officer2").ShouldBeNull();
        open.IsOpen.ShouldBeTrue();

        certificate.Revoke("fraud", revokedOn, Now, "officer");
        Monitoring.CloseOnRevocation(certificate, open, revokedOn, Now, "officer2").ShouldBeSameAs(open);

        open.IsOpen.ShouldBeFalse();
        (open.Outcome, open.DecidedOn, open.DecidedBy).ShouldBe((MonitoringOutcome.CertificateRevoked, revokedOn, "officer2"));
        open.OutcomeReason.ShouldBe("Closed: certificate TW-AEO-1 revoked on 2026-05-12.");
        Monitoring.CloseOnRevocation(certificate, open, revokedOn.AddDays(1), Now, "officer3").ShouldBeNull();
        open.DecidedOn.ShouldBe(revokedOn);
        Monitoring.CloseOnRevocation(certificate, null, revokedOn, Now, "officer2").ShouldBeNull();
    }

    [Fact]
    public void An_officer_cannot_record_the_revocations_closing_as_an_outcome()
    {
        var certificate = Issue(new DateOnly(2026, 3, 2));
        var open = Monitoring.Trigger(
            certificate,
            null,
            ReassessmentKind.Manual,
            new MonitoringTrigger(TriggerSource.Officer, "Tip-off", "officer", new DateOnly(2026, 5, 4), "officer"),
            new DateOnly(2026, 6, 1),
            Now
        )!;

        open.Decide(MonitoringOutcome.CertificateRevoked, "closing it", new DateOnly(2026, 5, 5), Now, "officer")!
            .Code.ShouldBe("monitoring.outcome");
        open.IsOpen.ShouldBeTrue();
        Monitoring.OfficerOutcomes.ShouldNotContain(MonitoringOutcome.CertificateRevoked);
    }

    [Fact]
    public void An_outcome_states_its_reasons_and_is_recorded_once()
    {
        var certificate = Issue(new DateOnly(2026, 3, 2));
        var review = Builders.Succeeded(
            SelfReview.Submit(certificate, null, certificate.ValidFrom, NothingChanged, new DateOnly(2026, 3, 2), Now, "trader")
        );

        review.Decide(MonitoringOutcome.Confirmed, " ", Now, "officer")!.Code.ShouldBe("monitoring.reason");
        review.Decide((MonitoringOutcome)9, "x", Now, "officer")!.Code.ShouldBe("monitoring.outcome");
        review.Decide(MonitoringOutcome.ImprovementPlan, "Seal log to digitise", Now, "officer").ShouldBeNull();
        review.Decide(MonitoringOutcome.Confirmed, "again", Now, "officer2")!.Code.ShouldBe("monitoring.decided");
        (review.Outcome, review.OutcomeReason, review.DecidedBy).ShouldBe(
            (MonitoringOutcome.ImprovementPlan, "Seal log to digitise", "officer")
        );

        var reassessment = Reassessment.Open(
            certificate.Id,
            ReassessmentKind.Manual,
            new DateOnly(2026, 4, 1),
            new MonitoringTrigger(TriggerSource.Officer, "Spot check", "officer", new DateOnly(2026, 3, 3), "officer"),
            Now
        );
        reassessment.Decide(MonitoringOutcome.Confirmed, "All in order", new DateOnly(2026, 3, 20), Now, "officer").ShouldBeNull();
        reassessment.IsOpen.ShouldBeFalse();
        reassessment.DecidedOn.ShouldBe(new DateOnly(2026, 3, 20));
    }

    [Fact]
    public void The_programme_refuses_monitoring_rules_out_of_range_and_keeps_its_own()
    {
        var programme = Builders.Succeeded(Programme.Create(Builders.ValidProgramme()));

        programme
            .ChangeMonitoringRules(new MonitoringPolicy(0, 11, 0))
            .Select(e => e.Field)
            .ShouldBe(["selfReviewWindowDays", "reassessmentYears", "triggeredReassessmentDays"]);
        programme.Monitoring.ShouldBe(MonitoringPolicy.Default);
        programme.ChangeMonitoringRules(new MonitoringPolicy(60, 0, 10)).ShouldBeEmpty();
        programme.Monitoring.ShouldBe(new MonitoringPolicy(60, 0, 10));
    }

    [Fact]
    public void An_officer_opens_a_reassessment_with_a_reason_and_a_due_day_after_the_programmes_today()
    {
        var today = new DateOnly(2026, 3, 3);

        Monitoring.ManualRefusal(" ", null, today)!.Field.ShouldBe("reason");
        Monitoring.ManualRefusal("New owner", today, today)!.Field.ShouldBe("dueOn");
        Monitoring.ManualRefusal("New owner", today.AddDays(-1), today)!.Code.ShouldBe("reassessment.due");
        Monitoring.ManualRefusal("New owner", today.AddDays(1), today).ShouldBeNull();
        Monitoring.ManualRefusal("New owner", null, today).ShouldBeNull();
    }
}
