using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record RevocationResponseRequest([Limit(nameof(Limits.Text))] string? Text);

/// <summary>The holder's response to a notice of intent to revoke, within the response period.</summary>
internal static class RespondToRevocationNotice
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/certificates/{id:int}/notice-of-intent/response", Execute).AnswersCertificate();

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("Respond to a notice of intent to revoke (the certificate's holder).")]
    public static Task<Result<Certificate>> Execute(
        int id,
        RevocationResponseRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, () => CertificateStep.Run(
                db,
                id,
                actor,
                clock,
                "notice-response",
                (c, _, today, now) =>
                    Task.FromResult(
                        actor.Role != Role.Trader ? new DomainError("forbidden", "The certificate's holder responds to a notice of intent.")
                        : c.RespondToRevocationNotice(request.Text, today, now) is { } error ? error
                        : Result<CertificateEvent?>.Ok(null)
                    ),
                ct
            ));
}
