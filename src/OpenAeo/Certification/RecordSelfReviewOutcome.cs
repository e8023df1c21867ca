using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary><c>POST /api/v1/certificates/{id}/self-reviews/{reviewId}/outcome</c>, decided by
/// <see cref="RecordMonitoringOutcome"/>.</summary>
internal static class RecordSelfReviewOutcome
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/certificates/{id:int}/self-reviews/{reviewId:int}/outcome", Handle);

    [Authorize(Policies.OperatorEditors)]
    [EndpointSummary("Record the outcome of a reviewed self-review: Confirmed, ImprovementPlan or Suspension, with reasons.")]
    public static async Task<Results<Ok<MonitoringResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        int reviewId,
        MonitoringOutcomeRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => Problems.OkOr(await RecordMonitoringOutcome.Execute(id, reviewId, selfReview: true, request, Actor.From(user)!, db, clock, ct));
}
