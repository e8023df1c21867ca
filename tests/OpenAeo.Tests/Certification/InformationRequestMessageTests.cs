namespace OpenAeo.Tests.Certification;

public class Messages_say_what_is_wrong
{
    [Fact]
    public async Task An_information_request_due_in_the_past_says_the_date_must_be_after_today()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var applicant = await Applicant.Register(app, "TW6");
        var id = await applicant.UnderReview();

        var past = await applicant.Officer.PostAsJsonAsync(
            $"/api/v1/applications/{id}/information-requests",
            new { question = "Name your CCTV provider.", dueOn = "2026-02-27" }
        );
        var missing = await applicant.Officer.PostAsJsonAsync(
            $"/api/v1/applications/{id}/information-requests",
            new { question = "Name your CCTV provider." }
        );

        past.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await past.Read<Problem>()).For("dueOn")[0].ShouldBe("The due date must be after today (2026-03-02); 2026-02-27 is in the past.");
        (await missing.Read<Problem>()).For("dueOn")[0].ShouldBe("Give the day the answer is due, after today (2026-03-02).");
    }
}
