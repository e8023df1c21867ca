using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Tests.Certification;

public class The_application_workflow
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static Result<ApplicationDecision> Do(
        ApplicationStatus status,
        ApplicationAction action,
        Side side,
        DateOnly? resumeBy = null,
        string? reason = "because"
    ) => ApplicationWorkflow.Decide(status, new ApplicationCommand(action, side, Today, resumeBy, reason));

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
        // Paused statuses always carry where they resume to, and notices their hearing, as every reachable one does.
        var paused = state == ApplicationState.Paused;
        var hearing =
            state == ApplicationState.IntentToReject
                ? new Hearing(ApplicationState.Validated, Today.AddDays(-40), Today.AddDays(-10), false)
                : null;
        var baseline = new ApplicationStatus(
            state,
            paused ? ApplicationState.UnderReview : null,
            null,
            paused ? Today.AddDays(3) : null,
            Hearing: hearing
        );
        var variants = new[]
        {
            baseline,
            baseline with
            {
                OpenInformationRequests = 2,
                ReadinessGaps = 1,
            },
            baseline with
            {
                PendingPause = new PauseProposal(Side.Customs, Today.AddDays(5), "stock-take"),
            },
            baseline with
            {
                PendingPause = new PauseProposal(Side.Applicant, Today.AddDays(5), "stock-take"),
            },
            baseline with
            {
                BlockingFindings = ["Cargo security (NotMet)"],
                PendingDecision = new PreparedDecision(ApplicationAction.Grant, "ann"),
            },
        };

        foreach (var status in variants)
        {
            var result = ApplicationWorkflow.Decide(
                status,
                new ApplicationCommand(
                    action,
                    side,
                    Today,
                    Today.AddDays(10),
                    "because",
                    "bob",
                    new DecisionRules(FindingsPolicy.Block, true, 30)
                )
            );

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
        string[] officers = ["ann", "bob"];
        ApplicationAction[] decisionSteps =
        [
            ApplicationAction.Grant,
            ApplicationAction.Reject,
            ApplicationAction.NotifyIntentToReject,
            ApplicationAction.ApproveDecision,
        ];
        var (granted, rejected, approved, refusedToPreparer, blockedGrants, waitedForAgencies) = (0, 0, 0, 0, 0, 0);
        for (var walk = 0; walk < 3000; walk++)
        {
            var rules = new DecisionRules(
                random.Next(2) == 0 ? FindingsPolicy.Block : FindingsPolicy.ConditionalGrant,
                random.Next(2) == 0,
                random.Next(1, 45)
            );
            var status = ApplicationStatus.New with { ReadinessGaps = random.Next(3) == 0 ? 1 : 0 };
            var today = Today;
            for (var step = 0; step < 60 && ApplicationWorkflow.IsOpen(status.State); step++)
            {
                // Time passes (hearings end) and plans get accepted or reopened outside the workflow, as in life.
                today = today.AddDays(random.Next(0, 8));
                status = random.Next(10) switch
                {
                    0 => status with { BlockingFindings = ["Cargo security (NotMet)"] },
                    1 => status with { BlockingFindings = [] },
                    // Agencies sign off outside the workflow too; a NotMet agency criterion arrives as a blocking finding.
                    2 => status with { AwaitingAgencies = ["FDA"] },
                    3 or 4 or 5 => status with { AwaitingAgencies = [] },
                    6 => status with { BlockingFindings = ["FDA: FDA-COLD-1 (NotMet)"] },
                    _ => status,
                };

                // A third of the steps try a decision step, so walks get through the hearing and the approval often enough.
                var action = random.Next(3) == 0 ? decisionSteps[random.Next(decisionSteps.Length)] : actions[random.Next(actions.Length)];
                var actor = officers[random.Next(officers.Length)];
                var command = new ApplicationCommand(
                    action,
                    sides[random.Next(sides.Length)],
                    today,
                    today.AddDays(random.Next(-2, 400)),
                    random.Next(5) == 0 ? null : "reason",
                    actor,
                    rules,
                    random.Next(3) == 0 ? null : today.AddDays(random.Next(-1, 90))
                );
                var result = ApplicationWorkflow.Decide(status, command);
                if (!result.IsOk)
                {
                    if (action == ApplicationAction.ApproveDecision && result.Errors[0].Code == "application.four-eyes")
                    {
                        refusedToPreparer++;
                    }

                    blockedGrants += result.Errors[0].Code == "application.blocked" ? 1 : 0;
                    waitedForAgencies += result.Errors[0].Code == "application.agencies" ? 1 : 0;
                    continue;
                }

                var decision = result.Value!;
                var next = decision.Next;
                Invariants.Hold(decision);
                if (next.State == ApplicationState.Granted)
                {
                    status.State.ShouldBe(ApplicationState.Validated);
                    decision.Decided.ShouldBe(ApplicationAction.Grant);
                    status.Awaited.ShouldBeEmpty("a grant went through without every agency's sign-off");
                    if (rules.Findings == FindingsPolicy.Block)
                    {
                        status.Blocking.ShouldBeEmpty("a grant went through with an unresolved blocking finding");
                    }
                    else if (status.Blocking.Count > 0)
                    {
                        (status.PendingDecision?.FollowUpBy ?? command.FollowUpBy).ShouldNotBeNull(
                            "a conditional grant names its follow-up date"
                        );
                    }

                    granted++;
                }

                if (next.State == ApplicationState.Rejected)
                {
                    status.State.ShouldBe(ApplicationState.IntentToReject, "a rejection without a notice of intent");
                    status.Hearing.ShouldNotBeNull().Heard(today).ShouldBeTrue("a rejection before the applicant was heard");
                    decision.Decided.ShouldBe(ApplicationAction.Reject);
                    rejected++;
                }

                if (decision.Decided is not null)
                {
                    if (rules.FourEyes)
                    {
                        action.ShouldBe(ApplicationAction.ApproveDecision, "under four eyes a decision takes effect only by approval");
                        status.PendingDecision.ShouldNotBeNull().PreparedBy.ShouldNotBe(actor, "a decision approved by its preparer");
                        approved++;
                    }
                    else
                    {
                        action.ShouldBe(decision.Decided.Value);
                    }
                }

                if (next.State == ApplicationState.Submitted && status.State != ApplicationState.Submitted)
                {
                    status.ReadinessGaps.ShouldBe(0, "an application with open readiness points was submitted");
                }

                status = next;
            }
        }

        // Each rule must actually be met on the walk, or the walk tests little.
        granted.ShouldBeGreaterThan(0);
        rejected.ShouldBeGreaterThan(0);
        approved.ShouldBeGreaterThan(0);
        refusedToPreparer.ShouldBeGreaterThan(0);
        blockedGrants.ShouldBeGreaterThan(0);
        waitedForAgencies.ShouldBeGreaterThan(0);
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
            .Errors.ShouldHaveSingleItem()
            .Code.ShouldBe("application.resume-by");
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
        Do(new ApplicationStatus(ApplicationState.Validated), ApplicationAction.Grant, Side.Customs)
            .Value!.Next.State.ShouldBe(ApplicationState.Granted);
    }

    [Fact]
    public void A_rejection_needs_a_reason_and_only_customs_rejects()
    {
        var noticed = new ApplicationStatus(
            ApplicationState.IntentToReject,
            Hearing: new Hearing(ApplicationState.UnderReview, Today.AddDays(-31), Today.AddDays(-1), false)
        );

        Do(noticed, ApplicationAction.Reject, Side.Customs, reason: " ").Errors[0].Code.ShouldBe("application.reason");
        Do(noticed, ApplicationAction.Reject, Side.Applicant).Errors[0].Code.ShouldBe("application.side");
        Do(noticed, ApplicationAction.Reject, Side.Customs).Value!.Next.State.ShouldBe(ApplicationState.Rejected);
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
        Enum.GetValues<ApplicationState>()
            .Where(ApplicationWorkflow.ClockRuns)
            .ShouldBe([
                ApplicationState.Submitted,
                ApplicationState.UnderReview,
                ApplicationState.ValidationPlanned,
                ApplicationState.Validated,
            ]);
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

            (s.State == ApplicationState.IntentToReject).ShouldBe(
                s.Hearing is not null,
                "a hearing exists exactly while a notice of intent is open"
            );
            if (s.PendingDecision is { } pending)
            {
                pending.PreparedBy.ShouldNotBeNullOrWhiteSpace();
                s.State.ShouldBe(pending.Action == ApplicationAction.Grant ? ApplicationState.Validated : ApplicationState.IntentToReject);
            }

            s.OpenInformationRequests.ShouldBeGreaterThanOrEqualTo(0);
            if (s.State == ApplicationState.InformationRequested)
            {
                s.OpenInformationRequests.ShouldBeGreaterThan(0);
            }
        }
    }
}
