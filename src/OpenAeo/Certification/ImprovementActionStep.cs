using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>What the steps on one improvement action share: the application's frame, the action, the side that may act, the audit
/// entry.</summary>
internal static class ImprovementActionStep
{
    public static Task<Result<ApplicationResponse>> Run(
        OpenAeoDb db,
        int id,
        int actionId,
        Side side,
        string verb,
        Actor actor,
        TimeProvider clock,
        Func<ApplicationContext, ImprovementAction, Task<DomainError?>> step,
        CancellationToken ct
    ) =>
        ApplicationContext.Run(
            db,
            id,
            actor,
            clock,
            async c =>
            {
                if (ImprovementPlans.MayAct(c.Side, side, c.Application.State) is { } refused)
                {
                    return refused;
                }

                var found = await c.Part(db.ImprovementActions(), actionId, "improvement action", ct);
                if (!found.IsOk)
                {
                    return found.Errors[0];
                }

                var action = found.Value!;

                if (await step(c, action) is { } error)
                {
                    return error;
                }

                db.Audit(
                    c.Now,
                    actor.Name,
                    $"improvement.{verb}",
                    $"application:{c.Application.Reference}",
                    action.ReopenReason,
                    new
                    {
                        action = action.Id,
                        action.Source,
                        action.SourceKey,
                        status = action.Status.ToString(),
                        action.DueOn,
                        action.CompletionDocumentId,
                    }
                );
                return null;
            },
            ct
        );
}
