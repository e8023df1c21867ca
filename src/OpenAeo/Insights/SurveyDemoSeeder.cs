using System.Text;
using OpenAeo.Domain.Insights;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Cli;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

/// <summary>
/// The demo's surveys: the report's workshop survey, closed, with 71 responses whose sector means reproduce the published ones
/// (ADR 0024), imported as paper sheets through the same CSV import officers use; and this year's survey of the programme's users,
/// open on an open link, with a few answers given through the same answering use case the public page calls.
/// </summary>
internal sealed class SurveyDemoSeeder : IDemoSeeder
{
    public const string WorkshopSlug = "apec-workshop-2019";
    public const string UsersSlug = "aeo-users-survey";

    public int Order => 60;

    /// <summary>The workshop's 71 respondents: 40 from the public sector and 31 from the private (54% of 131 attendees).</summary>
    private static readonly (string Segment, int Count)[] Workshop =
    [
        ("customs", 28),
        ("agency", 12),
        ("sme", 13),
        ("large", 8),
        ("intermediary", 5),
        ("association", 5),
    ];

    private const int PublicRespondents = 40;

    /// <summary>Fourteen economies took part (Chile the host).</summary>
    private static readonly string[] Economies = ["CL", "PE", "MX", "US", "CA", "JP", "KR", "CN", "AU", "NZ", "PH", "TH", "MY", "VN"];

