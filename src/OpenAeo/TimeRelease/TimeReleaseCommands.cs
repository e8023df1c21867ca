using System.CommandLine;
using System.Globalization;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform;
using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Cli;
using OpenAeo.Platform.Files;
using Spectre.Console;

namespace OpenAeo.TimeRelease;

/// <summary>CLI verbs of time release studies: <c>trs template</c>, <c>trs run</c> and <c>trs generate</c>.</summary>
internal static class TimeReleaseCommands
{
    public static void Add(RootCommand root, IServiceProvider services)
    {
        var trs = new Command(
            "trs",
            "Time release studies: release times before and after an MRA, from averages or from declaration-level events."
        );
        trs.Subcommands.Add(Template());
        trs.Subcommands.Add(Run(services));
        trs.Subcommands.Add(Generate(services));
        root.Subcommands.Add(trs);
    }

    private static Option<string> FormatOption() =>
        new("--format") { Description = "json, md, csv or html (default md).", DefaultValueFactory = _ => "md" };

    private static Option<FileInfo?> OutOption() =>
        new("--out") { Description = "Write to this file instead of standard output (Markdown charts are written beside it as SVG)." };

    private static Command Template()
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = $"CSV with columns {string.Join(",", AveragesTemplate.Required)}[,published_rate].",
        };
        var format = FormatOption();
        var output = OutOption();
        var encoding = FileImportCommand.EncodingOption();
        var command = new Command(
            "template",
            "Compare before/after averages: compute every rate of change and flag published rates that do not follow from the times."
        )
        {
            file,
            format,
            output,
            encoding,
        };
        command.SetAction(
            async (parse, ct) =>
            {
                var path = parse.GetValue(file)!;
                var chosen = CompareAverages.Format(parse.GetValue(format));
                var text = CsvInput.Encoding(parse.GetValue(encoding));
                if (!chosen.IsOk || !text.IsOk)
                {
                    return Usage(parse, chosen.Errors.Concat(text.Errors).Select(e => e.Message));
                }

                if (!path.Exists)
                {
                    return CommandLine.Fail(parse.Error(), [$"{path.FullName}: file not found"]);
                }

                try
                {
                    using var input = CsvInput.OpenFile(path.FullName, encoding: text.Value);
                    var cells = CompareAverages.Read(input);
                    await Output(
                        parse,
                        parse.GetValue(output),
                        chosen.Value,
                        CompareAverages.Document(path.Name, cells),
                        CompareAverages.Json(cells),
                        ct
                    );
                    var flagged = cells.Count(c => c.PublishedRateMismatch == true);
                    parse
                        .Error()
                        .WriteLine(
                            $"{path.Name}: {cells.Count} cells; {flagged} published rate{(flagged == 1 ? "" : "s")}"
                                + $" do{(flagged == 1 ? "es" : "")} not follow from the times."
                        );
                    return 0;
                }
                catch (FileImportException e)
                {
                    return CommandLine.Fail(parse.Error(), e.Errors.Select(x => x.ToString()));
                }
            }
        );
        return command;
    }

    private static Command Run(IServiceProvider services)
    {
        var events = new Option<FileInfo?>("--events")
        {
            Description =
                "Declaration-level events, CSV or Parquet, one row per declaration; or Parquet files partitioned "
                + "by month, as a folder or a glob ('data/**/*.parquet', hive partitions).",
        };
        var source = new Option<string?>("--source") { Description = "'openaeo' to study OpenAeo's own clearance data instead of a file." };
        var stage = new Option<string>("--stage")
        {
            Description =
                "apec1 (lodged_at→released_at), apec2 (arrival_at→delivered_at), wco-release "
                + "(arrival_at→released_at) or start:end columns.",
            Required = true,
        };
        var by = new Option<string[]>("--by")
        {
            Description = "Columns to group by, comma-separated or repeated (mode,channel,origin).",
            AllowMultipleArgumentsPerToken = true,
        };
        var split = new Option<string?>("--split")
        {
            Description = "The split date (yyyy-mm-dd): before is [before-from, split), after is [split, after-to].",
        };
        var mra = new Option<string?>("--mra")
        {
            Description =
                "An MRA of the registry whose entry into force is the split: its id (MRA-3) or its two parties "
                + "(TW-JP), which must name exactly one MRA.",
        };
        var beforeFrom = new Option<string?>("--before-from")
        {
            Description = "First day of the before period (yyyy-mm-dd); open if omitted.",
        };
        var afterTo = new Option<string?>("--after-to")
        {
            Description = "Last day of the after period, included (yyyy-mm-dd); open if omitted.",
        };
        var periodBy = new Option<string?>("--period-by")
        {
            Description = "The milestone whose day places a declaration in a period (default lodged_at).",
        };
        var target = new Option<string?>("--target")
        {
            Description = "Report the share of declarations at or under this duration (48h, 2d, 90m, 3600).",
        };
        var cap = new Option<string?>("--extreme-cap")
        {
            Description = "Flag durations beyond this (defaults: apec1 7d, apec2 90d, wco-release 30d).",
        };
        var signed = new Option<bool>("--signed")
        {
            Description = "Keep negative durations (release before arrival in pre-arrival processing) instead of counting them as errors.",
        };
        var officeTz = new Option<string?>("--office-tz")
        {
            Description = "Count days in this IANA zone for rows without office_tz (default UTC).",
        };
        var confidence = new Option<string?>("--confidence")
        {
            Description = "Level of every confidence interval (default 0.95; 0.9 or 90%).",
        };
        var bootstrap = new Option<int?>("--bootstrap")
        {
            Description =
                "Bootstrap replicates for the intervals of means, rates and the difference-in-differences (default 1000; 0 for none).",
        };
        var seed = new Option<long?>("--seed")
        {
            Description = "The bootstrap's seed (default 1): the same seed gives the same intervals.",
        };
        var treated = new Option<string?>("--treated")
        {
            Description = "Difference-in-differences: the treated group as column=value (aeo=true, origin=JP).",
        };
        var control = new Option<string?>("--control")
        {
            Description = "The control group as column=value (default: every declaration not treated).",
        };
        var asOf = new Option<string?>("--as-of")
        {
            Description =
                "The end of the data (timestamp, or a day in --office-tz): declarations not released by then are "
                + "censored (default: the latest timestamp in the file).",
        };
        var clock = new Option<string?>("--clock")
        {
            Description =
                "elapsed (default: every hour counts) or working: only the office's working hours, for stages "
                + "under customs control (lodged_at→released_at).",
        };
        clock.AcceptOnlyFromAmong(StudyRequest.Elapsed, StudyRequest.Working);
        var calendar = new Option<string?>("--calendar")
        {
            Description =
                "With --clock working: the programme (TW) whose working days, hours and holidays count; rows "
                + "without office_tz count in its zone.",
        };
        var approximate = new Option<bool>("--approximate")
        {
            Description =
                "Quantiles from 0.5 % duration bins, within 0.25 % (or 0.5 s) of the exact ones, in memory that "
                + "does not grow with the rows.",
        };
        var notation = new Option<string>("--notation")
        {
            Description =
                "Durations in md, html and csv: human (4 h 01 min, 2.3 days) or report (the APEC report's 0 days 4 hours 1 min. 0.0 sec.).",
            DefaultValueFactory = _ => "human",
        };
        notation.AcceptOnlyFromAmong("human", "report");
        var strict = new Option<bool>("--strict")
        {
            Description = "Any row that cannot be read is an error (exit 1) instead of being counted and listed.",
        };
        var format = FormatOption();
        var output = OutOption();
        var command = new Command(
            "run",
            "Run a declaration-level study: statistics per cell before and after, rates of change, channel shares and data quality."
        )
        {
            events,
            source,
            stage,
            by,
            split,
            mra,
            beforeFrom,
            afterTo,
            periodBy,
            target,
            cap,
            signed,
            officeTz,
            confidence,
            bootstrap,
            seed,
            treated,
            control,
            asOf,
            clock,
            calendar,
            approximate,
            strict,
            format,
            notation,
            output,
        };
        command.SetAction(
            async (parse, ct) =>
            {
                var chosen = CompareAverages.Format(parse.GetValue(format));
                if (!chosen.IsOk)
                {
                    return Usage(parse, chosen.Errors.Select(e => e.Message));
                }

                var fromOpenAeo = parse.GetValue(source);
                var path = parse.GetValue(events);
                if (fromOpenAeo is not null && !fromOpenAeo.Equals("openaeo", StringComparison.OrdinalIgnoreCase))
                {
                    return Usage(parse, [$"--source '{fromOpenAeo}' is not known; the only source is 'openaeo' (or give --events FILE)."]);
                }

                if ((fromOpenAeo is null) == (path is null))
                {
                    return Usage(parse, ["Give either --events FILE or --source openaeo."]);
                }

                var request = new StudyRequest(
                    parse.GetValue(stage),
                    parse.GetValue(by),
                    parse.GetValue(split),
                    parse.GetValue(mra),
                    parse.GetValue(beforeFrom),
                    parse.GetValue(afterTo),
                    parse.GetValue(periodBy),
                    parse.GetValue(target),
                    parse.GetValue(cap),
                    parse.GetValue(signed),
                    parse.GetValue(officeTz),
                    Confidence: parse.GetValue(confidence),
                    Bootstrap: parse.GetValue(bootstrap),
                    Seed: parse.GetValue(seed),
                    Treated: parse.GetValue(treated),
                    Control: parse.GetValue(control),
                    AsOf: parse.GetValue(asOf),
                    Clock: parse.GetValue(clock),
                    Calendar: parse.GetValue(calendar),
                    Approximate: parse.GetValue(approximate)
                );
                IReadOnlyList<MraOption> registry = [];
                WorkingClock? workingClock = null;
                if (fromOpenAeo is not null || !string.IsNullOrWhiteSpace(request.Mra) || request.WantsWorkingClock)
                {
                    // The MRA registry, the programmes' calendars and OpenAeo's own declarations live in the database.
                    await StartupTasks.RunAsync(services, serving: false, ct);
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
                    (request, workingClock) = await StudyCalendars.ResolveAsync(db, request, ct);
                    registry = string.IsNullOrWhiteSpace(request.Mra) ? [] : await StudyMras.LoadAsync(db, ct);
                }

                var definition = request.ToDefinition(registry, workingClock);
                if (!definition.IsOk)
                {
                    return Usage(parse, definition.Errors.Select(e => $"{e.Field}: {e.Message}"));
                }

                if (fromOpenAeo is not null)
                {
                    await using var scope = services.CreateAsyncScope();
                    var snapshot = await ClearanceSource.SnapshotAsync(
                        scope.ServiceProvider.GetRequiredService<OpenAeoDb>(),
                        services.GetRequiredService<StudyInputs>(),
                        services.GetRequiredService<TimeProvider>(),
                        ct
                    );
                    if (snapshot is null)
                    {
                        return CommandLine.Fail(parse.Error(), [ClearanceSource.Empty]);
                    }

                    path = new FileInfo(snapshot.Value.Path);
                }

                var partitioned = EventFile.IsPartitioned(path!.ToString());
                if (!path.Exists && !partitioned)
                {
                    return CommandLine.Fail(parse.Error(), [$"{path.FullName}: file not found"]);
                }

                var engine = services.GetRequiredService<StudyEngine>();
                try
                {
                    var input = RunStudy.Describe(path.FullName, partitioned ? path.ToString() : path.Name, sha256: null);
                    var result = await WithProgress(parse, input.Bytes, progress =>
                        Task.Run(
                            () => RunStudy.Execute(engine, path.FullName, input, definition.Value!, parse.GetValue(strict), progress, ct),
                            ct
                        )
                    );
                    await Output(
                        parse,
                        parse.GetValue(output),
                        chosen.Value,
                        result.ToDocument(parse.GetValue(notation) == "report"),
                        result,
                        ct
                    );
                    var q = result.DataQuality;
                    parse
                        .Error()
                        .WriteLine(
                            $"{input.File}: {q.Rows:N0} rows, {result.Cells.Count:N0} cells; {q.RejectedRows:N0} "
                                + $"rejected, {q.MissingStart + q.MissingEnd:N0} missing a milestone, {q.Censored:N0} "
                                + $"censored, {q.Negative:N0} negative, {q.NoPeriod:N0} outside both periods."
                        );
                    return 0;
                }
                catch (FileImportException e)
                {
                    return CommandLine.Fail(parse.Error(), e.Errors.Select(x => x.ToString()));
                }
            }
        );
        return command;
    }

    private static Command Generate(IServiceProvider services)
    {
        var rows = new Option<long>("--rows") { Description = "How many declarations.", Required = true };
        var seed = new Option<long>("--seed") { Description = "The same seed gives the same file.", DefaultValueFactory = _ => 1 };
        var split = new Option<string>("--split")
        {
            Description = "Where the channel mix and release times change (yyyy-mm-dd).",
            DefaultValueFactory = _ => "2019-05-22",
        };
        var output = new Option<FileInfo>("--out")
        {
            Description = "CSV, or Parquet when the name ends in .parquet; a folder with --by-month.",
            Required = true,
        };
        var byMonth = new Option<bool>("--by-month")
        {
            Description =
                "Write a folder of Parquet files, one hive partition per month of lodgement (month=2019-05/…), as "
                + "a national study reads them.",
        };
        var command = new Command(
            "generate",
            "Write synthetic declaration-level events (Chinese Taipei's imports around the TW-JP MRA) for trying studies out."
        )
        {
            rows,
            seed,
            split,
            output,
            byMonth,
        };
        command.SetAction(
            async (parse, ct) =>
            {
                if (
                    parse.GetValue(rows) < 0
                    || !DateOnly.TryParseExact(
                        parse.GetValue(split),
                        "yyyy-MM-dd",
                        CultureInfo.InvariantCulture,
                        DateTimeStyles.None,
                        out var day
                    )
                )
                {
                    return Usage(parse, ["--rows must be zero or more and --split a date (yyyy-mm-dd)."]);
                }

                var target = parse.GetValue(output)!;
                var analytics = services.GetRequiredService<AnalyticsDatabase>();
                await Task.Run(
                    () =>
                        GenerateEvents.Run(
                            analytics,
                            target.FullName,
                            parse.GetValue(rows),
                            parse.GetValue(seed),
                            day,
                            ct,
                            parse.GetValue(byMonth)
                        ),
                    ct
                );
                parse.Error().WriteLine($"{parse.GetValue(rows):N0} declarations written to {target.FullName}.");
                return 0;
            }
        );
        return command;
    }

    private static int Usage(ParseResult parse, IEnumerable<string> lines)
    {
        CommandLine.Fail(parse.Error(), lines);
        return CommandLine.UsageError;
    }

    private static async Task Output(
        ParseResult parse,
        FileInfo? target,
        ReportFormat format,
        ReportDocument document,
        object json,
        CancellationToken ct
    )
    {
        if (target is null)
        {
            ReportDocument.Write(format, document, json, parse.Out(), null);
            return;
        }

        await using (var writer = new StreamWriter(target.FullName))
        {
            ReportDocument.Write(format, document, json, writer, target.FullName);
            await writer.FlushAsync(ct);
        }

        parse.Error().WriteLine($"Report written to {target.FullName}.");
    }

    /// <summary>A progress bar on a terminal, following DuckDB's own progress; quiet when output is redirected.</summary>
    private static Task<T> WithProgress<T>(ParseResult parse, long bytes, Func<IProgress<StudyProgress>?, Task<T>> work) =>
        parse.WithProgress<T, StudyProgress>(
            bytes,
            10_000_000,
            ctx =>
            {
                var task = ctx.AddTask("Starting", maxValue: 100);
                return p =>
                {
                    task.Description = Markup.Escape(p.Step);
                    task.IsIndeterminate = p.Percent is null;
                    if (p.Percent is { } percent)
                    {
                        task.Value = percent;
                    }
                };
            },
            work
        );
}
