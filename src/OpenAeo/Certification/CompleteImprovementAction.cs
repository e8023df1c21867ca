using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Text">What was done.</param>
/// <param name="DocumentId">A document already uploaded to the application that shows it.</param>
public sealed record ImprovementCompletionRequest([Limit(nameof(Limits.Text))] string? Text, [Limit(nameof(Limits.Id))] int? DocumentId);

/// <summary>The applicant records that an improvement action is done, with evidence (text, a document of the application, or
/// both).</summary>
internal static class CompleteImprovementAction
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/improvement-actions/{actionId:int}/completion", Execute).AnswersOk<ApplicationResponse>();

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("Complete an improvement action with its evidence.")]
    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        int actionId,
        ImprovementCompletionRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, () => ImprovementActionStep.Run(
                db,
                id,
                actionId,
                Side.Applicant,
                "completed",
                actor,
                clock,
                async (c, action) =>
                {
                    if (
                        request.DocumentId is int documentId
                        && !await db.Documents().AnyAsync(d => d.Id == documentId && d.ApplicationId == id, ct)
                    )
                    {
                        return new DomainError(
                            "improvement.document",
                            $"Document {documentId} is not a document of this application; upload it first.",
                            "documentId"
                        );
                    }

                    return action.Complete(request.Text, request.DocumentId, c.Today, c.Now);
                },
                ct
            ));
}
