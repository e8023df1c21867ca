using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;

namespace OpenAeo.Certification;

public sealed record MonitoringJobReport(int SelfReviewReminders, int OverdueNotices, int PeriodicOpened);

/// <summary>
/// The monitoring part of <see cref="CertificationJobs"/> (ADR 0040), idempotent through the notifications' keys and the one
/// open reassessment per certificate: remind the holder when its self-review's window opens, tell the holder and the
/// officers when a self-review or a reassessment is overdue, and open the periodic reassessment ahead of its due day.
/// </summary>
internal static class MonitoringJobs
{
    public static async Task<MonitoringJobReport> RunOnce(
        OpenAeoDb db,
        IReadOnlyDictionary<string, Programme> programmes,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        int reminders = 0,
            overdue = 0,
            periodic = 0;
        foreach (var m in await CertificateMonitoring.LoadAllAsync(db, programmes, now, tracked: true, ct))
        {
            var (c, programme) = (m.Certificate, m.Programme);
            var plan = m.Plan;
            var holder = Notification.ForOperator(c.OperatorTin.Value);
            var link = $"/certificates/{c.Id}#monitoring";
            if (plan.SelfReviewDue is { } due && plan.SelfReviewOverdue(m.Today))
            {
                if (
                    await db.NotifyOnceAsync(
                        Notification.Create(
                            holder,
                            $"self-review-overdue:{c.Number}:{due:yyyyMMdd}",
                            $"Certificate {c.Number}: your annual self-review is overdue",
                            $"It was due on {due:yyyy-MM-dd}. Do it now on the certificate's page.",
                            link,
                            now,
                            NotificationKind.Reminders
                        ),
                        ct
                    )
                )
                {
                    overdue++;
                    foreach (var officer in await CertificateMonitoring.OfficersOf(db, c, ct))
                    {
                        await db.NotifyOnceAsync(
                            Notification.Create(
                                Notification.ForUser(officer),
                                $"self-review-overdue:{c.Number}:{due:yyyyMMdd}:{officer}",
                                $"Certificate {c.Number}: self-review overdue",
                                $"The holder's annual self-review was due on {due:yyyy-MM-dd}.",
                                link,
                                now,
                                NotificationKind.Reminders
                            ),
                            ct
                        );
                    }
                }
            }
            else if (
                plan.SelfReviewDue is { } next
                && plan.SelfReviewInWindow(m.Today)
                && await db.NotifyOnceAsync(
                    Notification.Create(
                        holder,
                        $"self-review:{c.Number}:{next:yyyyMMdd}",
                        $"Certificate {c.Number}: your annual self-review is due by {next:yyyy-MM-dd}",
                        "Tell customs what changed since your last review: premises, ownership or legal form, key "
                            + "business partners, security incidents, anything else.",
                        link,
                        now,
                        NotificationKind.Reminders
                    ),
                    ct
                )
            )
            {
                reminders++;
            }

            if (m.Open is { } open && m.Today > open.DueOn)
            {
                foreach (var officer in await CertificateMonitoring.OfficersOf(db, c, ct))
                {
                    overdue += await db.NotifyOnceAsync(
                        Notification.Create(
                            Notification.ForUser(officer),
                            $"reassessment-overdue:{open.Id}:{open.DueOn:yyyyMMdd}:{officer}",
                            $"Certificate {c.Number}: reassessment overdue",
                            $"It was due on {open.DueOn:yyyy-MM-dd}: {string.Join("; ", open.Triggers.Select(t => t.Reason))}",
                            link,
                            now,
                            NotificationKind.Reminders
                        ),
                        ct
                    )
                        ? 1
                        : 0;
                }
            }
            else if (
                m.Open is null
                && plan.PeriodicReassessmentDue is { } periodicDue
                && m.Today >= periodicDue.AddDays(-Monitoring.PeriodicOpensDaysBefore)
            )
            {
                await CertificateMonitoring.Trigger(
                    db,
                    c,
                    ReassessmentKind.Periodic,
                    TriggerSource.Periodic,
                    $"Periodic reassessment every {programme.ReassessmentYears} years",
                    $"cycle:{periodicDue:yyyy-MM-dd}",
                    now,
                    "system",
                    ct,
                    periodicDue
                );
                periodic++;
            }
        }

        return new MonitoringJobReport(reminders, overdue, periodic);
    }
}
