using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Tests.Certification;

/// <summary>Issue 14 item 1: criteria by role and size (ADR 0033).</summary>
public class Criteria_by_role_and_size
{
    private static readonly SmeDefinition Sme = new(50);

    private static readonly CriterionQuestion Everyone = new("COMP-1", "Compliance record", "Offences?", false, false, false);

    private static readonly CriterionQuestion Conveyances = new(
        "CONV-2",
        "Conveyance security",
        "How are conveyances tracked?",
        true,
        true,
        true
    )
    {
        Roles = OperatorRoles.RoadCarrier | OperatorRoles.SeaCarrier,
        SmeText = "How do drivers report stops?",
        TextEs = "¿Cómo se sigue el transporte?",
        SmeTextEs = "¿Cómo informan los conductores las paradas?",
    };

    private static readonly CriterionQuestion Clients = new(
        "PART-2",
        "Trading partner security",
        "How do you know your clients?",
        true,
        false,
        false
    )
    {
        Roles = OperatorRoles.CustomsBroker,
    };

    private static readonly CriterionQuestion[] Pack = [Everyone, Conveyances, Clients];

    [Fact]
    public void An_operator_is_asked_the_questions_of_its_roles_and_those_asked_of_everyone_with_the_reason()
    {
        var asked = Applicability.Select(Pack, OperatorRoles.RoadCarrier | OperatorRoles.Exporter, sme: false);

        asked.Select(q => q.Code).ShouldBe(["COMP-1", "CONV-2"]);
        asked[0].AskedOfEveryone.ShouldBeTrue();
        asked[1].Because.ShouldBe(OperatorRoles.RoadCarrier);
        asked[1].Alleviated.ShouldBeFalse();
        asked[1].Text().ShouldBe("How are conveyances tracked?");
    }

    [Fact]
    public void A_broker_is_not_asked_about_conveyances_and_a_carrier_not_about_clients()
    {
        Applicability.Select(Pack, OperatorRoles.CustomsBroker, sme: false).Select(q => q.Code).ShouldBe(["COMP-1", "PART-2"]);
        Applicability.Select(Pack, OperatorRoles.SeaCarrier, sme: true).Select(q => q.Code).ShouldBe(["COMP-1", "CONV-2"]);
    }

    [Fact]
    public void Unknown_roles_and_questions_without_roles_ask_everything_so_missing_data_never_lowers_the_standard()
    {
        Applicability.Select(Pack, OperatorRoles.None, sme: false).Select(q => q.Code).ShouldBe(["COMP-1", "CONV-2", "PART-2"]);
        Applicability.Select(Pack, OperatorRoles.None, sme: false).ShouldAllBe(q => q.AskedOfEveryone);

        // A pack written before questions had roles asks every question of every operator, as before.
        var old = new CriterionQuestion("PREM-1", "Premises security", "Fences?", true, false, false);
        Applicability.Select([old], OperatorRoles.CustomsBroker, sme: true).Single().AskedOfEveryone.ShouldBeTrue();
    }

    [Fact]
    public void An_sme_answers_the_alleviated_form_in_its_language_and_a_large_company_the_full_question()
    {
        var sme = Applicability.Select(Pack, OperatorRoles.RoadCarrier, sme: true);
        sme[1].Alleviated.ShouldBeTrue();
        sme[1].Text().ShouldBe("How do drivers report stops?");
        sme[1].Text("es").ShouldBe("¿Cómo informan los conductores las paradas?");
        sme[1].AsAsked("es").Text.ShouldBe("¿Cómo informan los conductores las paradas?");

        // The same evidence rules apply: the alleviated form changes the words, not what must be shown.
        sme[1].AsAsked().EvidenceRequired.ShouldBeTrue();

        // A question without an alleviated form is asked in full of an SME too.
        sme[0].Alleviated.ShouldBeFalse();
        Applicability.Select(Pack, OperatorRoles.RoadCarrier, sme: false)[1].Text("es").ShouldBe("¿Cómo se sigue el transporte?");
    }

    [Fact]
    public void Size_is_the_sme_track_or_the_programmes_own_definition()
    {
        Applicability.IsSme(Track.Sme, Sme, employees: null, turnover: null).ShouldBeTrue();
        Applicability.IsSme(Track.Standard, Sme, employees: 49, turnover: null).ShouldBeTrue();
        Applicability.IsSme(Track.Standard, Sme, employees: 50, turnover: null).ShouldBeFalse();
        Applicability.IsSme(Track.Standard, Sme, employees: null, turnover: null).ShouldBeFalse();
    }

