using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record JobReport(
    int Expired,
    int ExpiryReminders,
    int PauseReminders,
    int Resumed,
    int Lapsed,
    MonitoringJobReport? Monitoring = null
);

/// <summary>A run of the jobs: its report, or why it did not run (another run holds the lease, or it lost a race and saved
/// nothing).</summary>
internal sealed record JobRun(JobReport? Report, string? Refusal);

/// <summary>
/// The scheduled work of certification, idempotent so it can run as often as wanted (a background service runs
/// it; <c>openaeo certification jobs</c> runs it once): expire certificates on time, remind operators before a
/// certificate expires and before an agreed pause ends, and apply the programme's policy when a pause ends.
/// </summary>
internal static class CertificationJobs
{
    /// <summary>Days before expiry on which the operator is reminded to apply for renewal.</summary>
    public static readonly int[] ExpiryReminderDays = [90, 30];

    /// <summary>Days before the agreed resume-by date on which both sides are reminded.</summary>
    public static readonly int[] PauseReminderDays = [10, 3];

    /// <summary>The lease that keeps two runs (the server's tick, <c>openaeo certification jobs</c>, other web nodes) from
    /// overlapping.</summary>
    public const string LeaseName = "certification-jobs";

    /// <summary>
    /// Runs the jobs unless another process is running them (ADR 0019): one run at a time across every process on the
    /// database. A run that still loses a race (a certificate suspended by an officer while the run expired it) saves
    /// nothing and says so; the jobs are idempotent, so the next run does what this one did not.
    /// </summary>
    public static async Task<JobRun> RunExclusive(DatabaseLeases leases, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var attempt = await leases.TryAcquireAsync(LeaseName, ct);
        if (attempt.Held is not { } lease)
        {
            return new JobRun(
                null,
                attempt.Holder!.AlreadyRunning("Certification jobs", plural: true)
                    + " Nothing was done; the jobs are idempotent, so the running one does the work."
            );
        }

        await using (lease)
        {
            try
            {
                return new JobRun(await RunOnce(db, clock, ct), null);
            }
            catch (Exception e) when (DatabaseConflicts.Classify(e) is RaceLoss.Changed or RaceLoss.Duplicate)
            {
                db.ChangeTracker.Clear();
                return new JobRun(
                    null,
                    DatabaseConflicts.Explain(DatabaseConflicts.Classify(e), "the certification jobs")
                        + " The jobs are idempotent: the next run does the work."
                );
            }
        }
    }

