using OpenAeo.Clearance;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Clearance;

/// <summary>
/// Rules and profile versions start on days of the node's programme (TW: Asia/Taipei): at 17:30 UTC on 2 March it is
/// 01:30 on 3 March in Taipei, so the 2nd is already past there though it is still the UTC day.
/// </summary>
public class Rule_and_profile_days
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Today_is_the_programmes_day_when_the_utc_day_is_still_yesterday(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.BorderOfficer);
        var rule = new
        {
            id = "NIGHT",
            name = "Night shift pilot",
            conditions = new { maxValue = 10_000 },
            score = 10,
            effectiveFrom = (string?)"2026-03-02",
        };
        var d = SelectivityProfile.Default;
        var profile = new
        {
            d.YellowFrom,
            d.RedFrom,
            d.PrincipalAeoCredit,
            d.PartyAeoCredit,
            d.MraCredit,
            d.AllAeoChainCredit,
            d.OgaCredit,
            d.RandomRate,
            RandomLane = d.RandomLane.ToString(),
            EffectiveFrom = (string?)"2026-03-02",
        };

        // At 15:30 UTC it is 23:30 on the 2nd in Taipei: the 2nd is still today.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 15, 30, 0, TimeSpan.Zero));
        var sameDay = await (await officer.PostAsJsonAsync("/api/v1/clearance/rules", rule with { id = "EVENING" })).Read<RuleResponse>(
            200
        );
        sameDay.EffectiveFrom.ShouldBe(new DateOnly(2026, 3, 2));

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 17, 30, 0, TimeSpan.Zero));
        var backdatedRule = await (await officer.PostAsJsonAsync("/api/v1/clearance/rules", rule)).Read<Problem>(400);
        var backdatedProfile = await (await officer.PutAsJsonAsync("/api/v1/clearance/profile", profile)).Read<Problem>(400);
        var saved = await (await officer.PostAsJsonAsync("/api/v1/clearance/rules", rule with { effectiveFrom = null })).Read<RuleResponse>(
            200
        );
        var backdatedEnd = await (await officer.DeleteAsync("/api/v1/clearance/rules/NIGHT?from=2026-03-02")).Read<Problem>(400);
        var savedProfile = await (
            await officer.PutAsJsonAsync("/api/v1/clearance/profile", profile with { EffectiveFrom = "2026-03-03" })
        ).Read<ProfileVersion>(200);

        backdatedRule.For("effectiveFrom").ShouldBe(["A rule takes effect today (2026-03-03) or later, never in the past."]);
        backdatedProfile.For("effectiveFrom").ShouldBe(["A profile takes effect today (2026-03-03) or later."]);
        backdatedEnd.For("from").ShouldBe(["A rule ends today (2026-03-03) or later, never in the past."]);
        saved.EffectiveFrom.ShouldBe(new DateOnly(2026, 3, 3));
        savedProfile.EffectiveFrom.ShouldBe(new DateOnly(2026, 3, 3));
    }
}
