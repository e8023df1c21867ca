using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>Customs accepts an improvement action: the plan (filed or reopened) or its completion. An accepted plan resolves a NotMet
/// finding.</summary>
internal static class AcceptImprovementAction
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/improvement-actions/{actionId:int}/acceptance", Execute).AnswersOk<ApplicationResponse>();

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("Accept an improvement action's plan, or its completion.")]
    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        int actionId,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        ImprovementActionStep.Run(
            db,
            id,
            actionId,
            Side.Customs,
            "accepted",
            actor,
            clock,
            (c, action) => Task.FromResult(action.Accept(c.Now, actor.Name)),
            ct
        );
}
