using OpenAeo.Domain.Clearance;

namespace OpenAeo.Domain.Tests.Clearance;

public class Recording_a_border_step
{
    private static ClearanceState Red(params Milestone[] reached) =>
        new(Lane.Red, new HashSet<Milestone>([Milestone.Lodged, Milestone.LaneAssigned, .. reached]), []);

    private static readonly ClearanceState UnderExamination = Red(
        Milestone.DocumentaryCheckStarted,
        Milestone.DocumentaryCheckEnded,
        Milestone.ExaminationStarted
    );

    [Theory]
    [InlineData("fly")]
    [InlineData("")]
    [InlineData(null)]
    public void Names_an_action(string? action)
    {
        ClearanceSteps
            .Record(Red(), action, null, null, byTrader: false)
            .Errors.ShouldHaveSingleItem()
            .ShouldBe(
                new(
                    "declaration.action",
                    $"'{action}' is not an action; use one of StartDocumentaryCheck, EndDocumentaryCheck, "
                        + "StartExamination, EndExamination, Release, Deliver.",
                    "action"
                )
            );
    }

    [Theory]
    [InlineData("StartExamination", Milestone.ExaminationStarted)]
    [InlineData("startexamination", Milestone.ExaminationStarted)]
    public void Reads_the_action_in_any_case(string action, Milestone milestone)
    {
        ClearanceSteps
            .Record(Red(Milestone.DocumentaryCheckStarted, Milestone.DocumentaryCheckEnded), action, null, null, byTrader: false)
            .Value!.Milestone.ShouldBe(milestone);
    }

    [Theory]
    [InlineData(null, CheckResult.Compliant, "Compliant")]
    [InlineData("", CheckResult.Compliant, "Compliant")]
    [InlineData(" compliant ", CheckResult.Compliant, "Compliant")]
    public void A_check_without_a_result_is_compliant(string? result, CheckResult expected, string historyNote)
    {
        var recorded = ClearanceSteps.Record(UnderExamination, "EndExamination", result, null, byTrader: false).Value!;

        recorded.Milestone.ShouldBe(Milestone.ExaminationEnded);
        recorded.Result.ShouldBe(expected);
        recorded.HistoryNote.ShouldBe(historyNote);
        recorded.ReassessesHolders.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Discrepant")]
    [InlineData("0")]
    [InlineData("Compliant,Discrepancy")]
    public void The_result_is_compliant_or_discrepancy(string result)
    {
        ClearanceSteps
            .Record(UnderExamination, "EndExamination", result, "note", byTrader: false)
            .Errors.ShouldHaveSingleItem()
            .ShouldBe(new("declaration.result", "The result must be Compliant or Discrepancy.", "result"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_discrepancy_says_what_was_found(string? note)
    {
        ClearanceSteps
            .Record(UnderExamination, "EndExamination", "Discrepancy", note, byTrader: false)
            .Errors.ShouldHaveSingleItem()
            .ShouldBe(new("declaration.note", "A discrepancy needs a note saying what was found.", "note"));
    }

    [Fact]
    public void A_discrepancy_in_the_examination_reassesses_the_holders_and_one_in_the_paper_check_does_not()
    {
        var examined = ClearanceSteps
            .Record(UnderExamination, "EndExamination", "discrepancy", " 3 cartons short ", byTrader: false)
            .Value!;
        var checkedPapers = ClearanceSteps
            .Record(Red(Milestone.DocumentaryCheckStarted), "EndDocumentaryCheck", "Discrepancy", "wrong HS code", byTrader: false)
            .Value!;

        examined.Result.ShouldBe(CheckResult.Discrepancy);
        examined.Note.ShouldBe("3 cartons short");
        examined.HistoryNote.ShouldBe("Discrepancy: 3 cartons short");
        examined.ReassessesHolders.ShouldBeTrue();
        checkedPapers.Milestone.ShouldBe(Milestone.DocumentaryCheckEnded);
        checkedPapers.ReassessesHolders.ShouldBeFalse();
    }

    [Fact]
    public void Steps_other_than_the_end_of_a_check_carry_no_result()
    {
        var started = ClearanceSteps.Record(Red(), "StartDocumentaryCheck", "Discrepancy", "first look", byTrader: false).Value!;

        started.Result.ShouldBeNull();
        started.HistoryNote.ShouldBe("first look");
        ClearanceSteps.Record(Red(), "StartDocumentaryCheck", null, null, byTrader: false).Value!.HistoryNote.ShouldBeNull();
    }

    [Theory]
    [InlineData("Release", "forbidden")]
    [InlineData("EndExamination", "forbidden")]
    [InlineData("Deliver", null)]
    public void A_trader_records_only_delivery(string action, string? code)
    {
        var released = new ClearanceState(Lane.Green, new HashSet<Milestone> { Milestone.LaneAssigned, Milestone.Released }, []);

        var recorded = ClearanceSteps.Record(released, action, null, null, byTrader: true);

        if (code is null)
        {
            recorded.Value!.Milestone.ShouldBe(Milestone.Delivered);
        }
        else
        {
            recorded.Errors.ShouldHaveSingleItem().Code.ShouldBe(code);
        }
    }

    [Fact]
    public void The_order_of_work_still_applies()
    {
        ClearanceSteps
            .Record(Red(), "EndExamination", "Compliant", null, byTrader: false)
            .Errors.ShouldHaveSingleItem()
            .ShouldBe(new("declaration.transition", "The examination has not started."));
    }
}
