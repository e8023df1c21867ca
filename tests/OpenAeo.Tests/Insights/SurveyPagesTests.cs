using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Insights;

/// <summary>The survey pages as HTML: an officer writes a survey from scratch, a respondent answers it on the open link.</summary>
public sealed class Surveys_on_the_pages
{
    [Fact]
    public async Task A_survey_written_on_the_page_is_answered_on_its_open_link_and_a_bad_answer_keeps_what_was_chosen()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        var refused = await officer.PostForm(
            "/insights/surveys",
            "survey-new",
            [new("Form.Template", ""), new("Form.Title", "Port users 2026"), new("Form.Questions", "Q1 likert Waiting times fell.")]
        );
        (await refused.Text()).ShouldContain("Question line 1 should read 'CODE | likert | statement'");

        var created = await officer.PostForm(
            "/insights/surveys",
            "survey-new",
            [
                new("Form.Template", ""),
                new("Form.Title", "Port users 2026"),
                new(
                    "Form.Questions",
                    "# Waiting\nQ1 | likert | Waiting times at the port fell this year.\nO1 | open | What should change first?"
                ),
                new("Form.Segments", "broker | Customs broker | Private sector\ncarrier | Carrier | Private sector"),
            ]
        );
        var page = await created.Text();
        page.ShouldContain("Port users 2026");
        page.ShouldContain("Draft (not open yet)");
        (await app.Anonymous().GetAsync("/surveys/port-users-2026")).StatusCode.ShouldBe(
            HttpStatusCode.NotFound,
            "a draft has no public page"
        );

        var id = int.Parse(created.RequestMessage!.RequestUri!.Segments[^1], System.Globalization.CultureInfo.InvariantCulture);
        (
            await officer.PostAsJsonAsync($"/api/v1/surveys/{id}/opening", new { closesOn = new DateOnly(2026, 3, 20), openLink = true })
        ).StatusCode.ShouldBe(HttpStatusCode.OK);

        var respondent = app.Anonymous();
        var incomplete = await respondent.PostForm("/surveys/port-users-2026", "survey-answer", [new("q-Q1", "4")]);
        var text = await incomplete.Text();
        text.ShouldContain("Say which best describes you: Customs broker, Carrier.");
        text.ShouldContain("value=\"4\" checked");

        var answered = await respondent.PostForm(
            "/surveys/port-users-2026",
            "survey-answer",
            [new("segment", "carrier"), new("q-Q1", "2"), new("q-O1", "Opening hours.")]
        );
        (await answered.Text()).ShouldContain("your answers were received");
        var results = await officer.GetStringAsync($"/api/v1/surveys/{id}/results?format=csv");
        results.ShouldContain("Q1,Waiting,Waiting times at the port fell this year.,Segment,Carrier,1,0,1,0,0,0,2.00,2,0.000");
    }
}
