using OpenAeo.Domain.Certification;

namespace OpenAeo.Domain.Tests.Certification;

public class Readiness_before_submission
{
    private static readonly CriterionQuestion Cctv = new(
        "PREM-1",
        "Premises security",
        "How are buildings protected?",
        EvidenceRequired: true,
        OutcomeBasedAllowed: true,
        OutsourcingAllowed: true
    );
    private static readonly CriterionQuestion Finance = new(
        "FIN-1",
        "Financial viability",
        "Show solvency.",
        EvidenceRequired: true,
        OutcomeBasedAllowed: false,
        OutsourcingAllowed: false
    );

    private static IReadOnlyList<ReadinessGap> Assess(Track track, params AnswerSnapshot[] answers) =>
        Readiness.Assess([Cctv, Finance], answers.ToDictionary(a => a.QuestionCode), track);

    [Fact]
    public void Unanswered_questions_are_gaps()
    {
        Assess(Track.Standard)
            .Select(g => (g.QuestionCode, g.Kind))
            .ShouldBe([("PREM-1", GapKind.Unanswered), ("FIN-1", GapKind.Unanswered)]);
    }

    [Fact]
    public void On_the_SME_track_an_outcome_based_answer_stands_in_for_evidence_where_the_question_allows_it()
    {
        var gaps = Assess(
            Track.Sme,
            new AnswerSnapshot(
                "PREM-1",
                null,
                OutcomeBased: true,
                "CCTV by June through a provider",
                Outsourced: true,
                "SecureGuard",
                EvidenceCount: 0
            )
            {
                ProviderTin = "TW55500001",
            },
            new AnswerSnapshot("FIN-1", "Audited accounts", false, null, false, null, EvidenceCount: 0)
        );

        gaps.ShouldHaveSingleItem()
            .ShouldBe(new ReadinessGap("FIN-1", "Financial viability", GapKind.EvidenceMissing, "FIN-1: attach a document that shows it."));
    }

    [Fact]
    public void The_standard_track_does_not_accept_outcome_based_answers()
    {
        var gaps = Assess(
            Track.Standard,
            new AnswerSnapshot("PREM-1", null, true, "next year", false, null, 0),
            new AnswerSnapshot("FIN-1", "Audited accounts", false, null, false, null, 1)
        );

        gaps.Select(g => g.Kind).ShouldBe([GapKind.OutcomeBasedNotAllowed, GapKind.EvidenceMissing]);
    }

    [Fact]
    public void An_outcome_based_answer_needs_its_plan_and_an_outsourced_control_its_contractors_TIN()
    {
        var gaps = Assess(
            Track.Sme,
            new AnswerSnapshot("PREM-1", "We have a guard", true, " ", true, null, 0),
            new AnswerSnapshot("FIN-1", "Audited accounts", false, null, true, "Acme", 1)
        );

        // An outcome-based answer asks for the plan, not for evidence; a control that cannot be outsourced says so.
        gaps.Select(g => (g.QuestionCode, g.Kind))
            .ShouldBe([("PREM-1", GapKind.OutcomePlanMissing), ("PREM-1", GapKind.ProviderMissing), ("FIN-1", GapKind.ProviderMissing)]);
        gaps[2].Message.ShouldContain("cannot be outsourced");
        gaps[1].Message.ShouldContain("by its TIN");

        // A contractor's name alone does not say which operator it is: its TIN does, so its own AEO status can be looked up.
        Assess(Track.Standard, new AnswerSnapshot("PREM-1", "Guards", false, null, true, "SecureGuard", 1))
            .Single(g => g.QuestionCode == "PREM-1")
            .Kind.ShouldBe(GapKind.ProviderMissing);
        Assess(Track.Standard, new AnswerSnapshot("PREM-1", "Guards", false, null, true, null, 1) { ProviderTin = "TW55500001" })
            .ShouldNotContain(g => g.QuestionCode == "PREM-1");
    }

    [Fact]
    public void A_complete_self_assessment_has_no_gaps_and_retired_questions_are_not_asked()
    {
        var retired = Finance with { Retired = true };

        var gaps = Readiness.Assess(
            [Cctv, retired],
            new Dictionary<string, AnswerSnapshot> { ["PREM-1"] = new("PREM-1", "Fence, lights, CCTV", false, null, false, null, 2) },
            Track.Standard
        );

        gaps.ShouldBeEmpty();
    }
}