    private static readonly (string Code, string Text)[] WorkshopRemarks =
    [
        ("O-BARRIER", "The cost of the security measures needed to be certified."),
        ("O-BARRIER", "SMEs do not see a return on what they would spend on security."),
        ("O-BARRIER", "Not knowing what the programme asks for; the website speaks to large companies."),
        ("O-IDEAS", "Flexibility in the way SMEs show they meet the criteria, without lowering the standard."),
        ("O-IDEAS", "Publish studies of clearance times and costs so the benefits are tangible."),
        ("O-IDEAS", "Work with trade associations to explain that security spending is an investment."),
        ("O-COMMENTS", "Bring the other border agencies in: their benefits are what companies notice."),
    ];

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct)
    {
        var db = services.GetRequiredService<OpenAeoDb>();
        var node = services.GetRequiredService<MutualRecognition.NodeIdentity>().Economy;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var officer = new Actor("officer", Role.ProgrammeOfficer, null, null);
        var lines = new List<string>();

        if (!await db.Surveys().AnyAsync(s => s.Slug == WorkshopSlug, ct))
        {
            var clock = new DemoClock(now.AddDays(-75));
            var survey = await CreateOpened(
                new SurveyCreateRequest(
                    SurveyTemplates.Workshop,
                    WorkshopSlug,
                    "APEC workshop on SMEs in AEO programmes (report, Annex B)",
                    null,
                    null,
                    null,
                    "demo: the report's workshop survey, typed in from the paper sheets"
                ),
                14,
                false,
                "demo: the workshop",
                officer,
                db,
                node,
                clock,
                ct
            );
            clock.Now = clock.Now.AddDays(3);
            using (
                var input = CsvInput.Open("workshop-sheets.csv", new MemoryStream(Encoding.UTF8.GetBytes(WorkshopSheets(survey.Current))))
            )
            {
                await ImportSurveyResponses.Run(input, survey.Id, officer, db, clock, ct);
            }

            clock.Now = clock.Now.AddDays(20);
            Expect(await SurveyClosing.Execute(survey.Id, new SurveyClosingRequest("demo: all sheets typed in"), officer, db, clock, ct));
            lines.Add($"Surveys: the report's workshop survey, closed, 71 responses (/insights/surveys/{survey.Id})");
        }

        if (!await db.Surveys().AnyAsync(s => s.Slug == UsersSlug, ct))
        {
            var clock = new DemoClock(now.AddDays(-8));
            var survey = await CreateOpened(
                new SurveyCreateRequest(
                    SurveyTemplates.PrivateSector,
                    UsersSlug,
                    "AEO programme survey of traders",
                    null,
                    null,
                    null,
                    "demo: this year's survey of traders"
                ),
                30,
                true,
                "demo: open to every trader",
                officer,
                db,
                node,
                clock,
                ct
            );
            var random = new Random(2026);
            string[] segments = ["sme", "sme", "sme", "large", "intermediary", "association"];
            for (var i = 0; i < 9; i++)
            {
                clock.Now = clock.Now.AddHours(16);
                var answers = survey
                    .Current.Questions.Where(q => q.Kind == SurveyQuestionKind.Likert && random.Next(10) > 0)
                    .Select(q => new SurveyAnswerItem(
                        q.Code,
                        random.Next(2, 6).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    ))
                    .ToList();
                if (i % 3 == 0)
                {
                    answers.Add(
                        new SurveyAnswerItem(
                            "O-BENEFITS",
                            i == 0
                                ? "Fewer examinations at the port, and knowing why when we are examined."
                                : "Faster release for our perishable goods."
                        )
                    );
                }

                Expect(
                    await AnswerSurvey.Execute(
                        UsersSlug,
                        new SurveyAnswerRequest(null, segments[i % segments.Length], node, answers),
                        db,
                        clock,
                        ct
                    )
                );
            }

            lines.Add(
                $"Surveys: the traders' survey, open to {Survey.Day(survey.ClosesOn!.Value)} on its open link /surveys/"
                    + $"{UsersSlug}, 9 responses so far"
            );
        }

        return lines.Count > 0 ? lines : ["Surveys: already seeded"];
    }

    /// <summary>A survey created as an officer creates it, then opened on the clock's day for <paramref name="days"/> days; as
    /// opened.</summary>
    private static async Task<Survey> CreateOpened(
        SurveyCreateRequest request,
        int days,
        bool openLink,
        string openingReason,
        Actor officer,
        OpenAeoDb db,
        string node,
        DemoClock clock,
        CancellationToken ct
    )
    {
        var survey = Expect(await SurveyCreation.Execute(request, officer, db, node, clock, ct));
        var today = survey.Today(clock.GetUtcNow());
        var opening = new SurveyOpeningRequest(today, today.AddDays(days), openLink, openingReason);
        return Expect(await SurveyOpening.Execute(survey.Id, opening, officer, db, clock, ct));
    }

    private static T Expect<T>(OpenAeo.Domain.Shared.Result<T> outcome) =>
        outcome.IsOk ? outcome.Value! : throw new InvalidOperationException($"Demo surveys: {outcome.Errors[0].Message}");

    /// <summary>
    /// The workshop's answer sheets as CSV: for each statement, the public and the private sector's answers on the report's 4-point
    /// scale with its published mean (<see cref="SurveyTemplates.FourPointAnswers"/>), shuffled among the sector's respondents by a
    /// fixed seed and written on the 1–5 scale (<see cref="SurveyTemplates.FromFourPoint"/>).
    /// </summary>
    public static string WorkshopSheets(SurveyVersion version)
    {
        var respondents = Workshop.SelectMany(w => Enumerable.Repeat(w.Segment, w.Count)).ToList();
        var privateRespondents = respondents.Count - PublicRespondents;
        var levels = new Dictionary<string, int[]>();
        var random = new Random(2019);
        foreach (var mean in SurveyTemplates.PublishedMeans)
        {
            var sheet = SurveyTemplates
                .FourPointAnswers(mean.Public, PublicRespondents)
                .OrderBy(_ => random.Next())
                .Concat(SurveyTemplates.FourPointAnswers(mean.Private, privateRespondents).OrderBy(_ => random.Next()));
            levels[mean.Code] = [.. sheet.Select(SurveyTemplates.FromFourPoint)];
        }

        var codes = version.Questions.Select(q => q.Code).ToList();
        var csv = new StringBuilder(CsvOutput.Line(["respondent", "segment", "economy", .. codes]));
        for (var i = 0; i < respondents.Count; i++)
        {
            var remark = i % 9 == 4 ? WorkshopRemarks[i / 9 % WorkshopRemarks.Length] : default;
            csv.Append(
                CsvOutput.Line([
                    $"S-{i + 1:000}",
                    respondents[i],
                    Economies[i % Economies.Length],
                    .. codes.Select(c =>
                        levels.TryGetValue(c, out var l) ? l[i].ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : c == remark.Code ? remark.Text
                        : null
                    ),
                ])
            );
        }

        return csv.ToString();
    }
}
