using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OpenAeo.Domain.Insights;
using OpenAeo.Platform;
using OpenAeo.Platform.Cli;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

/// <summary>CLI verbs of surveys: <c>surveys list</c>, <c>surveys import FILE.csv --survey S</c>, <c>surveys results S [--format
/// md|csv|json] [--out FILE]</c>.</summary>
internal static class SurveyCommands
{
    public static void Add(RootCommand root, IServiceProvider services)
    {
        var surveys = new Command("surveys", "Surveys of the programme's users: import responses, read results.");
        surveys.Subcommands.Add(List(services));
        surveys.Subcommands.Add(Import(services));
        surveys.Subcommands.Add(Results(services));
        root.Subcommands.Add(surveys);
    }

    private static Option<string> SurveyOption() =>
        new("--survey") { Description = "The survey: its number or its link name (slug).", Required = true };

    /// <summary>A survey by its number or its slug.</summary>
    private static async Task<Survey?> Find(OpenAeoDb db, string key, CancellationToken ct)
    {
        if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await db.Surveys().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        }

        var slug = key.Trim().ToLowerInvariant();
        return await db.Surveys().AsNoTracking().SingleOrDefaultAsync(s => s.Slug == slug, ct);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static Command List(IServiceProvider services)
    {
        var list = new Command("list", "Every survey with its phase and responses.");
        list.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var views = await ListSurveys.List(
                    scope.ServiceProvider.GetRequiredService<OpenAeoDb>(),
                    scope.ServiceProvider.GetRequiredService<TimeProvider>(),
                    ct
                );
                foreach (var v in views)
                {
                    parse.Out().WriteLine($"{v.Id}\t{v.Slug}\t{v.Phase}\t{v.Responses} responses\t{v.Title}");
                }

                return 0;
            }
        );
        return list;
    }

    private static Command Import(IServiceProvider services)
    {
        var survey = SurveyOption();
        var import = FileImportCommand.Create(
            "Import responses from CSV into a survey: all or nothing; a bad cell stops the import with file, line, column and reason.",
            "CSV with columns respondent,segment,economy and one per question code (levels 1-5 or their words; blank = not answered).",
            services,
            async (file, parse, sp, ct) =>
            {
                var db = sp.GetRequiredService<OpenAeoDb>();
                var key = parse.GetValue(survey)!;
                var found = await Find(db, key, ct)
                    ?? throw new Platform.Files.FileImportException([new(file.File.Name, 1, 0, null, $"there is no survey '{key}'")]);
                var result = await FileImportCommand.Read(file, input =>
                    ImportSurveyResponses.Run(input, found.Id, Actor.Cli, db, sp.GetRequiredService<TimeProvider>(), ct)
                );
                return $"{result.File}: {result.Rows} responses imported into survey {found.Id} ({found.Title}).";
            }
        );
        import.Options.Add(survey);
        return import;
    }

    private static Command Results(IServiceProvider services)
    {
        var survey = new Argument<string>("survey") { Description = "The survey: its number or its link name (slug)." };
        var format = new Option<string>("--format")
        {
            Description = "md (a table per statement group), csv (one row per statement and group) or json.",
            DefaultValueFactory = _ => "md",
        };
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        var command = new Command(
            "results",
            "A survey's results: per statement n, the count at each level, mean, median and top-two-box share, by sector and segment."
        )
        {
            survey,
            format,
            output,
        };
        command.SetAction(
            async (parse, ct) =>
            {
                var chosen = parse.GetValue(format);
                if (chosen is not ("md" or "csv" or "json"))
                {
                    CommandLine.Fail(parse.Error(), ["--format: use md, csv or json."]);
                    return CommandLine.UsageError;
                }

                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
                var key = parse.GetValue(survey)!;
                if (await Find(db, key, ct) is not { } found || await SurveyResultsQuery.Load(db, found.Id, ct) is not { } loaded)
                {
                    return CommandLine.Fail(parse.Error(), [$"There is no survey '{key}'."]);
                }

                var text = chosen switch
                {
                    "csv" => SurveyResultsQuery.Csv(loaded.Results),
                    "json" => JsonSerializer.Serialize(SurveyResultsQuery.View(loaded.Survey, loaded.Results), Json),
                    _ => Markdown(loaded.Survey, loaded.Results),
                };
                if (parse.GetValue(output) is { } target)
                {
                    target.Directory?.Create();
                    await File.WriteAllTextAsync(target.FullName, text, ct);
                    parse
                        .Error()
                        .WriteLine(
                            $"Results of survey {found.Id} ({loaded.Results.Respondents} respondents) written to {target.FullName}."
                        );
                }
                else
                {
                    await parse.Out().WriteAsync(text);
                }

                return 0;
            }
        );
        return command;
    }

    /// <summary>The results as Markdown: who answered, then a table per statement with a row per group.</summary>
    public static string Markdown(Survey survey, SurveyResults results)
    {
        var md = new System.Text.StringBuilder();
        md.Append(
            CultureInfo.InvariantCulture,
            $"# {survey.Title}\n\n{results.Respondents} respondents (version {survey.Current.Number}).\n\n"
        );
        foreach (var q in results.Questions)
        {
            md.Append(CultureInfo.InvariantCulture, $"## {q.Question.Code}. {q.Question.Text}\n\n");
            if (q.Question.Kind == SurveyQuestionKind.Open)
            {
                foreach (var a in q.OpenAnswers)
                {
                    md.Append(CultureInfo.InvariantCulture, $"- {a.Text} ({a.SegmentLabel})\n");
                }

                md.Append(q.OpenAnswers.Count == 0 ? "No answers.\n\n" : "\n");
                continue;
            }

            md.Append(
                "| Group | n | "
                    + string.Join(" | ", SurveyLikert.Labels)
                    + " | Mean | Median | Agree (top two) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            );
            foreach (var g in q.Groups)
            {
                var s = g.Summary;
                md.Append(
                    CultureInfo.InvariantCulture,
                    $"| {g.Label} | {s.N} | {string.Join(" | ", s.Counts)} | "
                        + $"{SurveyResultsQuery.Figure(s.Mean, "0.00")} | {SurveyResultsQuery.Figure(s.Median, "0.#")} | "
                        + $"{SurveyResultsQuery.Figure(s.TopTwoShare * 100, "0")}{(s.TopTwoShare is null ? "" : "%")} |\n"
                );
            }

            md.Append('\n');
        }

        return md.ToString();
    }
}
