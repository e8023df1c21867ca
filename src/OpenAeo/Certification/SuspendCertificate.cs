using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="EffectiveFrom">Leave empty for today in the programme's time zone.</param>
public sealed record SuspensionRequest([Limit(nameof(Limits.Reason))] string? Reason, DateOnly? EffectiveFrom);

/// <summary>The programme office suspends a certificate with its reason; a suspension makes a reassessment due (ADR 0040).</summary>
internal static class SuspendCertificate
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/certificates/{id:int}/suspension", Execute).AnswersCertificate();

    [EndpointSummary("Suspend a certificate, with the reason; it takes effect at once.")]
    [Authorize(Policies.ReferenceDataEditors)]
    public static Task<Result<Certificate>> Execute(
        int id,
        SuspensionRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => Suspend(id, request, actor, db, clock, reassess: true, ct);

    /// <param name="reassess">A suspension makes a reassessment due (ADR 0040), unless it is itself the outcome of one.</param>
    public static Task<Result<Certificate>> Suspend(
        int id,
        SuspensionRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        bool reassess,
        CancellationToken ct
    ) =>
        RequestLimits.Within(request, () =>
            Certificates.RefusedOutsideProgrammeOffice(actor)
            ?? Certificates.Execute(
                id,
                actor,
                db,
                clock,
                (c, today, now, who) => c.Suspend(request.Reason, request.EffectiveFrom ?? today, today, now, who),
                ct,
                reassess
                    ? (c, e, now) =>
                        CertificateMonitoring.Trigger(
                            db,
                            c,
                            ReassessmentKind.Triggered,
                            TriggerSource.Suspension,
                            e.Reason ?? "suspended",
                            $"certificate-event:{e.EffectiveOn:yyyy-MM-dd}",
                            now,
                            actor.Name,
                            ct
                        )
                    : null
            )
        );
}
