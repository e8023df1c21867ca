using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Tests.Certification;

public class The_application_workflow
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static Result<ApplicationDecision> Do(ApplicationStatus status, ApplicationAction action, Side side, DateOnly? resumeBy = null, string? reason = "because") =>
        ApplicationWorkflow.Decide(status, new ApplicationCommand(action, side, Today, resumeBy, reason));

    public static TheoryData<ApplicationState, ApplicationAction, Side> EveryCombination()
    {
        var data = new TheoryData<ApplicationState, ApplicationAction, Side>();
        foreach (var state in Enum.GetValues<ApplicationState>())
        {
            foreach (var action in Enum.GetValues<ApplicationAction>())
            {
                foreach (var side in Enum.GetValues<Side>())
                {
                    data.Add(state, action, side);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Every_state_action_and_side_gives_a_valid_status_or_an_error(ApplicationState state, ApplicationAction action, Side side)
    {
        // Paused statuses always carry where they resume to, as every reachable paused status does.
        var paused = state == ApplicationState.Paused;
        var baseline = new ApplicationStatus(state, paused ? ApplicationState.UnderReview : null, null, paused ? Today.AddDays(3) : null);
        var variants = new[]
        {
            baseline,
            baseline with { OpenInformationRequests = 2, ReadinessGaps = 1 },
            baseline with { PendingPause = new PauseProposal(Side.Customs, Today.AddDays(5), "stock-take") },
            baseline with { PendingPause = new PauseProposal(Side.Applicant, Today.AddDays(5), "stock-take") },
        };

        foreach (var status in variants)
        {
            var result = Do(status, action, side, Today.AddDays(10));

            if (result.IsOk)
            {
                Invariants.Hold(result.Value!, strict: false);
                ApplicationWorkflow.IsOpen(state).ShouldBeTrue("a closed application never moves");
                ApplicationWorkflow.Allowed(action, side).ShouldBeTrue($"{side} may not {action}");
            }
            else
            {
                result.Errors.ShouldNotBeEmpty();
                result.Errors[0].Message.ShouldNotBeNullOrWhiteSpace();
            }
        }
    }

    [Fact]
    public void Random_walks_never_reach_an_invalid_status_and_grant_only_after_validation()
    {
        var random = new Random(20261128);
        var actions = Enum.GetValues<ApplicationAction>();
        var sides = Enum.GetValues<Side>();
        var granted = 0;
        for (var walk = 0; walk < 3000; walk++)
        {
            var status = ApplicationStatus.New with { ReadinessGaps = random.Next(3) == 0 ? 1 : 0 };
            for (var step = 0; step < 40 && ApplicationWorkflow.IsOpen(status.State); step++)
            {
                var action = actions[random.Next(actions.Length)];
                var result = Do(status, action, sides[random.Next(sides.Length)], Today.AddDays(random.Next(-2, 400)), random.Next(5) == 0 ? null : "reason");
                if (!result.IsOk)
                {
                    continue;
                }

                var next = result.Value!.Next;
                Invariants.Hold(result.Value!);
                if (next.State == ApplicationState.Granted)
                {
                    status.State.ShouldBe(ApplicationState.Validated);
                    granted++;
                }

                if (next.State == ApplicationState.Submitted && status.State != ApplicationState.Submitted)
                {
                    status.ReadinessGaps.ShouldBe(0, "an application with open readiness points was submitted");
                }

                status = next;
            }
        }

        granted.ShouldBeGreaterThan(0, "the walk should reach a grant sometimes, or it tests little");
    }

    [Fact]
    public void A_submission_with_open_readiness_points_is_refused()
    {
        var result = Do(new ApplicationStatus(ApplicationState.Draft, ReadinessGaps: 3), ApplicationAction.Submit, Side.Applicant);

        result.Errors.ShouldHaveSingleItem().Code.ShouldBe("application.not-ready");
        result.Errors[0].Message.ShouldContain("3 open points");
    }

    [Fact]
    public void The_side_that_proposes_a_pause_cannot_accept_it_and_resuming_returns_where_it_was()
    {
        var review = new ApplicationStatus(ApplicationState.UnderReview);
        var proposed = Do(review, ApplicationAction.ProposePause, Side.Applicant, Today.AddDays(20), "moving warehouse").Value!;

        proposed.Next.State.ShouldBe(ApplicationState.UnderReview);
        proposed.Next.PendingPause.ShouldBe(new PauseProposal(Side.Applicant, Today.AddDays(20), "moving warehouse"));
        proposed.ClockRuns.ShouldBeTrue("a proposal alone does not stop the clock");
        Do(proposed.Next, ApplicationAction.AcceptPause, Side.Applicant).Errors[0].Code.ShouldBe("application.side");

        var paused = Do(proposed.Next, ApplicationAction.AcceptPause, Side.Customs).Value!;
        paused.Next.State.ShouldBe(ApplicationState.Paused);
        paused.Next.AgreedResumeBy.ShouldBe(Today.AddDays(20));
        paused.ClockRuns.ShouldBeFalse();

        var resumed = Do(paused.Next, ApplicationAction.Resume, Side.Applicant).Value!;
        resumed.Next.State.ShouldBe(ApplicationState.UnderReview);
        resumed.Next.AgreedResumeBy.ShouldBeNull();
        resumed.ClockRuns.ShouldBeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(367)]
    public void A_pause_needs_a_resume_by_date_after_today_and_within_a_year(int days)
    {
        Do(new ApplicationStatus(ApplicationState.UnderReview), ApplicationAction.ProposePause, Side.Customs, Today.AddDays(days))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("application.resume-by");
    }

    [Fact]
    public void Answering_the_last_open_request_returns_the_application_to_review()
    {
        var waiting = new ApplicationStatus(ApplicationState.InformationRequested, OpenInformationRequests: 2);

        var first = Do(waiting, ApplicationAction.AnswerInformation, Side.Applicant).Value!;
        var second = Do(first.Next, ApplicationAction.AnswerInformation, Side.Applicant).Value!;

        first.Next.State.ShouldBe(ApplicationState.InformationRequested);
        first.ClockRuns.ShouldBeFalse();
        second.Next.State.ShouldBe(ApplicationState.UnderReview);
        second.ClockRuns.ShouldBeTrue();
    }

    [Theory]
    [InlineData(ApplicationState.Draft)]
    [InlineData(ApplicationState.Submitted)]
    [InlineData(ApplicationState.UnderReview)]
    [InlineData(ApplicationState.ValidationPlanned)]
    public void A_grant_comes_only_after_validation(ApplicationState state)
    {
        Do(new ApplicationStatus(state), ApplicationAction.Grant, Side.Customs).Errors[0].Code.ShouldBe("application.transition");
        Do(new ApplicationStatus(ApplicationState.Validated), ApplicationAction.Grant, Side.Customs).Value!.Next.State.ShouldBe(ApplicationState.Granted);
    }

    [Fact]
    public void A_rejection_needs_a_reason_and_only_customs_rejects()
    {
        var review = new ApplicationStatus(ApplicationState.UnderReview);

        Do(review, ApplicationAction.Reject, Side.Customs, reason: " ").Errors[0].Code.ShouldBe("application.reason");
        Do(review, ApplicationAction.Reject, Side.Applicant).Errors[0].Code.ShouldBe("application.side");
        Do(review, ApplicationAction.Reject, Side.Customs).Value!.Next.State.ShouldBe(ApplicationState.Rejected);
    }

    [Fact]
    public void Only_the_applicant_withdraws_and_only_the_system_lapses()
    {
        var paused = new ApplicationStatus(ApplicationState.Paused, ApplicationState.UnderReview, null, Today);

        Do(paused, ApplicationAction.Withdraw, Side.Customs).Errors[0].Code.ShouldBe("application.side");
        Do(paused, ApplicationAction.Lapse, Side.Customs).Errors[0].Code.ShouldBe("application.side");
        Do(paused, ApplicationAction.Lapse, Side.System).Value!.Next.State.ShouldBe(ApplicationState.Withdrawn);
        Do(paused, ApplicationAction.Withdraw, Side.Applicant).Value!.Next.State.ShouldBe(ApplicationState.Withdrawn);
    }

    [Fact]
    public void The_clock_runs_only_while_customs_holds_the_file()
    {
        Enum.GetValues<ApplicationState>().Where(ApplicationWorkflow.ClockRuns).ShouldBe(
            [ApplicationState.Submitted, ApplicationState.UnderReview, ApplicationState.ValidationPlanned, ApplicationState.Validated]);
    }

    private static class Invariants
    {
        /// <param name="strict">Also the invariants that hold only when the input status itself was reachable.</param>
        public static void Hold(ApplicationDecision decision, bool strict = true)
        {
            var s = decision.Next;
            Enum.IsDefined(s.State).ShouldBeTrue();
            decision.ClockRuns.ShouldBe(ApplicationWorkflow.ClockRuns(s.State));
            (s.State == ApplicationState.Paused).ShouldBe(s.ResumeTo is not null, "ResumeTo is set exactly while paused");
            (s.State == ApplicationState.Paused).ShouldBe(s.AgreedResumeBy is not null, "an agreed date exists exactly while paused");
            if (s.ResumeTo is { } back)
            {
                ApplicationWorkflow.Pausable(back).ShouldBeTrue();
            }

            if (!strict)
            {
                return;
            }

            if (s.PendingPause is not null)
            {
                ApplicationWorkflow.Pausable(s.State).ShouldBeTrue("a pause is proposed only where one can be agreed");
            }

            s.OpenInformationRequests.ShouldBeGreaterThanOrEqualTo(0);
            if (s.State == ApplicationState.InformationRequested)
            {
                s.OpenInformationRequests.ShouldBeGreaterThan(0);
            }
        }
    }
}
