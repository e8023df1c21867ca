using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Clearance;

public class Deciding_a_lane
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    private static DeclarationDetails Declaration(
        string hs = "84713000",
        decimal value = 1_000,
        string origin = "US",
        string reference = "R-1"
    ) =>
        new(
            reference,
            DeclarationType.Import,
            TransportMode.Sea,
            origin,
            "JP",
            "JPTYO1",
            "Asia/Tokyo",
            [
                new(PartyRole.Importer, ParseTin("JP00000001")),
                new(PartyRole.Consignor, ParseTin("US00000001")),
                new(PartyRole.CustomsBroker, ParseTin("JP00000009")),
            ],
            [new(1, hs, value)],
            value,
            false
        );

    private static IReadOnlyList<PartyStanding> Standing(
        RecognitionResult importer,
        RecognitionResult consignor = RecognitionResult.Unknown,
        RecognitionResult broker = RecognitionResult.Unknown
    ) =>
        [
            new(PartyRole.Importer, ParseTin("JP00000001"), importer),
            new(
                PartyRole.Consignor,
                ParseTin("US00000001"),
                consignor,
                consignor == RecognitionResult.RecognisedUnderMra ? "MRA-US-JP" : null,
                "US"
            ),
            new(PartyRole.CustomsBroker, ParseTin("JP00000009"), broker),
        ];

    /// <summary>A seed whose customs draw for the reference is not a random selection, so lanes come from the score alone.</summary>
    private static SelectivityPolicy NoRandom(string reference = "R-1", IReadOnlyList<RiskRule>? rules = null)
    {
        var seed = Enumerable
            .Range(1, 1000)
            .First(s => Draw.Uniform(s, reference, "customs") > 0.5 && Draw.Uniform(s, reference, "agency:FDA") > 0.5);
        return new SelectivityPolicy(
            SelectivityProfile.Default,
            rules ?? ClearanceWorld.Rules,
            ClearanceWorld.Agencies,
            ClearanceWorld.Controls,
            seed
        );
    }

    [Fact]
    public void Credits_lower_the_score_of_an_aeo_importer_by_its_points_and_move_it_a_lane_down()
    {
        var d = Declaration(value: 50_000);

        var other = Selectivity.Decide(d, Day, Standing(RecognitionResult.Unknown), null, NoRandom());
        var aeo = Selectivity.Decide(d, Day, Standing(RecognitionResult.LocalAeo, broker: RecognitionResult.LocalAeo), null, NoRandom());

        other.Score.ShouldBe(20 + 15 + 30);
        other.Lane.ShouldBe(Lane.Yellow);
        aeo.Credits.Select(c => (c.Kind, c.Role, c.Points))
            .ShouldBe([(CreditKind.LocalAeo, PartyRole.Importer, 40), (CreditKind.LocalAeo, PartyRole.CustomsBroker, 10)]);
        aeo.Score.ShouldBe(15 + 30 - 50);
        aeo.Lane.ShouldBe(Lane.Green);
        aeo.Causes.ShouldBeEmpty();
    }

    [Fact]
    public void A_forced_lane_is_not_lowered_by_credits()
    {
        var decision = Selectivity.Decide(
            Declaration(hs: "93063000"),
            Day,
            Standing(RecognitionResult.LocalAeo, RecognitionResult.RecognisedUnderMra),
            "chain",
            NoRandom()
        );

        decision.Lane.ShouldBe(Lane.Red);
        decision.Causes.ShouldBe([LaneCause.ForcedByRule]);
        decision.Rules.ShouldContain(r => r.RuleId == "AMMO" && r.ForceLane == Lane.Red);
        decision.Credits.Sum(c => c.Points).ShouldBe(40 + 30 + 20);
    }

    [Fact]
    public void An_agency_that_recognises_aeo_standards_waives_its_documentary_check_for_an_aeo_only()
    {
        var medicines = Declaration(hs: "30049000", reference: "R-FDA");

        var aeo = Selectivity.Decide(medicines, Day, Standing(RecognitionResult.LocalAeo), null, NoRandom("R-FDA"));
        var other = Selectivity.Decide(medicines, Day, Standing(RecognitionResult.Unknown), null, NoRandom("R-FDA"));

        aeo.Agencies.Single()
            .ShouldSatisfyAllConditions(
                a => a.PermitRequired.ShouldBeTrue(),
                a => a.DocumentaryCheckWaived.ShouldBeTrue(),
                a => a.InspectionRate.ShouldBe(0.05, 1e-12)
            );
        aeo.Credits.ShouldContain(c => c.Kind == CreditKind.OgaBenefit);
        other.Agencies.Single().DocumentaryCheckWaived.ShouldBeFalse();
        (other.Lane >= Lane.Yellow).ShouldBeTrue();
        other.Causes.ShouldContain(LaneCause.AgencyDocumentaryCheck);
        other.ForTrader().ShouldContain("Documentary check required by Food and Drug Administration.");
        aeo.ForTrader().ShouldContain("Food and Drug Administration recognises AEO status: no separate documentary check.");
    }

    [Fact]
    public void An_agency_inspection_draw_below_its_rate_makes_a_joint_inspection_in_the_red_lane()
    {
        var plants = Declaration(hs: "06029000", reference: "R-PQ");
        var seed = Enumerable
            .Range(1, 1000)
            .First(s => Draw.Uniform(s, "R-PQ", "agency:PQ") < 0.3 && Draw.Uniform(s, "R-PQ", "customs") > 0.5);
        var policy = new SelectivityPolicy(SelectivityProfile.Default, [], ClearanceWorld.Agencies, ClearanceWorld.Controls, seed);

        var decision = Selectivity.Decide(plants, Day, Standing(RecognitionResult.Unknown), null, policy);

        decision.Lane.ShouldBe(Lane.Red);
        decision.Causes.ShouldBe([LaneCause.AgencyInspection]);
        decision.ForTrader().ShouldContain("Joint inspection with Plant Quarantine: one examination, one appointment.");
    }

    [Fact]
    public void The_trader_version_never_shows_rules_scores_or_thresholds()
    {
        var decision = Selectivity.Decide(
            Declaration(value: 90_000, origin: "CN"),
            Day,
            Standing(RecognitionResult.Unknown),
            null,
            NoRandom()
        );
        var text = string.Join("\n", decision.ForTrader());

        decision.Rules.Count.ShouldBeGreaterThan(2);
        foreach (var rule in decision.Rules)
        {
            text.ShouldNotContain(rule.RuleId);
            text.ShouldNotContain(rule.Name);
        }

        text.ShouldNotContain(decision.Score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        text.ShouldContain("Selected by risk assessment.");
    }

    [Fact]
    public void A_rule_version_applies_from_its_first_day_until_the_next_version()
    {
        var v1 = ClearanceWorld.Rule("X", 50, RuleConditions.Always) with
        {
            EffectiveFrom = new DateOnly(2026, 1, 1),
            EffectiveUntil = new DateOnly(2026, 3, 2),
        };
        var v2 = ClearanceWorld.Rule("X", 80, RuleConditions.Always) with { Version = 2, EffectiveFrom = new DateOnly(2026, 3, 2) };

        Selectivity
            .Decide(Declaration(), new DateOnly(2026, 3, 1), Standing(RecognitionResult.LocalAeo), null, NoRandom(rules: [v1, v2]))
            .Rules.Single()
            .Version.ShouldBe(1);
        Selectivity
            .Decide(Declaration(), new DateOnly(2026, 3, 2), Standing(RecognitionResult.LocalAeo), null, NoRandom(rules: [v1, v2]))
            .Rules.Single()
            .Version.ShouldBe(2);
        Selectivity
            .Decide(Declaration(), new DateOnly(2025, 12, 31), Standing(RecognitionResult.LocalAeo), null, NoRandom(rules: [v1, v2]))
            .Rules.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("8471", "84713000", true)]
    [InlineData("8471-8473", "84733000", true)]
    [InlineData("8471-8473", "84740000", false)]
    [InlineData("02-09", "09012100", true)]
    [InlineData("02-09", "10010000", false)]
    [InlineData("930630", "93063000", true)]
    public void Hs_ranges_compare_the_leading_digits(string range, string code, bool contained) =>
        HsRange.Parse(range).Value!.Contains(code).ShouldBe(contained);

    [Theory]
    [InlineData("84x1")]
    [InlineData("8473-8471")]
    [InlineData("1")]
    [InlineData("")]
    public void A_malformed_hs_range_is_refused(string range) => HsRange.Parse(range).IsOk.ShouldBeFalse();

    [Fact]
    public void Draws_are_uniform_and_independent_of_the_stream()
    {
        var draws = Enumerable.Range(0, 50_000).Select(i => Draw.Uniform(7, $"D-{i}", "customs")).ToList();

        draws.Average().ShouldBe(0.5, 0.01);
        draws.Count(d => d < 0.1).ShouldBeInRange(4_600, 5_400);
        Enumerable.Range(0, 1000).Count(i => Draw.Uniform(7, $"D-{i}", "customs") == Draw.Uniform(7, $"D-{i}", "agency:FDA")).ShouldBe(0);
    }

    [Fact]
    public void A_declaration_without_its_principal_or_with_a_role_twice_is_refused()
    {
        var d = Declaration();
        var noImporter = d with { Parties = [.. d.Parties.Where(p => p.Role != PartyRole.Importer)] };
        var twice = d with { Parties = [.. d.Parties, new(PartyRole.CustomsBroker, ParseTin("JP00000008"))] };
        var badZone = d with { OfficeTimeZone = "Mars/Olympus" };
        var economies = new HashSet<string> { "JP", "US" };

        DeclarationDetails.Validate(noImporter, economies).Errors.Select(e => e.Code).ShouldBe(["declaration.principal"]);
        DeclarationDetails.Validate(twice, economies).Errors.Select(e => e.Code).ShouldBe(["declaration.party-twice"]);
        DeclarationDetails.Validate(badZone, economies).Errors.Select(e => e.Field).ShouldBe(["officeTimeZone"]);
        DeclarationDetails.Validate(d, economies).IsOk.ShouldBeTrue();
    }

    [Theory]
    [InlineData(Role.Trader, "JP00000001", true)]
    [InlineData(Role.Trader, "JP00000009", true)]
    [InlineData(Role.Trader, "US00000001", false)]
    [InlineData(Role.Trader, "JP00000002", false)]
    [InlineData(Role.BorderOfficer, null, true)]
    public void A_trader_lodges_only_as_the_importer_exporter_or_broker_named_in_the_declaration(Role role, string? operatorTin, bool may)
    {
        var refused = Declaration().RefusesLodgementBy(role, operatorTin);

        (refused is null).ShouldBe(may);
        if (refused is not null)
        {
            refused.Code.ShouldBe("forbidden");
        }
    }
}

