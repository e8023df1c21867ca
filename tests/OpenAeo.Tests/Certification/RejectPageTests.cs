namespace OpenAeo.Tests.Certification;

public class Rejecting_on_the_page
{
    [Fact]
    public async Task Without_a_ticked_reason_the_page_says_so_instead_of_failing()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var applicant = await Applicant.Register(app, "TW7");
        var id = await applicant.UnderReview();
        await applicant.ByOfficer(
            $"/api/v1/applications/{id}/notice-of-intent",
            new { reasons = new[] { "SECURITY" }, text = "Seal control missing." }
        );
        await applicant.ByTrader($"/api/v1/applications/{id}/notice-of-intent/response", new { text = "We disagree." });

        var response = await applicant.Officer.PostForm($"/applications/{id}", "reject", [new("Reject.Text", "Seal control missing.")]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Text()).ShouldContain("A rejection gives one or more of the programme's reason codes");
        (await applicant.Get(id)).State.ShouldBe("IntentToReject");
    }
}
