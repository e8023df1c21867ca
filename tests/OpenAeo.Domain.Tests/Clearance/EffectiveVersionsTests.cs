using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Tests.Clearance;

public class Effective_from_versioning
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo Taipei = TimeZones.Find("Asia/Taipei")!;

    private static readonly TimeZoneInfo Santiago = TimeZones.Find("America/Santiago")!;

    private static DomainError Backdated(DateOnly today) => new("x.backdated", $"today is {today:yyyy-MM-dd}", "effectiveFrom");

    [Fact]
    public void A_change_starts_today_or_on_a_later_day_never_in_the_past()
    {
        EffectiveVersions.StartDay(null, Noon, TimeZoneInfo.Utc, Backdated).Value.ShouldBe(Today);
        EffectiveVersions.StartDay(Today.AddDays(7), Noon, TimeZoneInfo.Utc, Backdated).Value.ShouldBe(Today.AddDays(7));
        EffectiveVersions
            .StartDay(Today.AddDays(-1), Noon, TimeZoneInfo.Utc, Backdated)
            .Errors.ShouldHaveSingleItem()
            .ShouldBe(new("x.backdated", "today is 2026-03-02", "effectiveFrom"));
    }

    [Fact]
    public void Today_is_the_day_on_the_programmes_clocks_not_the_utc_day()
    {
        // 17:30 UTC on 2 March is 01:30 on 3 March in Taipei: the 3rd is already today there, the 2nd is past.
        var lateUtc = new DateTimeOffset(2026, 3, 2, 17, 30, 0, TimeSpan.Zero);
        EffectiveVersions.StartDay(null, lateUtc, Taipei, Backdated).Value.ShouldBe(Today.AddDays(1));
        EffectiveVersions.StartDay(Today.AddDays(1), lateUtc, Taipei, Backdated).Value.ShouldBe(Today.AddDays(1));
        EffectiveVersions
            .StartDay(Today, lateUtc, Taipei, Backdated)
            .Errors.ShouldHaveSingleItem()
            .ShouldBe(new("x.backdated", "today is 2026-03-03", "effectiveFrom"));

        // 15:30 UTC is 23:30 in Taipei, still the 2nd: the 2nd may start, and the 3rd is tomorrow, not today.
        var earlierUtc = new DateTimeOffset(2026, 3, 2, 15, 30, 0, TimeSpan.Zero);
        EffectiveVersions.StartDay(null, earlierUtc, Taipei, Backdated).Value.ShouldBe(Today);
        EffectiveVersions.StartDay(Today, earlierUtc, Taipei, Backdated).Value.ShouldBe(Today);

        // West of UTC the other way: 01:30 UTC on the 3rd is 22:30 on the 2nd in Santiago (UTC-3 in March), so the 2nd is still today.
        var earlyUtc = new DateTimeOffset(2026, 3, 3, 1, 30, 0, TimeSpan.Zero);
        EffectiveVersions.StartDay(Today, earlyUtc, Santiago, Backdated).Value.ShouldBe(Today);
        EffectiveVersions
            .StartDay(Today.AddDays(-1), earlyUtc, Santiago, Backdated)
            .Errors.ShouldHaveSingleItem()
            .ShouldBe(new("x.backdated", "today is 2026-03-02", "effectiveFrom"));
    }

    [Fact]
    public void A_new_version_ends_the_one_in_force_on_its_first_day()
    {
        var chain = EffectiveVersions.Chain([(1, Today.AddDays(-30)), (2, Today)]);

        chain.ShouldBe([new EffectivePeriod(1, Today.AddDays(-30), Today), new EffectivePeriod(2, Today)]);
        EffectiveVersions.InForce(chain, Today.AddDays(-1)).Version.ShouldBe(1);
        EffectiveVersions.InForce(chain, Today).Version.ShouldBe(2);
    }

    [Fact]
    public void A_version_scheduled_on_or_after_a_new_ones_day_is_superseded_and_never_applies()
    {
        var chain = EffectiveVersions.Chain([(1, Today.AddDays(-30)), (2, Today.AddDays(10)), (3, Today.AddDays(5))]);

        chain[1].Retired.ShouldBeTrue();
        chain[0].Until.ShouldBe(Today.AddDays(5));
        EffectiveVersions.InForce(chain, Today.AddDays(20)).Version.ShouldBe(3);
        EffectiveVersions.InForce(chain, Today.AddDays(4)).Version.ShouldBe(1);
    }

    [Fact]
    public void Ending_on_a_day_shortens_the_version_in_force_and_keeps_those_already_ended()
    {
        IReadOnlyList<EffectivePeriod> versions =
        [
            new(1, Today.AddDays(-30), Today.AddDays(-10)),
            new(2, Today.AddDays(-10)),
            new(3, Today.AddDays(3), Retired: true),
        ];

        var ended = EffectiveVersions.EndOn(versions, Today.AddDays(1));

        ended.ShouldBe([
            new EffectivePeriod(1, Today.AddDays(-30), Today.AddDays(-10)),
            new EffectivePeriod(2, Today.AddDays(-10), Today.AddDays(1)),
            versions[2],
        ]);
        ended.ShouldNotContain(v => v.AppliesOn(Today.AddDays(1)));
        ended.Single(v => v.AppliesOn(Today)).Version.ShouldBe(2);
    }

    [Fact]
    public void Before_the_first_version_the_earliest_one_applies_so_old_declarations_replay()
    {
        var chain = EffectiveVersions.Chain([(1, Today), (2, Today.AddDays(3))]);

        EffectiveVersions.InForce(chain, Today.AddYears(-1)).Version.ShouldBe(1);
    }

    [Fact]
    public void A_risk_rule_applies_on_the_days_of_its_period()
    {
        var period = new EffectivePeriod(1, Today, Today.AddDays(3));

        period.AppliesOn(Today.AddDays(-1)).ShouldBeFalse();
        period.AppliesOn(Today).ShouldBeTrue();
        period.AppliesOn(Today.AddDays(2)).ShouldBeTrue();
        period.AppliesOn(Today.AddDays(3)).ShouldBeFalse();
        (period with { Retired = true }).AppliesOn(Today).ShouldBeFalse();
    }
}
