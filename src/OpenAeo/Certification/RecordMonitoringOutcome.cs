using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Outcome"><c>Confirmed</c>, <c>ImprovementPlan</c> or <c>Suspension</c>.</param>
/// <param name="Reason">The officer's reasons; for a suspension, the suspension's reason.</param>
public sealed record MonitoringOutcomeRequest(
    [Limit(nameof(Limits.Keyword))] string? Outcome,
    [Limit(nameof(Limits.Reason))] string? Reason
);

/// <summary>
/// An officer closes a self-review or a reassessment with its outcome: confirmed; an improvement plan, which the holder
/// files as improvement actions on the application that granted the certificate (the existing actions, ADR 0032); or a
/// suspension through the suspension use case, with its audit and status-log event, in the same transaction. The two
/// endpoints are <see cref="RecordSelfReviewOutcome"/> and <see cref="RecordReassessmentOutcome"/>; the rule is one.
/// </summary>
internal static class RecordMonitoringOutcome
{
    public static Task<Result<MonitoringResponse>> Execute(
        int id,
        int itemId,
        bool selfReview,
        MonitoringOutcomeRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, async () =>
        {
            if (!RegistryPermissions.OperatorEditors.Contains(actor.Role))
            {
                return new DomainError(Problems.ForbiddenCode, "Monitoring outcomes are recorded by customs officers.");
            }

            var certificate = await Certificates.LoadVisible(db, id, actor, ct);
            if (certificate is null)
            {
                return new DomainError(Problems.NotFoundCode, $"There is no certificate {id} that you can see.");
            }

            if (
                !Enum.TryParse<MonitoringOutcome>(request.Outcome?.Trim(), ignoreCase: true, out var outcome)
                || !Monitoring.OfficerOutcomes.Contains(outcome)
            )
            {
                return new DomainError("monitoring.outcome", "The outcome is Confirmed, ImprovementPlan or Suspension.", "outcome");
            }

            if (outcome == MonitoringOutcome.ImprovementPlan && certificate.ApplicationId is null)
            {
                return new DomainError(
                    "monitoring.outcome",
                    $"Certificate {certificate.Number} was imported without the application that granted it, so it "
                        + "has no improvement plan to add to; confirm, suspend, or open a reassessment.",
                    "outcome"
                );
            }

            var now = clock.GetUtcNow();
            var m = await CertificateMonitoring.Load(db, certificate, now, ct);
            var what = selfReview ? "self-review" : "reassessment";
            var decided = selfReview
                ? m.Reviews.FirstOrDefault(r => r.Id == itemId)?.Decide(outcome, request.Reason, now, actor.Name)
                : m.Reassessments.FirstOrDefault(r => r.Id == itemId)?.Decide(outcome, request.Reason, m.Today, now, actor.Name);
            var found = selfReview ? m.Reviews.Any(r => r.Id == itemId) : m.Reassessments.Any(r => r.Id == itemId);
            if (!found)
            {
                return new DomainError(Problems.NotFoundCode, $"Certificate {certificate.Number} has no {what} {itemId}.");
            }

            if (decided is { } refused)
            {
                return refused;
            }

            var key = Monitoring.ImprovementKey(selfReview, itemId);
            db.Audit(
                now,
                actor.Name,
                $"{what}.decided",
                $"certificate:{certificate.Number}",
                request.Reason,
                new { id = itemId, outcome = outcome.ToString() }
            );
            var applicationLink = certificate.ApplicationId is int app ? $"/applications/{app}" : $"/certificates/{certificate.Id}";
            await db.NotifyOnceAsync(
                Notification.Create(
                    Notification.ForOperator(certificate.OperatorTin.Value),
                    $"{key}:outcome:{certificate.Number}",
                    $"Certificate {certificate.Number}: {what} {Words(outcome)}",
                    outcome == MonitoringOutcome.ImprovementPlan
                        ? $"{request.Reason!.Trim()} File your improvement actions for {key} on the application that "
                            + "granted the certificate."
                        : request.Reason!.Trim(),
                    outcome == MonitoringOutcome.ImprovementPlan ? applicationLink : $"/certificates/{certificate.Id}",
                    now,
                    NotificationKind.Notices
                ),
                ct
            );

            if (outcome != MonitoringOutcome.Suspension)
            {
                return await CertificateMonitoring.SaveAndDescribe(
                    db,
                    certificate,
                    now,
                    new DomainError(
                        "monitoring.decided",
                        $"This {what} was decided by someone else at the same time; nothing was changed. Reload it."
                    ),
                    ct
                );
            }

            // The suspension use case checks the office, suspends, audits, notifies and saves this outcome with it, or nothing.
            var suspended = await SuspendCertificate.Suspend(
                id,
                new SuspensionRequest(request.Reason, null),
                actor,
                db,
                clock,
                reassess: selfReview,
                ct
            );
            if (!suspended.IsOk)
            {
                db.ChangeTracker.Clear();
                return Result<MonitoringResponse>.Fail(suspended.Errors);
            }

            return Result<MonitoringResponse>.Ok(
                CertificateMonitoring.Describe(await CertificateMonitoring.Load(db, certificate, now, ct))
            );
        });

    private static string Words(MonitoringOutcome outcome) =>
        outcome switch
        {
            MonitoringOutcome.Confirmed => "reviewed: status confirmed",
            MonitoringOutcome.ImprovementPlan => "reviewed: an improvement plan is needed",
            _ => "reviewed: the certificate is suspended",
        };
}
