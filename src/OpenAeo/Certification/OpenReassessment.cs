using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Reason">Why customs reassesses the holder now.</param>
/// <param name="DueOn">A day in the programme's zone; when absent, the programme's business days for a triggered reassessment.</param>
public sealed record OpenReassessmentRequest([Limit(nameof(Limits.Reason))] string? Reason, DateOnly? DueOn);

/// <summary>
/// An officer of the programme office opens a reassessment by hand (or adds the reason to the open one); the holder is told.
/// </summary>
internal static class OpenReassessment
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/certificates/{id:int}/reassessments", Execute).AnswersOk<MonitoringResponse>().WithIdempotency();

    [Authorize(Policies.OperatorEditors)]
    [EndpointSummary("Open a reassessment of the holder by hand, with the reason (or add the reason to the open one).")]
    public static Task<Result<MonitoringResponse>> Execute(
        int id,
        OpenReassessmentRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, async () =>
        {
            if (!RegistryPermissions.OperatorEditors.Contains(actor.Role))
            {
                return new DomainError(
                    Problems.ForbiddenCode,
                    "Reassessments are opened by customs officers (the programme office and account managers)."
                );
            }

            var certificate = await Certificates.LoadVisible(db, id, actor, ct);
            if (certificate is null)
            {
                return new DomainError(Problems.NotFoundCode, $"There is no certificate {id} that you can see.");
            }

            var now = clock.GetUtcNow();
            var m = await CertificateMonitoring.Load(db, certificate, now, ct);
            if (Monitoring.ManualRefusal(request.Reason, request.DueOn, m.Today) is { } refused)
            {
                return refused;
            }

            var opened = await CertificateMonitoring.Trigger(
                db,
                certificate,
                ReassessmentKind.Manual,
                TriggerSource.Officer,
                request.Reason!.Trim(),
                $"officer:{actor.Name}",
                now,
                actor.Name,
                ct,
                request.DueOn
            );
            if (opened is null)
            {
                return new DomainError(
                    "reassessment.closed",
                    $"Certificate {certificate.Number} is {certificate.Status.ToString().ToLowerInvariant()}; it is no longer monitored."
                );
            }

            return await CertificateMonitoring.SaveAndDescribe(
                db,
                certificate,
                now,
                new DomainError(
                    "reassessment.exists",
                    $"A reassessment of certificate {certificate.Number} was opened by someone else at the same "
                        + "time; reload and add your reason to it."
                ),
                ct
            );
        });
}
