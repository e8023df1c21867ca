using System.CommandLine;
using OpenAeo.Platform;
using OpenAeo.Platform.Cli;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>CLI verbs: <c>certificates import</c> and <c>certification jobs</c>.</summary>
internal static class CertificationCommands
{
    public static void Add(RootCommand root, IServiceProvider services)
    {
        var certificates = new Command("certificates", "AEO certificates.");
        var import = FileImportCommand.Create(
            "Import an existing AEO register: all or nothing; errors name file, line and column.",
            "CSV with columns tin,programme,certificate_number,tier,valid_from,valid_until,status.",
            services,
            async (input, sp, ct) =>
            {
                var result = await ImportCertificates.Run(
                    input,
                    Actor.Cli,
                    sp.GetRequiredService<OpenAeoDb>(),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<MutualRecognition.NodeIdentity>().Economy,
                    ct
                );
                return $"{result.File}: {result.Rows} certificates imported ({result.Active} active, {result.Suspended} suspended).";
            }
        );
        certificates.Subcommands.Add(import);
        root.Subcommands.Add(certificates);

        var certification = new Command("certification", "Certification maintenance.");
        var jobs = new Command("jobs", "Run the scheduled work once: expire certificates, send reminders, end pauses (idempotent).");
        jobs.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var run = await CertificationJobs.RunExclusive(
                    services.GetRequiredService<DatabaseLeases>(),
                    scope.ServiceProvider.GetRequiredService<OpenAeoDb>(),
                    scope.ServiceProvider.GetRequiredService<TimeProvider>(),
                    ct
                );
                if (run.Report is not { } report)
                {
                    return CommandLine.Fail(parse.Error(), [run.Refusal!]);
                }

                parse
                    .Out()
                    .WriteLine(
                        $"{report.Expired} expired, {report.ExpiryReminders} expiry reminders, "
                            + $"{report.PauseReminders} pause reminders, {report.Resumed} resumed, {report.Lapsed} "
                            + "lapsed."
                            + (
                                report.Monitoring is { } m
                                    ? $" Monitoring: {m.SelfReviewReminders} self-review reminders, "
                                        + $"{m.OverdueNotices} overdue notices, {m.PeriodicOpened} periodic "
                                        + "reassessments opened."
                                    : ""
                            )
                    );
                return 0;
            }
        );
        certification.Subcommands.Add(jobs);
        root.Subcommands.Add(certification);
    }
}
