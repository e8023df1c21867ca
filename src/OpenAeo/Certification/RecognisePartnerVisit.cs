using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>A visit an MRA partner's administration performed, recognised instead of repeated; it names the partner's certificate for the
/// operator (its number and/or the operator's TIN there).</summary>
public sealed record PartnerVisitRequest(
    [Limit(nameof(Limits.EconomyCode))] string? PartnerEconomy,
    [Limit(nameof(Limits.PartnerReference))] string? Reference,
    DateOnly? PerformedOn,
    [Limit(nameof(Limits.Text))] string? Report,
    [Limit(nameof(Limits.Tin))] string? PartnerTin = null,
    [Limit(nameof(Limits.Reference))] string? CertificateNumber = null
);

/// <summary>Customs recognises a validation an MRA partner's administration performed on the same operator instead of repeating
/// it.</summary>
internal static class RecognisePartnerVisit
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/visits/partner", Execute).AnswersOk<ApplicationResponse>().WithIdempotency();

    [EndpointSummary("Record a partner administration's validation of the same operator.")]
    [Authorize(Policies.SignedIn)]
    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        PartnerVisitRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, () => ApplicationContext.Run(
                db,
                id,
                actor,
                clock,
                async c =>
                {
                    // Who may record it comes before what the partner's log says: a trader is refused, not told what is missing.
                    if (ApplicationWorkflow.SideRefusal(ApplicationAction.RecognisePartnerValidation, c.Side) is { } refused)
                    {
                        return refused;
                    }

                    var partner = (request.PartnerEconomy ?? "").Trim().ToUpperInvariant();
                    var link = Domain.Registry.Economy.IsEconomyCode(partner)
                        ? await MutualRecognition.PartnerCertificates.LinkAsync(
                            db,
                            c.Programme.EconomyCode,
                            partner,
                            c.Today,
                            c.Now,
                            request.PartnerTin,
                            request.CertificateNumber,
                            ct
                        )
                        : new DomainError(
                            "visit.partner",
                            "Name the partner administration's economy and its visit reference.",
                            "partnerEconomy"
                        );
                    if (!link.IsOk)
                    {
                        return link.Errors[0];
                    }

                    var visit = ValidationVisit.RecognisePartner(
                        id,
                        partner,
                        request.Reference ?? "",
                        request.PerformedOn ?? c.Today,
                        request.Report ?? "",
                        actor.Name,
                        c.Today,
                        c.Now,
                        link.Value!
                    );
                    if (!visit.IsOk)
                    {
                        return visit.Errors[0];
                    }

                    var l = link.Value!;
                    var moved = await c.Move(
                        db,
                        ApplicationAction.RecognisePartnerValidation,
                        null,
                        ct,
                        details: $"visit by {l.Partner} ({visit.Value!.PartnerReference}) recognised under {l.Basis}: "
                            + $"certificate {l.CertificateNumber ?? "-"} of {l.Tin} (replica entry {l.LogIndex})"
                    );
                    if (!moved.IsOk)
                    {
                        return moved.Errors[0];
                    }

                    db.Visits().Add(visit.Value!);
                    return null;
                },
                ct
            ));
}
