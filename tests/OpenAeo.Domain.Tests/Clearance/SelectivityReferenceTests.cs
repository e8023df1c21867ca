using OpenAeo.Domain.Clearance;

namespace OpenAeo.Domain.Tests.Clearance;

public class The_selectivity_reference
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static ProfileVersionOf Version(int version, DateOnly from, int redFrom, long seed) =>
        new(version, from, SelectivityProfile.Default with { RedFrom = redFrom }, seed);

    [Fact]
    public void Decides_each_day_with_the_profile_version_in_force_that_day_and_its_seed()
    {
        // Saved out of order: version 3 (saved last) supersedes version 2, scheduled for a later day, before it applied.
        var reference = SelectivityReference.Build(
            [Version(3, Today.AddDays(5), 90, 3), Version(1, new(2020, 1, 1), 70, 1), Version(2, Today.AddDays(10), 80, 2)],
            ClearanceWorld.Rules,
            ClearanceWorld.Agencies.Values,
            ClearanceWorld.Controls,
            ["TW", "JP"]
        );

        reference.PolicyOn(Today).ProfileVersion.ShouldBe(1);
        reference.PolicyOn(Today).Policy.Profile.RedFrom.ShouldBe(70);
        reference.PolicyOn(Today.AddDays(5)).ProfileVersion.ShouldBe(3);
        reference.PolicyOn(Today.AddDays(12)).ProfileVersion.ShouldBe(3);
        reference.PolicyOn(Today.AddDays(12)).Policy.Seed.ShouldBe(3);
        reference.PolicyOn(Today).Policy.Rules.ShouldBe(ClearanceWorld.Rules);
        reference.PolicyOn(Today).Policy.Agencies["FDA"].AeoInspectionFactor.ShouldBe(0.25);
        reference.Economies.ShouldBe(["TW", "JP"], ignoreOrder: true);
    }

    [Fact]
    public void With_other_rules_keeps_every_profile_version_and_changes_only_the_rules()
    {
        var reference = SelectivityReference.Build(
            [Version(1, new(2020, 1, 1), 70, 1), Version(2, Today, 80, 2)],
            ClearanceWorld.Rules,
            ClearanceWorld.Agencies.Values,
            ClearanceWorld.Controls,
            ["TW"]
        );
        RiskRule[] proposed = [ClearanceWorld.Rule("ONLY", 50, RuleConditions.Always)];

        var simulated = reference.WithRules(proposed);

        simulated.PolicyOn(Today.AddDays(-1)).Policy.Rules.ShouldBe(proposed);
        simulated.PolicyOn(Today).Policy.Rules.ShouldBe(proposed);
        simulated.PolicyOn(Today).Policy.Profile.RedFrom.ShouldBe(80);
        reference.PolicyOn(Today).Policy.Rules.ShouldBe(ClearanceWorld.Rules);
    }

    [Fact]
    public void Needs_a_profile_version_to_decide_with()
    {
        Should.Throw<ArgumentException>(() => SelectivityReference.Build([], [], [], [], []));
    }
}
