using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Tests.Certification;

public class Decisions_under_the_programme_rules
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DecisionRules Blocking = new(FindingsPolicy.Block, false, 30);
    private static readonly DecisionRules Conditional = new(FindingsPolicy.ConditionalGrant, false, 30);
    private static readonly DecisionRules FourEyes = new(FindingsPolicy.Block, true, 30);
    private static readonly ApplicationStatus Validated = new(ApplicationState.Validated);

    private static Result<ApplicationDecision> Do(
        ApplicationStatus status,
        ApplicationAction action,
        DecisionRules rules,
        string actor = "ann",
        Side side = Side.Customs,
        DateOnly? today = null,
        DateOnly? followUp = null,
        string? reason = "because"
    ) => ApplicationWorkflow.Decide(status, new ApplicationCommand(action, side, today ?? Today, null, reason, actor, rules, followUp));

    [Fact]
    public void Under_Block_a_grant_is_refused_while_a_NotMet_finding_has_no_accepted_plan_and_the_refusal_names_it()
    {
        var blocked = Validated with { BlockingFindings = ["Cargo security (NotMet)", "Personnel security (NotMet)"] };

        var refused = Do(blocked, ApplicationAction.Grant, Blocking);

        refused.Errors.ShouldHaveSingleItem().Code.ShouldBe("application.blocked");
        refused.Errors[0].Message.ShouldContain("Cargo security (NotMet)");
        refused.Errors[0].Message.ShouldContain("Personnel security (NotMet)");
        Do(Validated, ApplicationAction.Grant, Blocking).Value!.Next.State.ShouldBe(ApplicationState.Granted);
    }

    [Fact]
    public void Under_ConditionalGrant_a_grant_with_open_NotMet_findings_needs_a_follow_up_date_after_today()
    {
        var open = Validated with { BlockingFindings = ["Cargo security (NotMet)"] };

        Do(open, ApplicationAction.Grant, Conditional).Errors[0].Code.ShouldBe("application.follow-up");
        Do(open, ApplicationAction.Grant, Conditional, followUp: Today).Errors[0].Field.ShouldBe("followUpBy");
        var granted = Do(open, ApplicationAction.Grant, Conditional, followUp: Today.AddDays(90)).Value!;
        granted.Next.State.ShouldBe(ApplicationState.Granted);
        granted.Decided.ShouldBe(ApplicationAction.Grant);
    }

    [Fact]
    public void A_notice_of_intent_opens_a_response_period_of_the_programmes_days_and_stops_the_clock()
    {
        var notice = Do(Validated, ApplicationAction.NotifyIntentToReject, Blocking with { HearingDays = 14 }).Value!;

        notice.Next.State.ShouldBe(ApplicationState.IntentToReject);
        notice.Next.Hearing.ShouldBe(new Hearing(ApplicationState.Validated, Today, Today.AddDays(14), false));
        notice.ClockRuns.ShouldBeFalse("the applicant holds the file while it answers");
        Do(Validated, ApplicationAction.NotifyIntentToReject, Blocking, reason: " ").Errors[0].Code.ShouldBe("application.reason");
        Do(new ApplicationStatus(ApplicationState.Draft), ApplicationAction.NotifyIntentToReject, Blocking)
            .Errors[0]
            .Code.ShouldBe("application.transition");
    }

    [Fact]
    public void A_rejection_without_a_notice_is_refused_and_names_the_hearing()
    {
        foreach (
            var state in new[]
            {
                ApplicationState.UnderReview,
                ApplicationState.InformationRequested,
                ApplicationState.ValidationPlanned,
                ApplicationState.Validated,
            }
        )
        {
            Do(new ApplicationStatus(state, OpenInformationRequests: 1), ApplicationAction.Reject, Blocking)
                .Errors[0]
                .Code.ShouldBe("application.not-heard");
        }
    }

    [Fact]
    public void The_rejection_waits_for_the_response_or_the_end_of_the_last_day_of_the_period()
    {
        var noticed = Do(Validated, ApplicationAction.NotifyIntentToReject, Blocking).Value!.Next;
        var lastDay = Today.AddDays(30);

        Do(noticed, ApplicationAction.Reject, Blocking, today: lastDay).Errors[0].Code.ShouldBe("application.not-heard");
        Do(noticed, ApplicationAction.Reject, Blocking, today: lastDay.AddDays(1)).Value!.Next.State.ShouldBe(ApplicationState.Rejected);

        var answered = Do(
            noticed,
            ApplicationAction.RespondToNotice,
            Blocking,
            side: Side.Applicant,
            today: Today.AddDays(3),
            reason: "Seals are now logged."
        ).Value!;
        answered.Next.Hearing!.Responded.ShouldBeTrue();
        answered.Next.State.ShouldBe(ApplicationState.IntentToReject);
        Do(answered.Next, ApplicationAction.Reject, Blocking, today: Today.AddDays(3))
            .Value!.Next.State.ShouldBe(ApplicationState.Rejected);
    }

    [Fact]
    public void A_response_after_the_period_is_refused_and_a_withdrawn_notice_returns_where_it_was()
    {
        var noticed = Do(
            new ApplicationStatus(ApplicationState.ValidationPlanned),
            ApplicationAction.NotifyIntentToReject,
            Blocking
        ).Value!.Next;

        Do(noticed, ApplicationAction.RespondToNotice, Blocking, side: Side.Applicant, today: Today.AddDays(31))
            .Errors[0]
            .Code.ShouldBe("application.period-ended");
        Do(noticed, ApplicationAction.RespondToNotice, Blocking, side: Side.Customs).Errors[0].Code.ShouldBe("application.side");
        var back = Do(noticed, ApplicationAction.WithdrawNotice, Blocking, reason: "The response settles it.").Value!;
        back.Next.State.ShouldBe(ApplicationState.ValidationPlanned);
        back.Next.Hearing.ShouldBeNull();
        back.ClockRuns.ShouldBeTrue();
    }

    [Fact]
    public void Under_four_eyes_a_grant_is_prepared_by_one_officer_and_takes_effect_when_another_approves()
    {
        var prepared = Do(Validated, ApplicationAction.Grant, FourEyes, actor: "ann").Value!;
        prepared.Next.State.ShouldBe(ApplicationState.Validated);
        prepared.Decided.ShouldBeNull();
        prepared.Next.PendingDecision.ShouldBe(new PreparedDecision(ApplicationAction.Grant, "ann"));

        var self = Do(prepared.Next, ApplicationAction.ApproveDecision, FourEyes, actor: "ANN");
        self.Errors.ShouldHaveSingleItem().Code.ShouldBe("application.four-eyes");
        self.Errors[0].Message.ShouldContain("prepared by ann");
        Do(prepared.Next, ApplicationAction.Grant, FourEyes, actor: "bob").Errors[0].Code.ShouldBe("application.decision-pending");

        var approved = Do(prepared.Next, ApplicationAction.ApproveDecision, FourEyes, actor: "bob").Value!;
        approved.Next.State.ShouldBe(ApplicationState.Granted);
        approved.Decided.ShouldBe(ApplicationAction.Grant);
        approved.Next.PendingDecision.ShouldBeNull();
    }

    [Fact]
    public void An_approval_checks_the_decision_again_and_a_returned_decision_is_gone()
    {
        var prepared = Do(Validated, ApplicationAction.Grant, FourEyes, actor: "ann").Value!.Next;

        // A finding was reopened between preparation and approval.
        Do(prepared with { BlockingFindings = ["Cargo security (NotMet)"] }, ApplicationAction.ApproveDecision, FourEyes, actor: "bob")
            .Errors[0]
            .Code.ShouldBe("application.blocked");
        var returned = Do(prepared, ApplicationAction.ReturnDecision, FourEyes, actor: "ann", reason: "Tier is wrong.").Value!.Next;
        returned.PendingDecision.ShouldBeNull();
        Do(returned, ApplicationAction.ApproveDecision, FourEyes, actor: "bob").Errors[0].Code.ShouldBe("application.no-decision");
    }

    [Fact]
    public void Under_four_eyes_a_rejection_is_approved_by_a_second_officer_after_the_hearing()
    {
        var noticed = Do(Validated, ApplicationAction.NotifyIntentToReject, FourEyes).Value!.Next;
        Do(noticed, ApplicationAction.Reject, FourEyes, today: Today.AddDays(1)).Errors[0].Code.ShouldBe("application.not-heard");

        var later = Today.AddDays(31);
        var prepared = Do(noticed, ApplicationAction.Reject, FourEyes, actor: "ann", today: later).Value!.Next;
        prepared.PendingDecision!.Action.ShouldBe(ApplicationAction.Reject);
        var rejected = Do(prepared, ApplicationAction.ApproveDecision, FourEyes, actor: "bob", today: later).Value!;
        rejected.Next.State.ShouldBe(ApplicationState.Rejected);
        rejected.Decided.ShouldBe(ApplicationAction.Reject);
    }

    [Fact]
    public void A_prepared_decision_does_not_survive_a_change_of_state()
    {
        var prepared = Do(Validated, ApplicationAction.Grant, FourEyes, actor: "ann").Value!.Next;

        var asked = Do(prepared, ApplicationAction.RequestInformation, FourEyes).Value!.Next;

        asked.PendingDecision.ShouldBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(181)]
    public void A_programmes_response_period_is_1_to_180_days(int days)
    {
        var programme = Builders.Succeeded(Programme.Create(Builders.ValidProgramme()));

        programme.ChangeDecisionRules(FindingsPolicy.Block, true, days).ShouldHaveSingleItem().Field.ShouldBe("hearingDays");
        programme.HearingDays.ShouldBe(30);
        programme.ChangeDecisionRules(FindingsPolicy.ConditionalGrant, true, 45).ShouldBeEmpty();
        DecisionRules.Of(programme).ShouldBe(new DecisionRules(FindingsPolicy.ConditionalGrant, true, 45));
    }
}
