using OpenAeo.Domain.Certification;

namespace OpenAeo.Domain.Tests.Certification;

public class Who_on_the_customs_side_is_told
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    private static ApplicationEvent Event(int minute, string actor, Side side, string action) =>
        new(
            new DateTimeOffset(2026, 3, 2, 9, minute, 0, TimeSpan.Zero),
            Day,
            actor,
            side,
            action,
            null,
            ApplicationState.UnderReview,
            true,
            null
        );

    [Theory]
    [InlineData(ApplicationAction.Submit, ApplicantMove.Submitted)]
    [InlineData(ApplicationAction.AnswerInformation, ApplicantMove.InformationAnswered)]
    [InlineData(ApplicationAction.ProposePause, ApplicantMove.PauseProposed)]
    [InlineData(ApplicationAction.AcceptPause, ApplicantMove.PauseAccepted)]
    [InlineData(ApplicationAction.DeclinePause, ApplicantMove.PauseDeclined)]
    [InlineData(ApplicationAction.RespondToNotice, ApplicantMove.NoticeAnswered)]
    public void The_applicants_moves_that_hand_the_next_step_to_customs_are_told(ApplicationAction action, ApplicantMove move)
    {
        OfficerNotices.Of(action, Side.Applicant).ShouldBe(move);
        OfficerNotices.Of(action, Side.Customs).ShouldBeNull();
        OfficerNotices.Of(action, Side.System).ShouldBeNull();
    }

    [Fact]
    public void A_withdrawal_or_a_consultation_request_tells_nobody_and_customs_is_never_told_of_its_own_moves()
    {
        OfficerNotices.Of(ApplicationAction.Withdraw, Side.Applicant).ShouldBeNull();
        OfficerNotices.Of(ApplicationAction.RequestConsultation, Side.Applicant).ShouldBeNull();
        OfficerNotices.Of(ApplicationAction.AcceptPause, Side.Customs).ShouldBeNull();
    }

    [Fact]
    public void The_account_manager_and_the_handling_officer_are_told_each_once_the_manager_first()
    {
        OfficerNotices.Audiences("am-lin", "po-chen", "TW").ShouldBe(["user:am-lin", "user:po-chen"]);
        OfficerNotices.Audiences("am-lin", "am-lin", "TW").ShouldBe(["user:am-lin"]);
        OfficerNotices.Audiences(null, "po-chen", "TW").ShouldBe(["user:po-chen"]);
    }

    [Fact]
    public void An_application_that_names_nobody_tells_its_programmes_officers()
    {
        OfficerNotices.Audiences(null, null, "TW").ShouldBe(["role:ProgrammeOfficer:TW"]);
        OfficerNotices.Audiences("", null, "MX").ShouldBe(["role:ProgrammeOfficer:MX"]);
    }

    [Fact]
    public void The_handling_officer_is_whoever_last_acted_for_customs_not_the_applicant_or_a_job()
    {
        var history = new[]
        {
            Event(1, "trader-1", Side.Applicant, "submit"),
            Event(2, "po-chen", Side.Customs, "startreview"),
            Event(3, "po-wu", Side.Customs, "requestinformation"),
            Event(4, "system", Side.System, "lapse"),
            Event(5, "trader-1", Side.Applicant, "answerinformation"),
        };

        OfficerNotices.HandlingOfficer(history).ShouldBe("po-wu");
        OfficerNotices.HandlingOfficer(history.Take(1)).ShouldBeNull();
    }

    [Fact]
    public void The_subject_names_the_application_and_what_the_applicant_did()
    {
        OfficerNotices
            .Subject(ApplicantMove.PauseDeclined, "TW-2026-000042")
            .ShouldBe("Application TW-2026-000042: the applicant refused the proposed pause");
        Enum.GetValues<ApplicantMove>()
            .Select(m => OfficerNotices.Subject(m, "R"))
            .Distinct()
            .Count()
            .ShouldBe(Enum.GetValues<ApplicantMove>().Length);
    }
}
