using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record VisitReportRequest(IReadOnlyList<Finding>? Findings, [Limit(nameof(Limits.Text))] string? Report);

/// <summary>Customs records a visit's findings per criteria group of the application's pack, and its report.</summary>
internal static class ReportValidationVisit
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/visits/{visitId:int}/report", Handle).WithIdempotency();

    [EndpointSummary("Record a visit's findings per criteria group and its report.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        int visitId,
        VisitReportRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var outcome = await Execute(id, visitId, request, Actor.From(user)!, db, clock, ct);
        return Problems.OkOr(outcome);
    }

    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        int visitId,
        VisitReportRequest request,
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
                    var visit = await c.Part(db.Visits(), visitId, "visit", ct);
                    if (!visit.IsOk)
                    {
                        return visit.Errors[0];
                    }

                    var pack = await db.CriteriaPacks().AsNoTracking().SingleAsync(p => p.Id == c.Application.CriteriaPackId, ct);
                    var moved = await c.Move(db, ApplicationAction.CompleteValidation, null, ct, details: $"visit {visitId}");
                    if (!moved.IsOk)
                    {
                        return moved.Errors[0];
                    }

                    return visit.Value!.Complete(
                        request.Findings ?? [],
                        request.Report,
                        pack.Questions.Select(q => q.Group).ToHashSet(),
                        c.Today,
                        c.Now
                    );
                },
                ct
            ));
}
