using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>
/// Revocation after a heard notice of intent (the holder responded or the period ended). Under four eyes it is only
/// prepared; <see cref="ApproveRevocation"/> by a second officer revokes.
/// </summary>
internal static class RevokeCertificate
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/certificates/{id:int}/revocation", Execute).AnswersCertificate();

    [Authorize(Policies.ReferenceDataEditors)]
    [EndpointSummary("Revoke the certificate after a heard notice of intent (prepared for approval under four eyes).")]
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
            "revocation-prepared",
            (c, programme, today, now) => Task.FromResult(c.RequestRevocation(request.Reason, programme.FourEyes, today, now, actor.Name)),
            ct
        );
}
