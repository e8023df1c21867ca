using OpenAeo.Domain.Certification;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>
/// Four eyes: a second officer approves the grant or rejection another officer prepared, and it takes effect with
/// what was prepared (tier, number, follow-up date; reason codes and text). The preparer approving gets 409.
/// </summary>
internal static class ApproveDecision
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/decision/approval", Execute).AnswersOk<ApplicationResponse>().WithIdempotency();

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("Approve a grant or rejection another officer prepared (four eyes).")]
    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        NodeIdentity node,
        CancellationToken ct
    ) =>
        ApplicationContext.Run(
            db,
            id,
            actor,
            clock,
            async c =>
            {
                var a = c.Application;
                // Read before the move clears them: the approval makes exactly what was prepared.
                var (tier, number, validFrom, text, codes, followUp) = (
                    a.PreparedTier,
                    a.PreparedCertificateNumber,
                    a.PreparedValidFrom,
                    a.PreparedText,
                    a.PreparedCodes.ToList(),
                    a.PreparedFollowUpBy
                );
                if (
                    a.PreparedAction == ApplicationAction.Grant
                    && Jurisdiction.Refusal(node.Economy, c.Programme, "grant certificates") is { } foreign
                )
                {
                    return foreign;
                }

                var decided = await c.Decide(db, ApplicationAction.ApproveDecision, null, ct);
                if (!decided.IsOk)
                {
                    return decided.Errors[0];
                }

                return decided.Value!.Decision.Decided == ApplicationAction.Grant
                    ? await GrantApplication.Issue(db, c, decided.Value, tier, number, validFrom, text, followUp, ct)
                    : await RejectApplication.Refuse(db, c, decided.Value, codes, text ?? "", ct);
            },
            ct
        );
}
