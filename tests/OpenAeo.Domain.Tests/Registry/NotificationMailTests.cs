using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Tests.Registry;

public class A_notification_is_mailed_to_those_who_read_it_and_chose_its_kind
{
    private static readonly NotificationChoices SubmissionsByMail = new("lin@customs.example.tw", [NotificationKind.Submitted]);

    private static readonly MailReader Lin = new("lin", Role.ProgrammeOfficer, null, SubmissionsByMail);
    private static readonly MailReader Wu = new("wu", Role.ProgrammeOfficer, null, NotificationChoices.Default);
    private static readonly MailReader Chen = new(
        "chen",
        Role.AccountManager,
        null,
        new("chen@customs.example.tw", [NotificationKind.Submitted])
    );
    private static readonly MailReader Trader = new("ops", Role.Trader, "12345678", new("ops@acme.example.tw", [NotificationKind.Notices]));

    [Fact]
    public void Programme_officers_who_chose_the_kind_get_it_the_others_and_other_roles_do_not()
    {
        MailReader[] readers = [Lin, Wu, Chen, Trader];

        NotificationMail
            .To(Audience.ForProgrammeOfficers("AEO-TW"), NotificationKind.Submitted, readers)
            .ShouldBe(["lin@customs.example.tw"]);
        NotificationMail.To(Audience.ForProgrammeOfficers("AEO-TW"), NotificationKind.Pause, readers).ShouldBeEmpty();
        NotificationMail.To(Audience.ForUser("chen"), NotificationKind.Submitted, readers).ShouldBe(["chen@customs.example.tw"]);
    }

    [Fact]
    public void An_operators_notice_goes_to_its_traders_only_and_an_address_given_twice_gets_one_mail()
    {
        var colleague = Trader with { Name = "ops2", Choices = new("OPS@acme.example.tw", [NotificationKind.Notices]) };
        var otherOperator = Trader with
        {
            Name = "other",
            OperatorTin = "87654321",
            Choices = new("x@other.example.tw", [NotificationKind.Notices]),
        };

        NotificationMail
            .To(Audience.ForOperator("12345678"), NotificationKind.Notices, [Trader, colleague, otherOperator, Lin])
            .ShouldBe(["ops@acme.example.tw"]);
        NotificationMail.Reaches(Audience.ForOperator("12345678"), Trader with { Role = Role.Analyst }).ShouldBeFalse();
    }
}
