using OpenAeo.Domain.Certification;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Reasons">The programme's reason codes; leave empty for those the notice of intent stated.</param>
public sealed record RejectRequest(
    [Limit(nameof(Limits.RejectionReasons))] IReadOnlyList<string>? Reasons,
    [Limit(nameof(Limits.Text))] string? Text
);

/// <summary>
/// A rejection, after a heard notice of intent, carries the programme's reason codes and a text that says whether the
/// applicant's response was considered (<see cref="RejectionGrounds"/>). Under four eyes it only prepares the
/// decision, which <see cref="ApproveDecision"/> makes (ADR 0032).
/// </summary>
internal static class RejectApplication
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/rejection", Execute).AnswersOk<ApplicationResponse>().WithIdempotency();

    [EndpointSummary("Reject an application with coded reasons and a text.")]
    [Authorize(Policies.SignedIn)]
    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        RejectRequest request,
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
                    var grounds = RejectionGrounds.ForRejection(
                        request.Reasons ?? c.Application.NoticeCodes,
                        await NotifyIntentToReject.KnownCodes(db, c.Programme, ct),
                        request.Text
                    );
                    if (!grounds.IsOk)
                    {
                        return grounds.Errors[0];
                    }

                    var (codes, text) = grounds.Value!;
                    var decided = await c.Decide(db, ApplicationAction.Reject, request.Text, ct);
                    if (!decided.IsOk)
                    {
                        return decided.Errors[0];
                    }

                    if (decided.Value!.Decision.Decided is null)
                    {
                        c.Apply(
                            db,
                            decided.Value,
                            details: $"rejection prepared for a second officer's approval: {string.Join(",", codes)}"
                        );
                        c.Application.RecordPreparedDetails(null, null, null, text, codes);
                        return null;
                    }

                    return await Refuse(db, c, decided.Value, codes, text, ct);
                },
                ct
            ));

    /// <summary>Records a rejection that took effect: its codes, and a text that refers to the applicant's response to the
    /// notice.</summary>
    public static async Task<DomainError?> Refuse(
        OpenAeoDb db,
        ApplicationContext c,
        (ApplicationCommand, ApplicationDecision) decided,
        IReadOnlyList<string> codes,
        string text,
        CancellationToken ct
    )
    {
        var a = c.Application;
        var full = RejectionGrounds.Letter(
            text,
            a.NoticeIssuedOn,
            a.NoticeRespondBy,
            a.NoticeRespondedAt is DateTimeOffset at ? ApplicationContext.LocalToday(c.Programme, at) : null
        );
        var moved = c.Apply(db, decided, details: string.Join(",", codes));
        if (!moved.IsOk)
        {
            return moved.Errors[0];
        }

        a.RecordRejection(codes, full);
        await db.NotifyOnceAsync(
            Notification.Create(
                Notification.ForOperator(a.OperatorTin.Value),
                $"rejected:{a.Reference}",
                $"Application {a.Reference} was not granted",
                full,
                $"/applications/{a.Id}",
                c.Now,
                NotificationKind.Notices
            ),
            ct
        );
        return null;
    }
}
