using OpenAeo.Domain.Certification;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>
/// The start of a revocation (the holder's right to be heard): the reasons and a response period of the programme's
/// <c>hearingDays</c> local days. Nothing changes in the status log until the revocation itself; suspension for cause
/// stays immediate.
/// </summary>
internal static class NotifyIntentToRevoke
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/certificates/{id:int}/notice-of-intent", Execute).AnswersCertificate();

    [Authorize(Policies.ReferenceDataEditors)]
    [EndpointSummary("Notify the holder that customs intends to revoke the certificate, with reasons and a response period.")]
    public static Task<Result<Certificate>> Execute(
        int id,
        ReasonRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        CertificateStep.RunForOffice(
            request,
            db,
            id,
            actor,
            clock,
            "notice-of-intent",
            async (c, programme, today, now) =>
            {
                if (c.NotifyIntentToRevoke(request.Reason, programme.HearingDays, today, actor.Name) is { } error)
                {
                    return error;
                }

                await db.NotifyOnceAsync(
                    Notification.Create(
                        Notification.ForOperator(c.OperatorTin.Value),
                        $"revocation-notice:{c.Number}:{now.UtcTicks}",
                        $"Certificate {c.Number}: customs intends to revoke it; you may respond by "
                            + $"{c.RevocationRespondBy:yyyy-MM-dd}",
                        c.RevocationNoticeReason!,
                        $"/certificates/{c.Id}",
                        now,
                        NotificationKind.Notices
                    ),
                    ct
                );
                return Result<CertificateEvent?>.Ok(null);
            },
            ct
        );
}
