using System.CommandLine;
using OpenAeo.Platform.Cli;
using OpenAeo.TimeRelease;

namespace OpenAeo.Insights;

/// <summary>CLI verbs of insights: <c>insights kpis</c>.</summary>
internal static class InsightsCommands
{
    public static void Add(RootCommand root, IServiceProvider services)
    {
        var insights = new Command("insights", "Key performance indicators of a programme, computed from OpenAeo's own data.");
        insights.Subcommands.Add(KpisCommand(services));
        root.Subcommands.Add(insights);
    }

    private static Command KpisCommand(IServiceProvider services)
    {
        var programme = new Option<string>("--programme") { Description = "The programme's code (TW).", Required = true };
        var from = new Option<string>("--from")
        {
            Description = "The first month, yyyy-mm, in the programme's time zone.",
            Required = true,
        };
        var to = new Option<string>("--to") { Description = "The last month, yyyy-mm, included.", Required = true };
        var by = new Option<string[]>("--by")
        {
            Description = "Breakdowns: size, track, role, sector (comma-separated or repeated).",
            AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "json, md or csv (default md); csv is every value, one per row.",
            DefaultValueFactory = _ => "md",
        };
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        var command = new Command(
            "kpis",
            "The programme's KPIs per month and for the whole period: participation, applications, time to "
                + "decision, reasons, benefits at the border, workload."
        )
        {
            programme,
            from,
            to,
            by,
            format,
            output,
        };
        command.SetAction(
            async (parse, ct) =>
            {
                var chosen = (parse.GetValue(format) ?? "md").ToLowerInvariant();
                if (chosen is not ("json" or "md" or "markdown" or "csv"))
                {
                    parse.Error().WriteLine($"'{chosen}' is not a format; use json, md or csv.");
                    return 2;
                }

                await using var scope = services.CreateAsyncScope();
                var report = await ComputeKpis.Execute(
                    scope.ServiceProvider.GetRequiredService<OpenAeoDb>(),
                    services.GetRequiredService<BorderKpiEngine>(),
                    services.GetRequiredService<TimeProvider>(),
                    parse.GetValue(programme),
                    parse.GetValue(from),
                    parse.GetValue(to),
                    parse.GetValue(by) ?? [],
                    ct
                );
                if (!report.IsOk)
                {
                    return CommandLine.Fail(parse.Error(), report.Errors.Select(e => e.Message));
                }

                var target = parse.GetValue(output);
                var reportFormat = ReportDocument.ParseFormat(chosen);
                if (target is null)
                {
                    ReportDocument.Write(reportFormat, KpiDocument.Document(report.Value!), report.Value!, parse.Out(), null);
                    return 0;
                }

                target.Directory?.Create();
                await using (var writer = new StreamWriter(target.FullName))
                {
                    ReportDocument.Write(reportFormat, KpiDocument.Document(report.Value!), report.Value!, writer, target.FullName);
                }

                parse.Error().WriteLine($"KPIs written to {target.FullName}.");
                return 0;
            }
        );
        return command;
    }
}
