using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>Customs takes back a notice of intent to revoke (the response convinced it); the certificate stays as it is.</summary>
internal static class WithdrawRevocationNotice
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/certificates/{id:int}/notice-of-intent/withdrawal", Execute).AnswersCertificate();

    [Authorize(Policies.ReferenceDataEditors)]
    [EndpointSummary("Withdraw a notice of intent to revoke, with a reason.")]
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
            "notice-withdrawn",
            (c, _, _, _) =>
                Task.FromResult(c.WithdrawRevocationNotice(request.Reason) is { } error ? error : Result<CertificateEvent?>.Ok(null)),
            ct
        );
}
