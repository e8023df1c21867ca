using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>The programme office lifts a suspension; the certificate is active again from today.</summary>
internal static class ReinstateCertificate
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/certificates/{id:int}/reinstatement", Execute).AnswersCertificate();

    [EndpointSummary("Lift a suspension.")]
    [Authorize(Policies.ReferenceDataEditors)]
    public static Task<Result<Certificate>> Execute(
        int id,
        ReasonRequest? request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        RequestLimits.Within(request ?? new ReasonRequest(null), () =>
            Certificates.RefusedOutsideProgrammeOffice(actor)
            ?? Certificates.Execute(id, actor, db, clock, (c, today, now, who) => c.Reinstate(request?.Reason, today, now, who), ct)
        );
}
