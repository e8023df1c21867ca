using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Reasons">The programme's rejection reason codes the intended rejection rests on.</param>
/// <param name="Text">The reasons in words, for the applicant.</param>
public sealed record NoticeOfIntentRequest(
    [Limit(nameof(Limits.RejectionReasons))] IReadOnlyList<string>? Reasons,
    [Limit(nameof(Limits.Text))] string? Text
);

/// <summary>
/// The start of a rejection (the right to be heard, EU UCC art. 22(6)): customs states its reasons and the applicant
/// has the programme's <c>hearingDays</c> local days to respond before the rejection can be decided.
/// </summary>
internal static class NotifyIntentToReject
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/notice-of-intent", Execute).AnswersOk<ApplicationResponse>().WithIdempotency();

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("Notify the applicant that customs intends to reject, with reasons and a response period.")]
    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        NoticeOfIntentRequest request,
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
                    var grounds = RejectionGrounds.ForNotice(request.Reasons ?? [], await KnownCodes(db, c.Programme, ct), request.Text);
                    if (!grounds.IsOk)
                    {
                        return grounds.Errors[0];
                    }

                    var (codes, text) = grounds.Value!;
                    var moved = await c.Move(db, ApplicationAction.NotifyIntentToReject, text, ct, details: string.Join(",", codes));
                    if (!moved.IsOk)
                    {
                        return moved.Errors[0];
                    }

                    var a = c.Application;
                    a.RecordNotice(codes, text);
                    await db.NotifyOnceAsync(
                        Notification.Create(
                            Notification.ForOperator(a.OperatorTin.Value),
                            $"notice:{a.Reference}:{c.Now.UtcTicks}",
                            $"Application {a.Reference}: customs intends to reject it; you may respond by {a.NoticeRespondBy:yyyy-MM-dd}",
                            text,
                            $"/applications/{a.Id}",
                            c.Now,
                            NotificationKind.Notices
                        ),
                        ct
                    );
                    return null;
                },
                ct
            ));

    /// <summary>The programme's reason codes that are not retired (<see cref="RejectionGrounds"/> checks a notice's and a rejection's codes
    /// against them).</summary>
    public static async Task<IReadOnlySet<string>> KnownCodes(OpenAeoDb db, Programme programme, CancellationToken ct) =>
        (
            await db.RejectionReasons().Where(r => r.ProgrammeCode == programme.Code && !r.Retired).Select(r => r.Code).ToListAsync(ct)
        ).ToHashSet();
}
