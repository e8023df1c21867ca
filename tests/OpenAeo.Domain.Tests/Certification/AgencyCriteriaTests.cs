using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Tests.Certification;

public class Agencies_in_certification
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly CriterionQuestion Cargo = new("CARGO-1", "Cargo security", "How is cargo sealed?", true, true, false);
    private static readonly CriterionQuestion Cold = new("FDA-COLD-1", "Food safety", "Show your cold chain records.", true, false, false)
    {
        Agency = "FDA",
        Roles = OperatorRoles.Importer,
    };
    private static readonly CriterionQuestion Plants = new("QUA-1", "Plant health", "How are pallets treated?", false, false, false)
    {
        Agency = "QUA",
    };

    [Fact]
    public void An_agency_adds_its_criteria_marked_with_its_code_and_leaves_the_others_alone()
    {
        var proposed = new CriterionQuestion("FDA-LAB-1", "Food safety", "Which laboratory tests your goods?", false, false, false);

        var next = AgencyCriteria.Replace([Cargo, Cold, Plants], "fda", [Cold, proposed]).Value!;

        next.Single(q => q.Code == "FDA-LAB-1").Agency.ShouldBe("FDA");
        next.Single(q => q.Code == "CARGO-1").ShouldBe(Cargo);
        next.Single(q => q.Code == "QUA-1").ShouldBe(Plants);
    }

    [Fact]
    public void An_agency_cannot_take_a_code_of_customs_or_of_another_agency()
    {
        var result = AgencyCriteria.Replace(
            [Cargo, Cold, Plants],
            "FDA",
            [Cold, Cargo with { Text = "Ours now" }, Plants with { Agency = null }]
        );

        result.IsOk.ShouldBeFalse();
        result.Errors.Select(e => e.Message).ShouldContain(m => m.Contains("CARGO-1") && m.Contains("customs"));
        result.Errors.Select(e => e.Message).ShouldContain(m => m.Contains("QUA-1") && m.Contains("agency QUA"));
    }

    [Fact]
    public void A_question_marked_for_another_agency_is_refused()
    {
        var result = AgencyCriteria.Replace(
            [Cargo],
            "FDA",
            [new CriterionQuestion("X-1", "G", "T", false, false, false) { Agency = "QUA" }]
        );

        result.Errors.ShouldHaveSingleItem().Code.ShouldBe("pack.agency");
    }

    [Fact]
    public void An_agency_question_left_out_is_retired_not_dropped()
    {
        var next = AgencyCriteria
            .Replace([Cargo, Cold], "FDA", [new CriterionQuestion("FDA-LAB-1", "Food safety", "Lab?", false, false, false)])
            .Value!;

        next.Single(q => q.Code == "FDA-COLD-1").Retired.ShouldBeTrue();
    }

    [Fact]
    public void The_programme_office_cannot_change_or_drop_an_agency_question_in_a_whole_pack_edit()
    {
        AgencyCriteria.AgencyQuestionsKept([Cargo, Cold], [Cargo with { Text = "Edited" }, Cold]).ShouldBeEmpty();
        AgencyCriteria
            .AgencyQuestionsKept([Cargo, Cold], [Cargo, Cold with { Text = "Softer" }])
            .ShouldHaveSingleItem()
            .Message.ShouldContain("FDA-COLD-1");
        AgencyCriteria.AgencyQuestionsKept([Cargo, Cold], [Cargo, Cold with { Agency = null }]).ShouldHaveSingleItem();
        AgencyCriteria.AgencyQuestionsKept([Cargo], [Cargo, Plants]).ShouldHaveSingleItem().Message.ShouldContain("QUA-1");

        // Found by the API fuzzer: a proposal repeating an agency's code (or holding a null, as JSON may) is an error, not a crash.
        AgencyCriteria.AgencyQuestionsKept([Cargo, Cold], [Cargo, Cold, Cold]).ShouldHaveSingleItem().Message.ShouldContain("FDA-COLD-1");
        AgencyCriteria.AgencyQuestionsKept([Cargo, Cold], [Cargo, Cold, null!]).ShouldBeEmpty();
    }

    [Fact]
    public void The_agencies_an_application_waits_for_are_those_of_the_questions_it_asks_by_role()
    {
        var importer = Applicability.Select([Cargo, Cold, Plants], OperatorRoles.Importer, sme: false);
        var carrier = Applicability.Select([Cargo, Cold, Plants], OperatorRoles.RoadCarrier, sme: false);

        AgencyCriteria.AgenciesOf(importer).ShouldBe(["FDA", "QUA"]);
        AgencyCriteria.AgenciesOf(carrier).ShouldBe(["QUA"]);
    }

    [Fact]
    public void A_sign_off_judges_every_criterion_of_the_agency_and_no_other_and_a_not_met_says_why()
    {
        var result = AgencySignOff.Sign(
            null,
            1,
            "FDA",
            ApplicationState.Validated,
            ["FDA-COLD-1", "FDA-LAB-1"],
            [new("FDA-COLD-1", false, " "), new("CARGO-1", true, null)],
            "olga",
            Today,
            Now
        );

        result
            .Errors.Select(e => e.Code)
            .ShouldBe(["agency.sign-off.missing", "agency.sign-off.unknown", "agency.sign-off.reason"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(ApplicationState.Draft)]
    [InlineData(ApplicationState.PriorConsultation)]
    [InlineData(ApplicationState.Granted)]
    [InlineData(ApplicationState.Withdrawn)]
    public void An_agency_signs_only_between_submission_and_decision(ApplicationState state)
    {
        AgencySignOff
            .Sign(null, 1, "FDA", state, ["FDA-COLD-1"], [new("FDA-COLD-1", true, null)], "olga", Today, Now)
            .Errors.ShouldHaveSingleItem()
            .Code.ShouldBe("agency.sign-off.transition");
    }

    [Fact]
    public void The_grant_waits_for_a_missing_sign_off_and_a_not_met_criterion_blocks_until_signed_again_as_met()
    {
        string[] required = ["FDA", "QUA"];
        var fda = AgencySignOff
            .Sign(
                null,
                1,
                "FDA",
                ApplicationState.Validated,
                ["FDA-COLD-1"],
                [new("FDA-COLD-1", false, "No temperature log for March")],
                "olga",
                Today,
                Now
            )
            .Value!;

        AgencySignOffs.Awaited(required, [fda]).ShouldBe(["QUA"]);
        AgencySignOffs.Blocking(required, [fda]).ShouldBe(["FDA: FDA-COLD-1 (NotMet)"]);
        AgencySignOffs.Standings(required, [fda]).ShouldBe([("FDA", AgencyStanding.NotMet), ("QUA", AgencyStanding.Waiting)]);

        var again = AgencySignOff
            .Sign(fda, 1, "FDA", ApplicationState.Validated, ["FDA-COLD-1"], [new("FDA-COLD-1", true, null)], "olga", Today, Now)
            .Value!;
        again.ShouldBeSameAs(fda);
        AgencySignOffs.Blocking(required, [again]).ShouldBeEmpty();
    }

    [Fact]
    public void The_workflow_refuses_a_grant_naming_the_agency_it_waits_for_under_every_findings_policy()
    {
        foreach (var policy in Enum.GetValues<FindingsPolicy>())
        {
            var status = new ApplicationStatus(ApplicationState.Validated, AwaitingAgencies: ["FDA"]);
            var result = ApplicationWorkflow.Decide(status, GrantUnder(policy, followUpDays: 30));

            result.Errors.ShouldHaveSingleItem().Message.ShouldBe("The grant is waiting for the sign-off of FDA.");
        }
    }

    [Fact]
    public void A_not_met_agency_criterion_blocks_like_a_visit_finding_and_allows_a_conditional_grant()
    {
        var status = new ApplicationStatus(ApplicationState.Validated, BlockingFindings: ["FDA: FDA-COLD-1 (NotMet)"]);

        ApplicationWorkflow
            .Decide(status, new ApplicationCommand(ApplicationAction.Grant, Side.Customs, Today))
            .Errors.ShouldHaveSingleItem()
            .Message.ShouldContain("FDA: FDA-COLD-1 (NotMet)");
        ApplicationWorkflow
            .Decide(status, GrantUnder(FindingsPolicy.ConditionalGrant, followUpDays: 60))
            .Value!.Next.State.ShouldBe(ApplicationState.Granted);
    }

    [Fact]
    public void A_prepared_grant_is_not_approved_while_an_agency_has_not_signed()
    {
        var prepared = new ApplicationStatus(
            ApplicationState.Validated,
            PendingDecision: new PreparedDecision(ApplicationAction.Grant, "ann"),
            AwaitingAgencies: ["QUA"]
        );

        ApplicationWorkflow
            .Decide(
                prepared,
                new ApplicationCommand(
                    ApplicationAction.ApproveDecision,
                    Side.Customs,
                    Today,
                    Actor: "bob",
                    Rules: DecisionRules.Default with
                    {
                        FourEyes = true,
                    }
                )
            )
            .Errors.ShouldHaveSingleItem()
            .Code.ShouldBe("application.agencies");
    }

    /// <summary>A customs grant under <paramref name="policy"/>, with the follow-up a conditional grant needs.</summary>
    private static ApplicationCommand GrantUnder(FindingsPolicy policy, int followUpDays) =>
        new(
            ApplicationAction.Grant,
            Side.Customs,
            Today,
            Rules: DecisionRules.Default with
            {
                Findings = policy,
            },
            FollowUpBy: Today.AddDays(followUpDays)
        );
}
