using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Tests.Certification;

/// <summary>Issue 13 item 3: the anonymous self-check's track, gaps and the SME track's outcome-based alternatives.</summary>
public class The_readiness_self_check
{
    private static readonly SelfCheckProgramme Nz = new(
        "NZ",
        Tracks.Standard | Tracks.Sme,
        new SmeDefinition(20),
        new SlaPolicy(90, 30, 60),
        OperatorRoles.Exporter
    );

    private static readonly SelfCheckProfile SmallExporter = new(OperatorRoles.Exporter, 12, null, "Dairy");

    private static IReadOnlyList<CriterionQuestion> Pack(Track track) => DefaultCriteria.Questions(track);

    /// <summary>The criteria an exporter is asked (issue 14 item 1: a pack asks each role its own questions).</summary>
    private static int AskedOfExporter(IEnumerable<CriterionQuestion> pack) =>
        pack.Count(q => !q.Retired && Applicability.AppliesTo(q, OperatorRoles.Exporter));

    private static Dictionary<string, SelfCheckAnswer> All(Track track, SelfCheckAnswer answer) =>
        Pack(track).ToDictionary(q => q.Code, _ => answer);

    [Fact]
    public void Puts_an_sme_by_the_programmes_definition_on_the_sme_track_and_a_larger_company_on_the_standard_track()
    {
        SelfCheck.TrackFor(Nz, SmallExporter, out var small).ShouldBe(Track.Sme);
        small.ShouldBe(SmeClass.Sme);

        SelfCheck.TrackFor(Nz, SmallExporter with { Employees = 20 }, out var large).ShouldBe(Track.Standard);
        large.ShouldBe(SmeClass.Large);

        SelfCheck.TrackFor(Nz, SmallExporter with { Employees = null }, out var unknown).ShouldBe(Track.Standard);
        unknown.ShouldBe(SmeClass.Unknown);
    }

    [Fact]
    public void Gives_the_standard_track_to_an_sme_when_the_programme_has_no_sme_track_and_counts_the_turnover_cap()
    {
        SelfCheck.TrackFor(Nz with { Tracks = Tracks.Standard }, SmallExporter, out var sme).ShouldBe(Track.Standard);
        sme.ShouldBe(SmeClass.Sme);

        var withTurnoverCap = Nz with { Sme = new SmeDefinition(200, 5_000_000m, "NZD") };
        SelfCheck.TrackFor(withTurnoverCap, SmallExporter with { Turnover = 5_000_001m }, out _).ShouldBe(Track.Standard);
        SelfCheck.TrackFor(withTurnoverCap, SmallExporter with { Turnover = 5_000_000m }, out _).ShouldBe(Track.Sme);
    }

    [Fact]
    public void An_unwritten_control_is_met_on_the_sme_track_where_an_outcome_based_answer_is_allowed_and_a_gap_on_the_standard_track()
    {
        var premises = Pack(Track.Sme).Single(q => q.Code == "PREM-1");
        premises.OutcomeBasedAllowed.ShouldBeTrue();

        SelfCheck.Judge(premises, SelfCheckAnswer.YesNotWritten, smeTrack: true).Outcome.ShouldBe(CriterionOutcome.MetOnSmeTrack);

        var standard = SelfCheck.Judge(
            Pack(Track.Standard).Single(q => q.Code == "PREM-1"),
            SelfCheckAnswer.YesNotWritten,
            smeTrack: false
        );
        standard.Outcome.ShouldBe(CriterionOutcome.Gap);
        standard.Gap.ShouldBe(SelfCheckGapKind.EvidenceMissing);
        standard.OutcomeBasedAlternative.ShouldBeFalse();
    }

