using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Tests.Certification;

public class Renewal_window
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly From = new(2026, 3, 2);

    private static Certificate Issue(int? years) =>
        Certificate
            .Issue("MX-AEO-1", "MX", Tin.Parse("MX1").Value, null, [], From, new ValidityPolicy(years).ValidUntil(From), 1, Now, "officer")
            .Value!;

    [Fact]
    public void Opens_180_days_before_the_last_valid_day_and_stays_open_after_expiry()
    {
        var c = Issue(2);

        c.RenewalOpensOn.ShouldBe(new DateOnly(2027, 9, 3));
        c.RenewalRefusal(From)!
            .Message.ShouldBe("Certificate MX-AEO-1 is valid until 2028-03-01; its renewal opens on 2027-09-03, 180 days before.");
        c.RenewalRefusal(new DateOnly(2027, 9, 2)).ShouldNotBeNull();
        c.RenewalRefusal(new DateOnly(2027, 9, 3)).ShouldBeNull();
        c.ExpireIfDue(new DateOnly(2028, 3, 2), Now);
        c.RenewalRefusal(new DateOnly(2028, 4, 1)).ShouldBeNull();
    }

    [Fact]
    public void An_indefinite_or_revoked_certificate_has_none()
    {
        var indefinite = Issue(null);
        var revoked = Issue(2);
        revoked.Revoke("fraud", From, Now, "officer");

        indefinite.RenewalOpensOn.ShouldBeNull();
        indefinite.RenewalRefusal(new DateOnly(2040, 1, 1))!.Code.ShouldBe("certificate.transition");
        revoked.RenewalOpensOn.ShouldBeNull();
        revoked.RenewalRefusal(new DateOnly(2027, 12, 1))!.Message.ShouldContain("was revoked");
    }
}

public class Visits_and_requests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly HashSet<string> Groups = ["Cargo security"];
    private static readonly Finding[] Met = [new("Cargo security", FindingRating.Met, null)];

    [Fact]
    public void A_visit_is_reported_on_its_day_or_later_never_before()
    {
        var visit = ValidationVisit.Plan(1, Today.AddDays(3), VisitMode.OnSite, "officer", Today).Value!;

        var early = visit.Complete(Met, "seen", Groups, Today.AddDays(2), Now);
        early!.Code.ShouldBe("visit.not-ready");
        early.Message.ShouldBe("The visit is planned for 2026-03-05; its report can be recorded from that day on, not today (2026-03-04).");
        visit.Status.ShouldBe(VisitStatus.Planned);
        visit.Complete(Met, "seen", Groups, Today.AddDays(3), Now).ShouldBeNull();
        visit.Status.ShouldBe(VisitStatus.Completed);
    }

    [Fact]
    public void A_visit_planned_in_the_past_or_a_partner_visit_in_the_future_says_which_date_is_wrong()
    {
        ValidationVisit
            .Plan(1, Today.AddDays(-1), VisitMode.OnSite, "officer", Today)
            .Errors[0]
            .Message.ShouldBe("A visit must be planned for today (2026-03-02) or later; 2026-03-01 has passed.");
        ValidationVisit
            .RecognisePartner(
                1,
                "JP",
                "JP-1",
                Today.AddDays(1),
                "ok",
                "officer",
                Today,
                Now,
                new OpenAeo.Domain.MutualRecognition.PartnerCertificateLink(
                    "JP",
                    OpenAeo.Domain.Tests.Builders.ParseTin("JP1234567890123"),
                    "JP-AEO-1",
                    "MRA-1",
                    0
                )
            )
            .Errors[0]
            .Message.ShouldBe("Only a visit already performed is recognised; 2026-03-03 is after today (2026-03-02).");
    }

    [Theory]
    [InlineData(-3, "The due date must be after today (2026-03-02); 2026-02-27 is in the past.")]
    [InlineData(0, "The due date must be after today (2026-03-02); 2026-03-02 is today.")]
    public void A_request_due_today_or_earlier_says_the_date_must_be_after_today(int days, string message)
    {
        var refused = InformationRequest.Create(1, "Name your CCTV provider.", Today.AddDays(days), Today, Now, "officer");

        refused.Errors.ShouldHaveSingleItem().Message.ShouldBe(message);
        InformationRequest.Create(1, "Name your CCTV provider.", Today.AddDays(1), Today, Now, "officer").IsOk.ShouldBeTrue();
    }
}
