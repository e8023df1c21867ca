using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Tests.Certification;

/// <summary>Issue 13 item 4: a prior-consultation request without an account, accepted with a one-time invitation or declined.</summary>
public class A_prospect
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static ProspectDetails Details(params DateOnly[] dates) =>
        new(
            Builders.ParseTin("TW12345678"),
            "Formosa Tools Ltd",
            "Mei Lin",
            "mei@formosa.example",
            "+886 2 1234 5678",
            dates.Length > 0 ? dates : [Today.AddDays(3)],
            null,
            OperatorRoles.Exporter,
            35,
            null,
            "Machine tools",
            "CARGO-1:n,COMP-1:y"
        );

    private static Prospect Requested() => Builders.Succeeded(Prospect.Request("TW", "TW", "PC-TEST0001", Details(), Today, Builders.Now));

    [Fact]
    public void Is_requested_with_contact_and_days_and_keeps_the_self_check_in_its_canonical_form()
    {
        var p = Builders.Succeeded(
            Prospect.Request(
                "TW",
                "TW",
                "PC-TEST0001",
                Details(Today.AddDays(9), Today.AddDays(2), Today.AddDays(2)) with
                {
                    SelfCheckAnswers = "comp-1:Y,CARGO-1:n,junk",
                },
                Today,
                Builders.Now
            )
        );
        p.Status.ShouldBe(ProspectStatus.New);
        p.PreferredDates.ShouldBe([Today.AddDays(2), Today.AddDays(9)]);
        p.SelfCheckAnswers.ShouldBe("CARGO-1:n,COMP-1:y");
    }

    [Fact]
    public void Refuses_a_missing_contact_a_bad_email_a_foreign_tin_and_days_in_the_past_or_too_far_by_field()
    {
        var refused = Prospect.Request(
            "TW",
            "TW",
            "PC-X",
            Details(Today, Today.AddDays(181)) with
            {
                ContactName = " ",
                Email = "mei@",
                Tin = Builders.ParseTin("NZ1234567"),
            },
            Today,
            Builders.Now
        );
        refused.IsOk.ShouldBeFalse();
        refused
            .Errors.Select(e => e.Field)
            .ShouldBe(["contactName", "email", "preferredDates", "preferredDates", "tin"], ignoreOrder: true);

        Prospect.Request("TW", "TW", "PC-X", Details(Today.AddDays(1), Today.AddDays(180)), Today, Builders.Now).IsOk.ShouldBeTrue();
        Prospect.Request("TW", "TW", "PC-X", Details() with { Email = "a b@c.de" }, Today, Builders.Now).IsOk.ShouldBeFalse();
    }

    [Fact]
    public void Is_accepted_once_with_an_invitation_that_works_until_it_expires_and_only_once()
    {
        var p = Requested();
        p.Accept("manager", "hash-1", Builders.Now).ShouldBeNull();
        p.Accept("manager2", "hash-2", Builders.Now).ShouldNotBeNull().Code.ShouldBe("prospect.transition");
        p.InvitationExpiresAt.ShouldBe(Builders.Now + Prospect.InvitationValidity);

        p.CheckInvitation("wrong", Builders.Now).ShouldNotBeNull().Code.ShouldBe("not-found");
        p.CheckInvitation("hash-1", Builders.Now + Prospect.InvitationValidity).ShouldNotBeNull().Code.ShouldBe("prospect.expired");

        p.Reissue("manager", "hash-3", Builders.Now.AddDays(20)).ShouldBeNull();
        p.CheckInvitation("hash-1", Builders.Now.AddDays(20)).ShouldNotBeNull().Code.ShouldBe("not-found");

        p.Join("hash-3", "formosa", Builders.Now.AddDays(21)).ShouldBeNull();
        p.Status.ShouldBe(ProspectStatus.Joined);
        p.JoinedAs.ShouldBe("formosa");
        p.Join("hash-3", "again", Builders.Now.AddDays(21)).ShouldNotBeNull().Code.ShouldBe("not-found");
    }

    [Fact]
    public void Is_declined_only_with_a_reason_and_only_while_new()
    {
        var p = Requested();
        p.Decline("manager", " ", Builders.Now).ShouldNotBeNull().Field.ShouldBe("reason");
        p.Decline("manager", "Your company is not in the programme's economy.", Builders.Now).ShouldBeNull();
        p.Status.ShouldBe(ProspectStatus.Declined);
        p.Accept("manager", "h", Builders.Now).ShouldNotBeNull();
        p.Reissue("manager", "h", Builders.Now).ShouldNotBeNull();
    }
}