    [Fact]
    public void A_missing_control_is_a_gap_with_the_outcome_based_alternative_only_where_the_sme_pack_allows_it()
    {
        var cargo = SelfCheck.Judge(Pack(Track.Sme).Single(q => q.Code == "CARGO-1"), SelfCheckAnswer.No, smeTrack: true);
        cargo.Outcome.ShouldBe(CriterionOutcome.Gap);
        cargo.Gap.ShouldBe(SelfCheckGapKind.ControlMissing);
        cargo.OutcomeBasedAlternative.ShouldBeTrue();

        // Financial statements have no outcome-based alternative, even for an SME.
        var solvency = SelfCheck.Judge(Pack(Track.Sme).Single(q => q.Code == "FIN-1"), SelfCheckAnswer.YesNotWritten, smeTrack: true);
        solvency.Outcome.ShouldBe(CriterionOutcome.Gap);
        solvency.Gap.ShouldBe(SelfCheckGapKind.EvidenceMissing);
        solvency.OutcomeBasedAlternative.ShouldBeFalse();

        var unanswered = SelfCheck.Judge(Pack(Track.Sme).Single(q => q.Code == "CARGO-1"), null, smeTrack: true);
        unanswered.Gap.ShouldBe(SelfCheckGapKind.Unanswered);
        unanswered.OutcomeBasedAlternative.ShouldBeFalse();
    }

