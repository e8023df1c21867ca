using Microsoft.Extensions.Options;
using OpenAeo.Clearance;

namespace OpenAeo.Tests.Clearance;

/// <summary>
/// Lodging decides against the selectivity reference kept in memory (ADR 0056): a rule saved here decides the next
/// lodging at once; a change made elsewhere counts once the shared stamp has moved and this node has read it.
/// </summary>
public sealed class Selectivity_kept_in_memory
{
    private static readonly object Rule = new
    {
        id = "NZ-WATCH",
        name = "Goods from New Zealand",
        conditions = new { origins = new[] { "NZ" } },
        score = 33,
        reason = "pilot",
    };

    private static async Task<int?> NzWatchScore(Border border) =>
        (await Border.Lodge(border.Officer, Border.Declaration(Border.OtherImporter, origin: "NZ")))
            .Explanation.Rules.SingleOrDefault(r => r.RuleId == "NZ-WATCH")
            ?.Score;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_saved_rule_decides_the_next_lodging_and_a_change_elsewhere_counts_once_the_stamp_moves(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        var check = TimeSpan.FromSeconds(app.Services.GetRequiredService<IOptions<CachingOptions>>().Value.VersionCheckSeconds);
        (await NzWatchScore(border)).ShouldBeNull();

        (await border.Officer.PostAsJsonAsync("/api/v1/clearance/rules", Rule)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await NzWatchScore(border)).ShouldBe(33);

        // Changed behind this node's back, without the stamp (as no save through OpenAeo would): the node keeps what it built.
        await app.WithDb(db => db.RiskRules().Where(r => r.Id == "NZ-WATCH").ExecuteUpdateAsync(u => u.SetProperty(r => r.Score, 44)));
        app.Clock.Advance(check);
        (await NzWatchScore(border)).ShouldBe(33);

        // Another node's save moves the stamp in its transaction: this node sees it at its next check and builds again.
        await app.WithDb(db => db.Set<CachedDataStampRow>().ExecuteUpdateAsync(u => u.SetProperty(r => r.Stamp, r => r.Stamp + 1)));
        (await NzWatchScore(border)).ShouldBe(33);
        app.Clock.Advance(check);
        (await NzWatchScore(border)).ShouldBe(44);
    }
}
