using OpenAeo.Tests.Certification;

namespace OpenAeo.Tests.Clearance;

/// <summary>
/// The trader's home lists its recent declarations by the programme's day: one lodged at 07:00 in Taipei (23:00 UTC the
/// evening before) shows Taipei's date, the day it is filed under at the border, not the UTC one.
/// </summary>
public class The_trader_home
{
    [Fact]
    public async Task Shows_a_declaration_lodged_before_eight_in_the_morning_in_taipei_under_taipeis_day()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await Border.Open(app);
        var trader = await Applicant.Register(app, "TW20000011", roles: ["Importer"]);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 11, 7, 0, 0, TimeSpan.FromHours(8)));
        await Border.Lodge(border.Officer, Border.Declaration(trader.Tin, reference: "EARLY-1"));

        var home = await trader.Trader.GetStringAsync("/");

        home.ShouldContain("EARLY-1");
        home.ShouldContain("11 March 2026");
        home.ShouldNotContain("10 March 2026");
    }
}
