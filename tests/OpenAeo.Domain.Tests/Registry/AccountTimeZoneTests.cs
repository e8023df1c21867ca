using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

/// <summary>An account's time zone (ADR 0066): an IANA id of the tz database the app passes in, chosen by the person or an admin.</summary>
public class A_person_chooses_their_time_zone
{
    /// <summary>A few ids of the tz database, as the app passes all of them.</summary>
    private static readonly HashSet<string> Zones = ["Pacific/Auckland", "America/Los_Angeles", "Asia/Taipei", "UTC"];

    private static UserAccount Account(string name = "kiri", Role role = Role.Trader) =>
        Succeeded(UserAccount.Create(name, null, role, role == Role.Trader ? ParseTin("TW12345678") : null, null, Now));

    [Fact]
    public void An_account_starts_without_a_zone_and_the_person_chooses_one_of_the_database()
    {
        var account = Account();
        account.TimeZone.ShouldBeNull();

        Succeeded(account.ChooseTimeZone(" Pacific/Auckland ", "kiri", Role.Trader, Zones)).ShouldBe("user.time-zone");

        account.TimeZone.ShouldBe("Pacific/Auckland");
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("pacific/auckland")]
    [InlineData("+13:00")]
    [InlineData("Pacific Standard Time")]
    public void A_zone_the_database_does_not_spell_so_is_refused_and_the_choice_stays(string zone)
    {
        var account = Account();
        Succeeded(account.ChooseTimeZone("America/Los_Angeles", "kiri", Role.Trader, Zones));

        var error = SingleError(account.ChooseTimeZone(zone, "kiri", Role.Trader, Zones));

        error.Code.ShouldBe("user.timeZone");
        error.Field.ShouldBe("timeZone");
        account.TimeZone.ShouldBe("America/Los_Angeles");
    }

    [Fact]
    public void Blank_goes_back_to_the_nodes_zone()
    {
        var account = Account();
        Succeeded(account.ChooseTimeZone("Asia/Taipei", "kiri", Role.Trader, Zones));

        Succeeded(account.ChooseTimeZone("  ", "kiri", Role.Trader, Zones));

        account.TimeZone.ShouldBeNull();
    }

    [Theory]
    [InlineData(Role.Trader)]
    [InlineData(Role.ProgrammeOfficer)]
    public void Nobody_but_the_person_or_an_administrator_changes_it(Role role)
    {
        var account = Account();

        SingleError(account.ChooseTimeZone("Pacific/Auckland", "someone-else", role, Zones)).Code.ShouldBe("forbidden");
        account.TimeZone.ShouldBeNull();

        Succeeded(account.ChooseTimeZone("Pacific/Auckland", "root", Role.Admin, Zones));
        account.TimeZone.ShouldBe("Pacific/Auckland");
    }
}
