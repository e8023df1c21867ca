using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Registry;

/// <summary>Issue 14 item 11 on the programme page: the office uploads a holiday file and sees the years replaced or the file's
/// errors.</summary>
public sealed class The_programme_pages_holiday_import
{
    private static Task<HttpResponseMessage> Upload(HttpClient client, string fileName, string content) =>
        client.PostFile("/programmes/TW", "/programmes/TW/holidays/import", fileName, content, "text/csv");

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_officer_uploads_a_file_and_sees_the_years_replaced_or_every_bad_line_with_nothing_imported(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        var done = await Upload(
            officer,
            "tw-2027.csv",
            "date,name\n2027-02-05,Lunar New Year's Eve\n2027-02-06,Lunar New Year\n2028-01-26,Lunar New Year's Eve\n"
        );
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await done.Text();
        shown.ShouldContain("Imported: 2027 replaced, 2 dated holidays; 2028 replaced, 1 dated holiday.");
        var days = await app.WithDb(db => db.Programmes().AsNoTracking().SingleAsync(p => p.Code == "TW"));
        days.Holidays.ShouldContain(new DateOnly(2027, 2, 6));

        var refused = await (await Upload(officer, "bad.csv", "date,name\n2027-13-01,Nonsense\n2027-02-10,\n")).Text();
        refused.ShouldContain("Nothing was imported");
        refused.ShouldContain("bad.csv:2:");
        refused.ShouldContain("bad.csv:3:");
        (await app.WithDb(db => db.Programmes().AsNoTracking().SingleAsync(p => p.Code == "TW")))
            .Holidays.Count(d => d.Year == 2027)
            .ShouldBe(2);

        // Roles as the API's import: a border officer neither sees the form nor gets past the endpoint.
        var border = await app.ClientAs(Role.BorderOfficer);
        (await border.GetStringAsync("/programmes/TW")).ShouldNotContain("data-testid=\"holiday-import\"");
        using var sneaky = new MultipartFormDataContent { { new StringContent("date,name\n2027-03-01,x\n"), "file", "x.csv" } };
        (await border.PostAsync("/programmes/TW/holidays/import", sneaky)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDb(db => db.Programmes().AsNoTracking().SingleAsync(p => p.Code == "TW"))).Holidays.ShouldNotContain(
            new DateOnly(2027, 3, 1)
        );
    }
}