    [Fact]
    public void A_contractor_meets_an_outsourceable_criterion_on_every_track_and_never_one_that_is_not()
    {
        var seals = Pack(Track.Sme).Single(q => q.Code == "CARGO-2");
        seals.OutsourcingAllowed.ShouldBeFalse();
        SelfCheck.Judge(seals, SelfCheckAnswer.Contractor, smeTrack: true).Gap.ShouldBe(SelfCheckGapKind.OutsourcingNotAllowed);
        SelfCheck
            .Judge(Pack(Track.Standard).Single(q => q.Code == "CARGO-2"), SelfCheckAnswer.Contractor, smeTrack: false)
            .Gap.ShouldBe(SelfCheckGapKind.OutsourcingNotAllowed);

        // Issue 14 item 3: a guard service is a control for a large company as much as for an SME.
        var guards = Pack(Track.Sme).Single(q => q.Code == "PREM-2");
        SelfCheck.Judge(guards, SelfCheckAnswer.Contractor, smeTrack: true).Outcome.ShouldBe(CriterionOutcome.Met);
        SelfCheck
            .Judge(Pack(Track.Standard).Single(q => q.Code == "PREM-2"), SelfCheckAnswer.Contractor, smeTrack: false)
            .Outcome.ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void A_criterion_that_needs_no_document_is_met_by_doing_it()
    {
        var contact = Pack(Track.Standard).Single(q => q.Code == "COMM-1");
        contact.EvidenceRequired.ShouldBeFalse();
        SelfCheck.Judge(contact, SelfCheckAnswer.YesNotWritten, smeTrack: false).Outcome.ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void The_same_answers_leave_fewer_gaps_on_the_sme_track_and_the_sla_and_next_step_follow_the_track()
    {
        var sme = SelfCheck.Assess(Nz, SmallExporter, Track.Sme, Pack(Track.Sme), All(Track.Sme, SelfCheckAnswer.YesNotWritten));
        var standard = SelfCheck.Assess(
            Nz,
            SmallExporter with
            {
                Employees = 50,
            },
            Track.Standard,
            Pack(Track.Standard),
            All(Track.Standard, SelfCheckAnswer.YesNotWritten)
        );

        // Only the evidence-required criterion without an outcome-based alternative remains for the SME: solvency.
        sme.Gaps.Select(g => g.Code).ShouldBe(["FIN-1"]);
        sme.NextStep.ShouldBe(SelfCheckNextStep.PriorConsultation);
        sme.Time.SlaBusinessDays.ShouldBe(60);
        sme.Time.InformationRequestDays.ShouldBe(30);

        standard.Gaps.Count().ShouldBe(AskedOfExporter(Pack(Track.Standard).Where(q => q.EvidenceRequired)));
        standard.NextStep.ShouldBe(SelfCheckNextStep.Prepare);
        standard.Time.SlaBusinessDays.ShouldBe(90);
        standard.SmeClass.ShouldBe(SmeClass.Large);
    }

    [Fact]
    public void Everything_documented_means_apply_and_a_role_the_programme_does_not_certify_means_not_eligible()
    {
        var ready = SelfCheck.Assess(
            Nz,
            SmallExporter,
            Track.Sme,
            Pack(Track.Sme),
            All(Track.Sme, SelfCheckAnswer.YesWithDocuments),
            (41, 12)
        );
        ready.Gaps.ShouldBeEmpty();
        ready.Met.ShouldBe(AskedOfExporter(Pack(Track.Sme)));
        ready.NextStep.ShouldBe(SelfCheckNextStep.Apply);
        ready.Time.ObservedMedianBusinessDays.ShouldBe(41);
        ready.Time.ObservedDecisions.ShouldBe(12);

        var importer = SelfCheck.Assess(
            Nz,
            SmallExporter with
            {
                Roles = OperatorRoles.Importer,
            },
            Track.Sme,
            Pack(Track.Sme),
            All(Track.Sme, SelfCheckAnswer.YesWithDocuments)
        );
        importer.Eligible.ShouldBeFalse();
        importer.NextStep.ShouldBe(SelfCheckNextStep.NotEligible);

        SelfCheck.IsEligible(Nz with { EligibleRoles = OperatorRoles.None }, OperatorRoles.Importer).ShouldBeTrue();
        SelfCheck.IsEligible(Nz with { EligibleRoles = OperatorRoles.None }, OperatorRoles.None).ShouldBeFalse();
    }

    [Fact]
    public void Retired_questions_are_not_asked()
    {
        var pack = Pack(Track.Sme).Select(q => q.Code == "IMPR-1" ? q with { Retired = true } : q).ToList();
        var result = SelfCheck.Assess(Nz, SmallExporter, Track.Sme, pack, All(Track.Sme, SelfCheckAnswer.YesWithDocuments));
        result.Criteria.Select(c => c.Code).ShouldNotContain("IMPR-1");
        result.Criteria.Count.ShouldBe(AskedOfExporter(pack));
        AskedOfExporter(pack).ShouldBe(AskedOfExporter(Pack(Track.Sme)) - 1);
    }

    [Fact]
    public void The_link_code_round_trips_and_skips_what_an_edit_broke()
    {
        var answers = new Dictionary<string, SelfCheckAnswer>
        {
            ["COMP-1"] = SelfCheckAnswer.YesWithDocuments,
            ["PREM-2"] = SelfCheckAnswer.Contractor,
            ["FIN-1"] = SelfCheckAnswer.NotSure,
            ["CARGO-1"] = SelfCheckAnswer.No,
            ["RECS-1"] = SelfCheckAnswer.YesNotWritten,
        };

        var code = SelfCheckCode.Format(answers);
        code.ShouldBe("CARGO-1:n,COMP-1:y,FIN-1:u,PREM-2:c,RECS-1:w");
        SelfCheckCode.Parse(code).ShouldBe(answers, ignoreOrder: true);

        SelfCheckCode
            .Parse("comp-1:Y,,PREM-2:x,broken,CARGO-1:nn")
            .ShouldBe(new Dictionary<string, SelfCheckAnswer> { ["COMP-1"] = SelfCheckAnswer.YesWithDocuments });
        SelfCheckCode.Parse(null).ShouldBeEmpty();
    }
}

public class The_observed_durations
{
    [Fact]
    public void Are_the_median_business_days_from_submission_to_decision_so_one_long_pause_does_not_move_them()
    {
        // Monday 2 March 2026 onwards, Saturday and Sunday off: 5, 10 and 200 business days.
        var monday = new DateOnly(2026, 3, 2);
        var calendar = BusinessCalendar.SaturdaySunday;
        var decisions = new[]
        {
            (monday, monday.AddDays(7)),
            (monday, monday.AddDays(14)),
            (monday, calendar.AddBusinessDays(monday, 200)),
        };

        ObservedDurations.Median(calendar, decisions).ShouldBe((10, 3));
        ObservedDurations.Median(calendar, decisions.Take(2)).ShouldBe((8, 2));
        ObservedDurations.Median(calendar, []).ShouldBeNull();
    }
}