    [Fact]
    public void The_shipped_safe_pack_asks_an_sme_carrier_about_conveyances_but_not_about_clients_or_production_lines()
    {
        var asked = Applicability.Select(DefaultCriteria.Questions(Track.Sme), OperatorRoles.RoadCarrier, sme: true);
        var codes = asked.Select(q => q.Code).ToList();

        codes.ShouldContain("CONV-2");
        codes.ShouldNotContain("PART-2");
        codes.ShouldNotContain("CARGO-4");
        codes.ShouldNotContain("RECS-2");
        asked.Single(q => q.Code == "CONV-2").Because.ShouldBe(OperatorRoles.RoadCarrier);
        asked.Where(q => q.Alleviated).ShouldNotBeEmpty();
        asked.ShouldAllBe(q => !string.IsNullOrWhiteSpace(q.Question.TextEs));
    }

    [Fact]
    public void The_shipped_pack_covers_every_safe_group_and_an_exporter_is_asked_what_it_was_asked_before()
    {
        var pack = DefaultCriteria.Questions(Track.Standard);
        pack.Select(q => q.Group).Distinct().Count().ShouldBe(13);
        Applicability.Select(pack, OperatorRoles.Exporter, sme: false).Count.ShouldBe(18);
        Applicability.Select(pack, OperatorRoles.Importer, sme: false).Count.ShouldBe(18);
        CriteriaPack.Create("k", "Pack", Track.Standard, null, pack, DateTimeOffset.UnixEpoch).IsOk.ShouldBeTrue();
    }

    [Fact]
    public void Outsourcing_is_allowed_per_criterion_on_the_standard_track_too()
    {
        var standard = DefaultCriteria.Questions(Track.Standard);
        standard.Single(q => q.Code == "PREM-1").OutsourcingAllowed.ShouldBeTrue();
        standard.Single(q => q.Code == "CARGO-2").OutsourcingAllowed.ShouldBeFalse();
        standard.ShouldAllBe(q => !q.OutcomeBasedAllowed);

        // The application's readiness accepts a named contractor on the standard track where the criterion allows it.
        var answers = new Dictionary<string, AnswerSnapshot>
        {
            ["PREM-1"] = new("PREM-1", "Guarded around the clock.", false, null, Outsourced: true, "SecureGuard", EvidenceCount: 1)
            {
                ProviderTin = "TW55500001",
            },
            ["CARGO-2"] = new("CARGO-2", "Seals by our carrier.", false, null, Outsourced: true, "SecureGuard", EvidenceCount: 1)
            {
                ProviderTin = "TW55500001",
            },
        };
        var gaps = Readiness.Assess(standard.Where(q => q.Code is "PREM-1" or "CARGO-2"), answers, Track.Standard);
        gaps.Single().QuestionCode.ShouldBe("CARGO-2");
        gaps.Single().Kind.ShouldBe(GapKind.ProviderMissing);
    }

    [Fact]
    public void A_pack_refuses_a_role_that_does_not_exist_and_a_spanish_alleviated_form_without_an_english_one()
    {
        var bad = Everyone with { Roles = (OperatorRoles)(1 << 30) };
        CriteriaPack.Create("k", "Pack", Track.Standard, null, [bad], DateTimeOffset.UnixEpoch).IsOk.ShouldBeFalse();
        var half = Everyone with { SmeTextEs = "¿Infracciones?" };
        CriteriaPack
            .Create("k", "Pack", Track.Standard, null, [half], DateTimeOffset.UnixEpoch)
            .Errors.Single()
            .Message.ShouldContain("Spanish alleviated form");
    }

    [Fact]
    public void The_self_check_asks_a_visitor_what_its_roles_and_size_call_for()
    {
        var programme = new SelfCheckProgramme("TW", Tracks.Standard | Tracks.Sme, Sme, SlaPolicy.Default, OperatorRoles.None);
        var carrier = new SelfCheckProfile(OperatorRoles.RoadCarrier, 12, null, null);
        var result = SelfCheck.Assess(
            programme,
            carrier,
            Track.Sme,
            DefaultCriteria.Questions(Track.Sme),
            new Dictionary<string, SelfCheckAnswer>()
        );

        result.Criteria.Select(c => c.Code).ShouldContain("CONV-2");
        result.Criteria.Select(c => c.Code).ShouldNotContain("PART-2");
        var conv = result.Criteria.Single(c => c.Code == "CONV-2");
        conv.Because.ShouldBe(OperatorRoles.RoadCarrier);
        conv.Alleviated.ShouldBeTrue();
        conv.Question.ShouldBe(DefaultCriteria.Questions(Track.Sme).Single(q => q.Code == "CONV-2").SmeText);

        var broker = SelfCheck.Assess(
            programme,
            carrier with
            {
                Roles = OperatorRoles.CustomsBroker,
                Employees = 500,
            },
            Track.Standard,
            DefaultCriteria.Questions(Track.Standard),
            new Dictionary<string, SelfCheckAnswer>()
        );
        broker.Criteria.Select(c => c.Code).ShouldContain("PART-2");
        broker.Criteria.Select(c => c.Code).ShouldNotContain("CONV-2");
        broker.Criteria.ShouldAllBe(c => !c.Alleviated);
    }
}
