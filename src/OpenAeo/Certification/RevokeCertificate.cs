using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>
/// Revocation after a heard notice of intent (the holder responded or the period ended). Under four eyes it is only
/// prepared; <see cref="ApproveRevocation"/> by a second officer revokes.
/// </summary>
internal static class RevokeCertificate
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/certificates/{id:int}/revocation", Handle)
            .WithName(nameof(RevokeCertificate))
            .WithTags("Certification")
            .RequireAuthorization(Policies.ReferenceDataEditors)
            .WithSummary("Revoke the certificate after a heard notice of intent (prepared for approval under four eyes).");

    public static async Task<Results<Ok<CertificateResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        ReasonRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => await Certificates.ToResponse(db, await Execute(id, request, Actor.From(user)!, db, clock, ct), ct);

    public static Task<Result<Certificate>> Execute(
        int id,
        ReasonRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        RequestLimits.Within(request, async () =>
            CertificateStep.OfficeOnly(actor) is { } refused
                ? refused
                : await CertificateStep.Run(
                    db,
                    id,
                    actor,
                    clock,
                    "revocation-prepared",
                    (c, programme, today, now) =>
                        Task.FromResult(c.RequestRevocation(request.Reason, programme.FourEyes, today, now, actor.Name)),
                    ct
                )
        );
}
