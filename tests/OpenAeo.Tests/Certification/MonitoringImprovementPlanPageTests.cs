using OpenAeo.Certification;

namespace OpenAeo.Tests.Certification;

/// <summary>ADR 0040 on the application page: the holder files a monitoring outcome's improvement action there, and sees it listed with its
/// source in words.</summary>
public sealed class The_improvement_plan_panel_shows_monitoring
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_self_review_closed_with_an_improvement_plan_is_a_source_to_file_from_and_its_action_is_listed_by_source(
        string provider
    )
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW20000031");
        var application = await applicant.Validated("Sme");
        var id = (await applicant.ByOfficer($"/api/v1/applications/{application}/grant", new { })).Decision.CertificateId;
        var route = $"/api/v1/certificates/{id}";
        var page = $"/applications/{application}";
        var submitted = await (
            await applicant.Trader.PostAsJsonAsync(
                $"{route}/self-reviews",
                new
                {
                    premisesChanged = true,
                    premises = "Second warehouse in Taoyuan.",
                    declared = true,
                }
            )
        ).Read<MonitoringResponse>(200);
        var review = submitted.SelfReviews[0].Id;
        var before = WebUtility.HtmlDecode(await applicant.Trader.GetStringAsync(page));
        before.ShouldNotContain("Monitoring||");

        await (
            await applicant.Officer.PostAsJsonAsync(
                $"{route}/self-reviews/{review}/outcome",
                new { outcome = "ImprovementPlan", reason = "Extend the seal procedure to the new warehouse." }
            )
        ).Read<MonitoringResponse>(200);
        var offered = WebUtility.HtmlDecode(await applicant.Trader.GetStringAsync(page));
        offered.ShouldContain(
            $"<option value=\"Monitoring||self-review:{review}\">Monitoring after the grant: annual self-review no. {review}</option>"
        );

        var response = await applicant.Trader.PostForm(
            page,
            "improvement-file",
            [
                new("File.Source", $"Monitoring||self-review:{review}"),
                new("File.What", "Seal log at the Taoyuan gate."),
                new("File.Who", "Warehouse supervisor"),
                new("File.DueOn", "2026-05-01"),
            ]
        );
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var filed = await applicant.Get(application);
        filed.ImprovementActions.ShouldContain(a =>
            a.Source == "Monitoring" && a.Key == $"self-review:{review}" && a.What == "Seal log at the Taoyuan gate."
        );

        var listed = WebUtility.HtmlDecode(await applicant.Trader.GetStringAsync(page));
        listed.ShouldContain($"data-testid=\"improvement-for\">Monitoring after the grant: annual self-review no. {review}");
        listed.ShouldContain("Seal log at the Taoyuan gate.");
        WebUtility
            .HtmlDecode(await applicant.Officer.GetStringAsync(page))
            .ShouldContain($"data-testid=\"improvement-for\">Monitoring after the grant: annual self-review no. {review}");
    }
}
