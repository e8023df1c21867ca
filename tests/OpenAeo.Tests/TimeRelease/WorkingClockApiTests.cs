using OpenAeo.Domain.Registry;
using OpenAeo.Registry;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.TimeRelease;

/// <summary>A programme's working hours (ADR 0044) through the API, and a study on them through the CLI.</summary>
public sealed class Working_hours_of_a_programme_and_studies_on_them
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_officer_sets_the_working_hours_and_a_study_counts_them_and_says_so(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        (await app.Anonymous().Get<ProgrammeResponse>("/api/v1/programmes/TW")).WorkingHours.ShouldBe("08:30–17:30");

        var refused = await officer.PutAsJsonAsync("/api/v1/programmes/TW", new { workingHours = "17:30-08:30" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Read<Problem>()).For("workingHours").ShouldNotBeEmpty();

        var set = await officer.PutAsJsonAsync("/api/v1/programmes/TW", new { workingHours = "08:00-16:30", reason = "new office hours" });
        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        (await app.Anonymous().Get<ProgrammeResponse>("/api/v1/programmes/TW")).WorkingHours.ShouldBe("08:00–16:30");
        (
            await app.WithDb(db =>
                db.AuditEntries().AsNoTracking().Where(a => a.Action == "programme.updated").Select(a => a.Details).ToListAsync()
            )
        ).ShouldContain(d => d != null && d.Contains("08:00-16:30"));

        var events = Path.Combine(app.DataFolder, "events.csv");
        (await app.Cli("trs", "generate", "--rows", "2000", "--seed", "3", "--out", events)).Exit.ShouldBe(0);
        var (exit, output, error) = await app.TrsRun(
            events,
            "mode",
            "--split",
            "2019-05-22",
            "--clock",
            "working",
            "--calendar",
            "TW",
            "--bootstrap",
            "0",
            "--format",
            "json"
        );
        exit.ShouldBe(0, error);
        // The study report is the CLI's JSON document, read as the app's record of it.
        var working = Api.Parse<StudyJson>(output);
        working.Study.Clock.ShouldBe("in working hours of TW, Mon–Fri 08:00–16:30, without its holidays");

        var elapsed = Api.Parse<StudyJson>(
            (await app.TrsRun(events, "mode", "--split", "2019-05-22", "--bootstrap", "0", "--format", "json")).Output
        );
        elapsed.Study.Clock.ShouldBeNull();
        double Mean(StudyJson study) => study.Cells[0].Before.MeanSeconds!.Value;
        Mean(working).ShouldBeLessThan(Mean(elapsed), "nights, weekends and holidays no longer count");

        var wrongStage = await app.Cli(
            "trs",
            "run",
            "--events",
            events,
            "--stage",
            "apec2",
            "--split",
            "2019-05-22",
            "--clock",
            "working",
            "--calendar",
            "TW"
        );
        wrongStage.Exit.ShouldNotBe(0);
        wrongStage.Error.ShouldContain("under customs control");
        var noProgramme = await app.Cli(
            "trs",
            "run",
            "--events",
            events,
            "--stage",
            "apec1",
            "--split",
            "2019-05-22",
            "--clock",
            "working",
            "--calendar",
            "ZZ"
        );
        noProgramme.Exit.ShouldNotBe(0);
        noProgramme.Error.ShouldContain("no programme 'ZZ'");
    }
}
