using OpenAeo.Domain.Certification;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>Customs sends an improvement action back to the applicant with a reason; its plan must be accepted again.</summary>
internal static class ReopenImprovementAction
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/improvement-actions/{actionId:int}/reopening", Execute).AnswersOk<ApplicationResponse>();

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("Reopen an improvement action, with a reason.")]
    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        int actionId,
        ReasonRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, () => ImprovementActionStep.Run(
                db,
                id,
                actionId,
                Side.Customs,
                "reopened",
                actor,
                clock,
                async (c, action) =>
                {
                    if (action.Reopen(request.Reason, c.Now, actor.Name) is { } refused)
                    {
                        return refused;
                    }

                    await db.NotifyOnceAsync(
                        Notification.Create(
                            Notification.ForOperator(c.Application.OperatorTin.Value),
                            $"improvement-reopened:{action.Id}:{c.Now.UtcTicks}",
                            $"Application {c.Application.Reference}: an improvement action was reopened",
                            request.Reason!.Trim(),
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
