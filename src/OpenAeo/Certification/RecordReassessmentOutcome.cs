using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary><c>POST /api/v1/certificates/{id}/reassessments/{reassessmentId}/outcome</c>, decided by
/// <see cref="RecordMonitoringOutcome"/>.</summary>
internal static class RecordReassessmentOutcome
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/certificates/{id:int}/reassessments/{reassessmentId:int}/outcome", Handle);

    [Authorize(Policies.OperatorEditors)]
    [EndpointSummary("Complete a reassessment with its outcome: Confirmed, ImprovementPlan or Suspension, with reasons.")]
    public static async Task<Results<Ok<MonitoringResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        int reassessmentId,
        MonitoringOutcomeRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) =>
        Problems.OkOr(
            await RecordMonitoringOutcome.Execute(id, reassessmentId, selfReview: false, request, Actor.From(user)!, db, clock, ct)
        );
}
