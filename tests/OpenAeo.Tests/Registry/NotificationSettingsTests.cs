using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Registry;

public class Each_person_chooses_their_notifications
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_person_saves_their_own_choice_audited_and_another_trader_reads_only_their_own(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        foreach (var tin in new[] { "TW51515151", "TW52525252" })
        {
            await RegisteredOperator.Register(officer, tin);
        }

        var lin = await app.ClientAs(Role.Trader, "TW51515151", name: "trader-lin");
        var wu = await app.ClientAs(Role.Trader, "TW52525252", name: "trader-wu");

        var saved = await lin.PutAsJsonAsync(
            "/api/v1/me/notification-settings",
            new { email = "lin@example.tw", byMail = new[] { "Reminders", "Notices" } }
        );
        var refused = await wu.PutAsJsonAsync(
            "/api/v1/me/notification-settings",
            new { email = "wu at example", byMail = new[] { "Pause" } }
        );

        (await saved.Read<NotificationSettingsResponse>(200)).ByMail.ShouldBe(["Reminders", "Notices"]);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Read<Problem>()).For("email")[0].ShouldContain("is not an e-mail address");
        var own = await lin.Get<NotificationSettingsResponse>("/api/v1/me/notification-settings");
        own.Email.ShouldBe("lin@example.tw");
        var other = await wu.Get<NotificationSettingsResponse>("/api/v1/me/notification-settings");
        other.Email.ShouldBeNull();
        other.ByMail.ShouldBeEmpty();
        other.Kinds.ShouldBe(Enum.GetNames<NotificationKind>());
        var trail = await app.WithDb(db => db.AuditEntries().Where(e => e.Action == "user.notification-settings").ToListAsync());
        trail.ShouldHaveSingleItem().Actor.ShouldBe("trader-lin");
    }
}