public class Clearing_a_declaration_after_its_lane
{
    private static ClearanceState State(Lane lane, params Milestone[] reached) => new(lane, reached.ToHashSet(), []);

    [Fact]
    public void A_red_declaration_needs_the_paper_check_and_the_examination_before_release()
    {
        ClearanceProgress.Next(State(Lane.Red), ClearanceAction.Release).Errors[0].Code.ShouldBe("declaration.transition");
        ClearanceProgress
            .Next(State(Lane.Red, Milestone.DocumentaryCheckStarted, Milestone.DocumentaryCheckEnded), ClearanceAction.Release)
            .IsOk.ShouldBeFalse();
        ClearanceProgress
            .Next(State(Lane.Red, Milestone.DocumentaryCheckEnded, Milestone.ExaminationEnded), ClearanceAction.Release)
            .Value.ShouldBe(Milestone.Released);
    }

    [Fact]
    public void Checks_follow_the_lane_and_happen_once()
    {
        ClearanceProgress.Next(State(Lane.Green), ClearanceAction.StartDocumentaryCheck).IsOk.ShouldBeFalse();
        ClearanceProgress.Next(State(Lane.Yellow), ClearanceAction.StartExamination).IsOk.ShouldBeFalse();
        ClearanceProgress.Next(State(Lane.Yellow), ClearanceAction.StartDocumentaryCheck).Value.ShouldBe(Milestone.DocumentaryCheckStarted);
        ClearanceProgress
            .Next(State(Lane.Yellow, Milestone.DocumentaryCheckStarted), ClearanceAction.StartDocumentaryCheck)
            .IsOk.ShouldBeFalse();
        ClearanceProgress.Next(State(Lane.Yellow), ClearanceAction.EndDocumentaryCheck).IsOk.ShouldBeFalse();
    }

