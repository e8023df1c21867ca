using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

/// <summary>Issue 13, item 6: where an AEO of our programme (TW) is recognised, partner by partner.</summary>
public sealed class Where_an_aeo_is_recognised_abroad
{
    private static readonly DateOnly Today = Day("2026-03-02");

    private static AbroadMra Mra(
        string id,
        MraStatus stage,
        string[] parties,
        string? inForce = null,
        OperatorRoles roles = OperatorRoles.None,
        string[]? tiers = null,
        string? suspended = null
    ) =>
        new(
            new MraTerms(
                id,
                parties,
                null,
                inForce is null ? null : Day(inForce),
                suspended is null ? null : Day(suspended),
                null,
                roles,
                tiers ?? []
            ),
            stage,
            [$"benefit of {id}"]
        );

    private static readonly AbroadHolder Exporter = new(OperatorRoles.Exporter | OperatorRoles.Manufacturer, "Standard", IsAeo: true);

    [Fact]
    public void An_mra_in_force_recognises_the_aeo_at_each_partner_with_its_benefits()
    {
        var rows = RecognitionAbroadRule.WhereRecognised(
            "TW",
            Exporter,
            [Mra("MRA-1", MraStatus.InForce, ["TW", "JP"], "2025-01-01")],
            Today
        );

        var jp = rows.ShouldHaveSingleItem();
        jp.ShouldBe(new RecognitionAbroad("JP", "MRA-1", MraStatus.InForce, AbroadOutcome.Recognised, jp.Benefits));
        jp.Benefits.ShouldBe(["benefit of MRA-1"]);
    }

    [Fact]
    public void A_signed_mra_not_yet_in_force_and_one_under_negotiation_say_their_stage_and_recognise_nothing()
    {
        var rows = RecognitionAbroadRule.WhereRecognised(
            "TW",
            Exporter,
            [
                Mra("MRA-2", MraStatus.UnderNegotiation, ["TW", "NZ"]),
                Mra("MRA-3", MraStatus.Signed, ["TW", "US"]),
                Mra("MRA-4", MraStatus.InForce, ["TW", "KR"], "2026-03-03"),
            ],
            Today
        );

        rows.Select(r => (r.Partner, r.Stage, r.Outcome))
            .ShouldBe([
                ("KR", MraStatus.InForce, AbroadOutcome.NotInForce),
                ("US", MraStatus.Signed, AbroadOutcome.NotInForce),
                ("NZ", MraStatus.UnderNegotiation, AbroadOutcome.NotInForce),
            ]);
    }

    [Fact]
    public void A_suspended_mra_recognises_nothing_and_a_terminated_one_is_not_listed()
    {
        var rows = RecognitionAbroadRule.WhereRecognised(
            "TW",
            Exporter,
            [
                Mra("MRA-5", MraStatus.Suspended, ["TW", "CA"], "2020-01-01", suspended: "2026-03-02"),
                Mra("MRA-6", MraStatus.Terminated, ["TW", "MX"]),
            ],
            Today
        );

        var ca = rows.ShouldHaveSingleItem();
        (ca.Partner, ca.Mra, ca.Stage, ca.Outcome).ShouldBe(("CA", "MRA-5", MraStatus.Suspended, AbroadOutcome.NotInForce));
    }

    [Fact]
    public void The_scope_decides_roles_and_tiers()
    {
        var rows = RecognitionAbroadRule.WhereRecognised(
            "TW",
            Exporter,
            [
                Mra("MRA-7", MraStatus.InForce, ["TW", "JP"], "2025-01-01", roles: OperatorRoles.Importer),
                Mra("MRA-8", MraStatus.InForce, ["TW", "SG"], "2025-01-01", roles: OperatorRoles.Exporter, tiers: ["Premium"]),
                Mra("MRA-9", MraStatus.InForce, ["TW", "AU"], "2025-01-01", roles: OperatorRoles.Manufacturer, tiers: ["standard"]),
            ],
            Today
        );

        rows.Select(r => (r.Partner, r.Outcome))
            .ShouldBe([("AU", AbroadOutcome.Recognised), ("JP", AbroadOutcome.RoleNotCovered), ("SG", AbroadOutcome.TierNotCovered)]);
    }

    [Fact]
    public void A_company_that_is_not_an_aeo_today_is_recognised_nowhere_but_sees_the_arrangements()
    {
        var rows = RecognitionAbroadRule.WhereRecognised(
            "TW",
            Exporter with
            {
                IsAeo = false,
            },
            [Mra("MRA-1", MraStatus.InForce, ["TW", "JP"], "2025-01-01")],
            Today
        );

        rows.ShouldHaveSingleItem().Outcome.ShouldBe(AbroadOutcome.NotAnAeo);
    }

    [Fact]
    public void A_plurilateral_mra_lists_every_other_member_and_the_best_arrangement_per_partner_wins()
    {
        var rows = RecognitionAbroadRule.WhereRecognised(
            "CL",
            null,
            [
                Mra("MRA-10", MraStatus.InForce, ["CL", "CO", "MX", "PE"], "2024-06-01"),
                Mra("MRA-11", MraStatus.Signed, ["CL", "MX"]),
                Mra("MRA-12", MraStatus.InForce, ["TW", "JP"], "2025-01-01"),
            ],
            Today
        );

        rows.Select(r => (r.Partner, r.Mra, r.Outcome))
            .ShouldBe(
                [
                    ("CO", "MRA-10", AbroadOutcome.Recognised),
                    ("MX", "MRA-10", AbroadOutcome.Recognised),
                    ("PE", "MRA-10", AbroadOutcome.Recognised),
                ],
                "an MRA without our economy says nothing about our AEOs"
            );
    }
}
