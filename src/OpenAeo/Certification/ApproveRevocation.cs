using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>Four eyes: a second officer approves the revocation another prepared; the preparer approving gets 409.</summary>
internal static class ApproveRevocation
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/certificates/{id:int}/revocation/approval", Execute).AnswersCertificate();

    [Authorize(Policies.ReferenceDataEditors)]
    [EndpointSummary("Approve a revocation another officer prepared (four eyes).")]
    public static async Task<Result<Certificate>> Execute(int id, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        CertificateStep.OfficeOnly(actor) is { } refused
            ? refused
            : await CertificateStep.Run(
                db,
                id,
                actor,
                clock,
                "revocation-approved",
                (c, _, today, now) =>
                {
                    var revoked = c.ApproveRevocation(today, now, actor.Name);
                    return Task.FromResult(
                        revoked.IsOk ? Result<CertificateEvent?>.Ok(revoked.Value) : Result<CertificateEvent?>.Fail(revoked.Errors)
                    );
                },
                ct
            );
}