    public static async Task<JobReport> RunOnce(OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var programmes = await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        int expired = 0,
            expiryReminders = 0,
            pauseReminders = 0,
            resumed = 0,
            lapsed = 0;

        var fixedTerm = await db.Certificates()
            .Include(c => c.Events)
            .Where(c => c.ValidUntil != null && (c.Status == CertificateStatus.Active || c.Status == CertificateStatus.Suspended))
            .ToListAsync(ct);
        foreach (var certificate in fixedTerm)
        {
            var today = ApplicationContext.LocalToday(programmes[certificate.ProgrammeCode], now);
            if (certificate.ExpireIfDue(today, now) is { } e)
            {
                db.Audit(
                    now,
                    "system",
                    "certificate.expired",
                    $"certificate:{certificate.Number}",
                    "validity ended",
                    new
                    {
                        e.EffectiveOn,
                        operatorTin = certificate.OperatorTin.Value,
                        programme = certificate.ProgrammeCode,
                    }
                );
                await db.NotifyOnceAsync(
                    Notification.Create(
                        Notification.ForOperator(certificate.OperatorTin.Value),
                        $"expired:{certificate.Number}",
                        $"Certificate {certificate.Number} has expired",
                        $"It was valid until {certificate.ValidUntil:yyyy-MM-dd}. Apply for renewal to regain AEO status.",
                        $"/certificates/{certificate.Id}",
                        now,
                        NotificationKind.Notices
                    ),
                    ct
                );
                expired++;
                continue;
            }

            var left = certificate.DaysToExpiry(today);
            foreach (var days in ExpiryReminderDays.Where(d => left <= d && certificate.Status == CertificateStatus.Active))
            {
                if (
                    await db.NotifyOnceAsync(
                        Notification.Create(
                            Notification.ForOperator(certificate.OperatorTin.Value),
                            $"expiry:{certificate.Number}:{days}",
                            $"Certificate {certificate.Number} expires on {certificate.ValidUntil:yyyy-MM-dd}",
                            $"{left} days left. Start the renewal (reassessment) now so that your AEO status continues.",
                            $"/certificates/{certificate.Id}",
                            now,
                            NotificationKind.Reminders
                        ),
                        ct
                    )
                )
                {
                    expiryReminders++;
                }
            }
        }

        var paused = await db.Applications()
            .Include(a => a.Events)
            .Where(a => a.State == ApplicationState.Paused && a.AgreedResumeBy != null)
            .ToListAsync(ct);
        foreach (var application in paused)
        {
            var programme = programmes[application.ProgrammeCode];
            var today = ApplicationContext.LocalToday(programme, now);
            var resumeBy = application.AgreedResumeBy!.Value;
            if (today >= resumeBy)
            {
                var action = programme.PauseExpiry == PauseExpiry.Lapse ? ApplicationAction.Lapse : ApplicationAction.Resume;
                var command = new ApplicationCommand(
                    action,
                    Side.System,
                    today,
                    Reason: $"the agreed resume-by date {resumeBy:yyyy-MM-dd} passed"
                );
                var decision = ApplicationWorkflow.Decide(application.Status(0, 0), command);
                if (decision.IsOk)
                {
                    // The clock restarts on the agreed date, not on the day the job happened to run.
                    var moved = application.Apply(command with { Today = resumeBy }, decision.Value!, now, "system");
                    db.Audit(
                        now,
                        "system",
                        $"application.{action.ToString().ToLowerInvariant()}",
                        $"application:{application.Reference}",
                        command.Reason,
                        new
                        {
                            from = moved.From?.ToString(),
                            to = moved.To.ToString(),
                            operatorTin = application.OperatorTin.Value,
                        }
                    );
                    await db.NotifyOnceAsync(
                        Notification.Create(
                            Notification.ForOperator(application.OperatorTin.Value),
                            $"pause-ended:{application.Reference}:{resumeBy:yyyyMMdd}",
                            action == ApplicationAction.Lapse
                                ? $"Application {application.Reference} lapsed"
                                : $"Application {application.Reference} resumed",
                            command.Reason!,
                            $"/applications/{application.Id}",
                            now,
                            NotificationKind.Notices
                        ),
                        ct
                    );
                    if (action == ApplicationAction.Lapse)
                    {
                        lapsed++;
                    }
                    else
                    {
                        resumed++;
                    }
                }

                continue;
            }

            var daysLeft = resumeBy.DayNumber - today.DayNumber;
            foreach (var days in PauseReminderDays.Where(d => daysLeft <= d))
            {
                var body =
                    $"The pause ends on {resumeBy:yyyy-MM-dd} ({daysLeft} days); the programme then "
                    + $"{(programme.PauseExpiry == PauseExpiry.Lapse ? "lapses" : "resumes")} the application.";
                var toOperator = await db.NotifyOnceAsync(
                    Notification.Create(
                        Notification.ForOperator(application.OperatorTin.Value),
                        $"pause:{application.Reference}:{resumeBy:yyyyMMdd}:{days}",
                        $"Application {application.Reference}: pause ends on {resumeBy:yyyy-MM-dd}",
                        body,
                        $"/applications/{application.Id}",
                        now,
                        NotificationKind.Reminders
                    ),
                    ct
                );
                if (application.AccountManager is { } manager)
                {
                    await db.NotifyOnceAsync(
                        Notification.Create(
                            Notification.ForUser(manager),
                            $"pause:{application.Reference}:{resumeBy:yyyyMMdd}:{days}:manager",
                            $"Application {application.Reference}: pause ends on {resumeBy:yyyy-MM-dd}",
                            body,
                            $"/applications/{application.Id}",
                            now,
                            NotificationKind.Reminders
                        ),
                        ct
                    );
                }

                pauseReminders += toOperator ? 1 : 0;
            }
        }

        // After expiry, so a certificate that just expired is no longer monitored.
        var monitoring = await MonitoringJobs.RunOnce(db, programmes, now, ct);
        await db.SaveChangesAsync(ct);
        return new JobReport(
            expired,
            expiryReminders,
            pauseReminders,
            resumed,
            lapsed,
            monitoring == new MonitoringJobReport(0, 0, 0) ? null : monitoring
        );
    }
}

/// <summary>Runs <see cref="CertificationJobs"/> on an interval (<c>Certification:JobIntervalMinutes</c>, default 60; 0 turns it
/// off).</summary>
internal sealed class CertificationJobsService(
    IServiceProvider services,
    IConfiguration configuration,
    ILogger<CertificationJobsService> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Certification:JobIntervalMinutes", 60);
        if (minutes <= 0)
        {
            return;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        do
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var run = await CertificationJobs.RunExclusive(
                    services.GetRequiredService<DatabaseLeases>(),
                    scope.ServiceProvider.GetRequiredService<OpenAeoDb>(),
                    clock,
                    stoppingToken
                );
                if (run.Refusal is { } refusal)
                {
                    // Another process runs them now, or a change raced this run; either way the work is not lost.
                    logger.LogInformation("Certification jobs skipped: {Refusal}", refusal);
                }
                else if (run.Report != new JobReport(0, 0, 0, 0, 0))
                {
                    logger.LogInformation("Certification jobs: {Report}", run.Report);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed round is retried on the next tick; the jobs are idempotent.
                logger.LogError(e, "Certification jobs failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
