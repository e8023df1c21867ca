using OpenAeo.Domain.Certification;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Question">What customs asks the applicant.</param>
/// <param name="DueOn">The local day by which the applicant answers.</param>
public sealed record InformationQuestion([Limit(nameof(Limits.Text))] string? Question, DateOnly? DueOn);

/// <summary>Customs asks the applicant for more information by a due date; the SLA clock stops until the answer.</summary>
internal static class RequestInformation
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/information-requests", Execute).AnswersOk<ApplicationResponse>().WithIdempotency();

    [EndpointSummary("Ask the applicant for information; the SLA clock stops until the answer.")]
    [Authorize(Policies.SignedIn)]
    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        InformationQuestion request,
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
                    var created = InformationRequest.Create(id, request.Question ?? "", request.DueOn, c.Today, c.Now, actor.Name);
                    if (!created.IsOk)
                    {
                        return created.Errors[0];
                    }

                    var moved = await c.Move(
                        db,
                        ApplicationAction.RequestInformation,
                        request.Question,
                        ct,
                        details: $"due {request.DueOn:yyyy-MM-dd}"
                    );
                    if (!moved.IsOk)
                    {
                        return moved.Errors[0];
                    }

                    db.InformationRequests().Add(created.Value!);
                    await db.NotifyOnceAsync(
                        Notification.Create(
                            Notification.ForOperator(c.Application.OperatorTin.Value),
                            $"request:{c.Application.Reference}:{c.Now.UtcTicks}",
                            $"Customs asks for information on {c.Application.Reference}",
                            $"Please answer by {request.DueOn:yyyy-MM-dd}: {request.Question}",
                            $"/applications/{id}",
                            c.Now,
                            NotificationKind.Notices
                        ),
                        ct
                    );
                    return null;
                },
                ct
            ));
}
