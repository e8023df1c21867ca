using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record PlanVisitRequest(DateOnly? PlannedFor, [Limit(nameof(Limits.Keyword))] string? Mode);

/// <summary>Customs plans a validation visit, on site or remote, on a day from today on.</summary>
internal static class PlanValidationVisit
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/visits", Execute).AnswersOk<ApplicationResponse>().WithIdempotency();

    [EndpointSummary("Plan a validation visit (on site or remote).")]
    [Authorize(Policies.SignedIn)]
    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        PlanVisitRequest request,
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
                    if (!Enum.TryParse<VisitMode>(request.Mode ?? nameof(VisitMode.OnSite), ignoreCase: true, out var mode))
                    {
                        return new DomainError("visit.mode", "Mode is OnSite or Remote.", "mode");
                    }

                    var visit = ValidationVisit.Plan(id, request.PlannedFor ?? c.Today, mode, actor.Name, c.Today);
                    if (!visit.IsOk)
                    {
                        return visit.Errors[0];
                    }

                    var moved = await c.Move(
                        db,
                        ApplicationAction.PlanValidation,
                        null,
                        ct,
                        details: $"{mode} visit on {visit.Value!.PlannedFor:yyyy-MM-dd}"
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
