using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Tests.Registry;

public class Each_person_chooses_what_comes_by_e_mail
{
    [Fact]
    public void Chosen_kinds_come_by_e_mail_to_the_given_address_the_others_stay_in_the_application()
    {
        var chosen = NotificationChoices.Decide(" lin@customs.example.tw ", ["informationAnswered", "Pause", "Pause"]).Value!;

        chosen.Email.ShouldBe("lin@customs.example.tw");
        chosen.ByMail.ShouldBe([NotificationKind.InformationAnswered, NotificationKind.Pause]);
        chosen.Mails(NotificationKind.Pause).ShouldBeTrue();
        chosen.Mails(NotificationKind.Submitted).ShouldBeFalse();
        NotificationChoices.Default.Mails(NotificationKind.Notices).ShouldBeFalse();
    }

    [Theory]
    [InlineData("lin")]
    [InlineData("lin@localhost")]
    [InlineData("Lin <lin@customs.example.tw>")]
    [InlineData("lin@customs.example.tw, wu@customs.example.tw")]
    [InlineData("lin @customs.example.tw")]
    public void An_address_that_is_not_one_mailbox_is_refused_on_its_field(string email)
    {
        var refused = NotificationChoices.Decide(email, []);

        refused.Errors.ShouldHaveSingleItem().Field.ShouldBe("email");
    }

    [Fact]
    public void An_unknown_kind_is_refused_naming_the_catalogue_and_mail_without_an_address_is_refused()
    {
        var unknown = NotificationChoices.Decide("lin@customs.example.tw", ["Gossip", "3"]);
        var nowhere = NotificationChoices.Decide("  ", ["Reminders"]);

        unknown.Errors.Count.ShouldBe(2);
        unknown.Errors.ShouldAllBe(e => e.Field == "byMail");
        unknown.Errors[0].Message.ShouldContain("InformationAnswered");
        nowhere.Errors.ShouldHaveSingleItem().Message.ShouldBe("Give an e-mail address to receive notifications by e-mail.");
        var none = NotificationChoices.Decide("", null).Value!;
        none.Email.ShouldBeNull();
        none.ByMail.ShouldBeEmpty();
    }
}
