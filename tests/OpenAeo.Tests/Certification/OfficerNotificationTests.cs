using OpenAeo.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Certification;

public class Officers_are_told_when_the_applicant_moves
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_answer_to_an_information_request_tells_the_account_manager_and_the_officer_who_asked(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var manager = await app.ClientAs(Role.AccountManager, name: "am-lin");
        var bystander = await app.ClientAs(Role.ProgrammeOfficer, name: "po-wu");
        var applicant = await Applicant.Register(app, "TW17171717", officer: await app.ClientAs(Role.ProgrammeOfficer, name: "po-chen"));
        var id = await applicant.UnderReview();
        var asked = await applicant.ByOfficer(
            $"/api/v1/applications/{id}/information-requests",
            new { question = "Name your CCTV provider.", dueOn = "2026-03-20" }
        );

        await applicant.ByTrader(
            $"/api/v1/applications/{id}/information-requests/{asked.InformationRequests[0].Id}/answer",
            new { answer = "SecureGuard Services." }
        );

        var subject = $"Application {asked.Reference}: the applicant answered an information request";
        var told = await manager.GetItemsAsync<NotificationResponse>("/api/v1/notifications");
        told.ShouldContain(n => n.Subject == subject && n.Link == $"/applications/{id}");
        told.ShouldContain(n => n.Subject == $"Application {asked.Reference}: the applicant submitted it");
        (await applicant.Officer.GetItemsAsync<NotificationResponse>("/api/v1/notifications")).ShouldContain(n => n.Subject == subject);
        (await bystander.GetItemsAsync<NotificationResponse>("/api/v1/notifications")).ShouldNotContain(n => n.Subject == subject);
        (await applicant.Trader.GetItemsAsync<NotificationResponse>("/api/v1/notifications")).ShouldNotContain(n => n.Subject == subject);
    }

    [Fact]
    public async Task A_submission_naming_nobody_tells_every_programme_officer_and_no_account_manager()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var applicant = await Applicant.Register(app, "TW18181818");
        var id = (await applicant.Start("Standard")).Id;
        await applicant.FillAll(id);

        var submitted = await applicant.ByTrader($"/api/v1/applications/{id}/submission");

        submitted.AccountManager.ShouldBeNull();
        var subject = $"Application {submitted.Reference}: the applicant submitted it";
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        (await officer.GetItemsAsync<NotificationResponse>("/api/v1/notifications")).ShouldContain(n => n.Subject == subject);
        var manager = await app.ClientAs(Role.AccountManager);
        (await manager.GetItemsAsync<NotificationResponse>("/api/v1/notifications")).ShouldNotContain(n => n.Subject == subject);
    }
}
