using OpenAeo.Domain.Certification;

namespace OpenAeo.Domain.Tests.Certification;

public class An_improvement_plan
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static ImprovementAction Filed(string group = "Cargo security", int visitId = 7, FindingRating rating = FindingRating.NotMet) =>
        Builders.Succeeded(
            ImprovementAction.File(
                1,
                ImprovementSource.Finding,
                group,
                visitId,
                rating,
                "Log every seal number at loading",
                "Warehouse supervisor",
                Today.AddDays(60),
                Today,
                Builders.Now,
                "trader"
            )
        );

    [Fact]
    public void An_action_says_what_who_and_by_when_and_is_due_from_today_to_three_years_ahead()
    {
        var errors = ImprovementAction
            .File(1, ImprovementSource.OutcomeAnswer, "Q1", null, null, " ", "", Today.AddDays(-1), Today, Builders.Now, "trader")
            .Errors;

        errors.Select(e => e.Field).ShouldBe(["what", "who", "dueOn"]);
        ImprovementAction
            .File(
                1,
                ImprovementSource.OutcomeAnswer,
                "Q1",
                null,
                null,
                "x",
                "y",
                Today.AddDays(ImprovementAction.MaxDueDays + 1),
                Today,
                Builders.Now,
                "t"
            )
            .Errors.ShouldHaveSingleItem()
            .Field.ShouldBe("dueOn");
        ImprovementAction
            .File(1, ImprovementSource.OutcomeAnswer, "Q1", null, null, "x", "y", Today, Today, Builders.Now, "t")
            .IsOk.ShouldBeTrue();
    }

    [Fact]
    public void A_Met_finding_needs_no_action()
    {
        ImprovementAction
            .File(1, ImprovementSource.Finding, "Cargo security", 7, FindingRating.Met, "x", "y", Today, Today, Builders.Now, "t")
            .Errors.ShouldHaveSingleItem()
            .Code.ShouldBe("improvement.source");
    }

    [Fact]
    public void The_officer_accepts_the_plan_then_the_completion_and_a_reopening_needs_the_plan_accepted_again()
    {
        var action = Filed();
        action.Resolves.ShouldBeFalse("a plan no officer accepted resolves nothing");

        action.Accept(Builders.Now, "officer").ShouldBeNull();
        (action.Status, action.Resolves).ShouldBe((ImprovementStatus.Accepted, true));

        action.Complete(null, null, Today, Builders.Now).ShouldNotBeNull().Code.ShouldBe("improvement.evidence");
        action.Complete("Seal log since 1 March, signed daily", null, Today, Builders.Now).ShouldBeNull();
        (action.Status, action.Resolves).ShouldBe((ImprovementStatus.Completed, true));

        action.Accept(Builders.Now, "officer").ShouldBeNull();
        action.Status.ShouldBe(ImprovementStatus.Closed);
        action.Complete("again", null, Today, Builders.Now).ShouldNotBeNull().Code.ShouldBe("improvement.closed");

        action.Reopen(" ", Builders.Now, "officer").ShouldNotBeNull().Field.ShouldBe("reason");
        action.Reopen("The log has gaps in week 2", Builders.Now, "officer").ShouldBeNull();
        (action.Status, action.Resolves, action.ReopenReason).ShouldBe((ImprovementStatus.Reopened, false, "The log has gaps in week 2"));
        action.Reopen("again", Builders.Now, "officer").ShouldNotBeNull().Code.ShouldBe("improvement.transition");
    }

    [Fact]
    public void A_completion_before_the_plan_was_accepted_resolves_only_once_the_officer_accepts_it()
    {
        var action = Filed();
        action.Complete(null, 12, Today, Builders.Now).ShouldBeNull();

        action.Resolves.ShouldBeFalse();
        action.Accept(Builders.Now, "officer").ShouldBeNull();
        action.Resolves.ShouldBeTrue();
    }

    [Fact]
    public void An_action_is_overdue_after_its_due_day_until_it_is_completed()
    {
        var action = Filed();

        action.IsOverdue(Today.AddDays(60)).ShouldBeFalse();
        action.IsOverdue(Today.AddDays(61)).ShouldBeTrue();
        action.Complete("done", null, Today.AddDays(61), Builders.Now);
        action.IsOverdue(Today.AddDays(61)).ShouldBeFalse();
    }

    [Fact]
    public void Blocking_findings_are_the_latest_visits_NotMet_findings_without_an_accepted_action()
    {
        var findings = new[]
        {
            new VisitFinding(3, new Finding("Records", FindingRating.NotMet, null)),
            new VisitFinding(7, new Finding("Cargo security", FindingRating.NotMet, null)),
            new VisitFinding(7, new Finding("Personnel security", FindingRating.NotMet, null)),
            new VisitFinding(7, new Finding("Premises", FindingRating.PartlyMet, null)),
        };
        var accepted = Filed("personnel security");
        accepted.Accept(Builders.Now, "officer");
        var onlyFiled = Filed("Cargo security");
        var earlierVisit = Filed("Cargo security", visitId: 3);
        earlierVisit.Accept(Builders.Now, "officer");

        ImprovementPlans.BlockingFindings(findings, [accepted, onlyFiled, earlierVisit]).ShouldBe(["Cargo security (NotMet)"]);
        onlyFiled.Accept(Builders.Now, "officer");
        ImprovementPlans.BlockingFindings(findings, [accepted, onlyFiled]).ShouldBeEmpty();
        ImprovementPlans.BlockingFindings([], [accepted]).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Side.Applicant, Side.Applicant, ApplicationState.Validated, null)]
    [InlineData(Side.Customs, Side.Customs, ApplicationState.UnderReview, null)]
    [InlineData(Side.Customs, Side.Applicant, ApplicationState.Validated, "improvement.side")]
    [InlineData(Side.Applicant, Side.Customs, ApplicationState.Validated, "improvement.side")]
    [InlineData(Side.Applicant, Side.Applicant, ApplicationState.Rejected, "application.closed")]
    [InlineData(Side.Customs, Side.Customs, ApplicationState.Withdrawn, "application.closed")]
    public void Is_filed_and_completed_by_the_applicant_accepted_by_customs_and_closed_with_its_application(
        Side acting,
        Side required,
        ApplicationState state,
        string? refusal
    ) => (ImprovementPlans.MayAct(acting, required, state)?.Code).ShouldBe(refusal);
}