    [Fact]
    public void A_permit_awaited_or_refused_blocks_release_and_delivery_follows_release()
    {
        var waiting = new ClearanceState(Lane.Green, new HashSet<Milestone>(), [PermitStatus.Requested]);
        var refused = new ClearanceState(Lane.Green, new HashSet<Milestone>(), [PermitStatus.Refused]);

        ClearanceProgress.Next(waiting, ClearanceAction.Release).Errors[0].Message.ShouldContain("permit");
        ClearanceProgress.Next(refused, ClearanceAction.Release).Errors[0].Message.ShouldContain("refused");
        ClearanceProgress.ReleasedOnAssignment(Lane.Green, [PermitStatus.Requested]).ShouldBeFalse();
        ClearanceProgress.ReleasedOnAssignment(Lane.Blue, [PermitStatus.Granted]).ShouldBeTrue();
        ClearanceProgress.Next(State(Lane.Green), ClearanceAction.Deliver).IsOk.ShouldBeFalse();
        ClearanceProgress.Next(State(Lane.Green, Milestone.Released), ClearanceAction.Deliver).Value.ShouldBe(Milestone.Delivered);
        ClearanceProgress.Next(State(Lane.Green, Milestone.Released, Milestone.Delivered), ClearanceAction.Deliver).IsOk.ShouldBeFalse();
    }
}

public class An_agency_officer_account
{
    [Fact]
    public void Names_its_agency_and_only_an_agency_officer_names_one()
    {
        OpenAeo
            .Domain.Registry.UserAccount.Create(
                "fda-officer",
                null,
                OpenAeo.Domain.Registry.Role.OgaOfficer,
                null,
                null,
                Builders.Now,
                " fda "
            )
            .Value!.Agency.ShouldBe("FDA");
        OpenAeo
            .Domain.Registry.UserAccount.Create("nobody", null, OpenAeo.Domain.Registry.Role.OgaOfficer, null, null, Builders.Now)
            .Errors.Select(e => e.Code)
            .ShouldBe(["user.agency"]);
        OpenAeo
            .Domain.Registry.UserAccount.Create("border", null, OpenAeo.Domain.Registry.Role.BorderOfficer, null, null, Builders.Now, "FDA")
            .Errors.Select(e => e.Code)
            .ShouldBe(["user.agency"]);
    }
}
