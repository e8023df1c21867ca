using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary><c>POST /api/v1/certificates/{id}/self-reviews/{reviewId}/outcome</c>, decided by
/// <see cref="RecordMonitoringOutcome"/>.</summary>
internal static class RecordSelfReviewOutcome
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/certificates/{id:int}/self-reviews/{reviewId:int}/outcome", Execute).AnswersOk<MonitoringResponse>();

    [Authorize(Policies.OperatorEditors)]
    [EndpointSummary("Record the outcome of a reviewed self-review: Confirmed, ImprovementPlan or Suspension, with reasons.")]
    public static Task<Result<MonitoringResponse>> Execute(
        int id,
        int reviewId,
        MonitoringOutcomeRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RecordMonitoringOutcome.Execute(id, reviewId, selfReview: true, request, actor, db, clock, ct);
}
