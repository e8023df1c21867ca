using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record InformationAnswer([Limit(nameof(Limits.Text))] string? Answer);

/// <summary>The applicant answers an information request in the portal; with the last open one answered, the clock runs again.</summary>
internal static class AnswerInformationRequest
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/information-requests/{requestId:int}/answer", Handle).WithIdempotency();

    [EndpointSummary("Answer an information request; the clock runs again.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        int requestId,
        InformationAnswer request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var outcome = await Execute(id, requestId, request, Actor.From(user)!, db, clock, ct);
        return Problems.OkOr(outcome);
    }

    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        int requestId,
        InformationAnswer request,
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
                    var found = await c.Part(db.InformationRequests(), requestId, "request", ct);
                    if (!found.IsOk)
                    {
                        return found.Errors[0];
                    }

                    if (c.Unless(Side.Applicant, "Requests are answered by the applicant.") is { } refused)
                    {
                        return refused;
                    }

                    var open = found.Value!;

                    if (!open.IsOpen || string.IsNullOrWhiteSpace(request.Answer))
                    {
                        return open.IsOpen
                            ? new DomainError("request.answer", "An answer is required.", "answer")
                            : new DomainError("request.answered", "This request was answered already.");
                    }

                    // The workflow counts open requests before this answer, so it decides whether this was the last one.
                    var moved = await c.Move(db, ApplicationAction.AnswerInformation, null, ct, details: $"request {requestId}");
                    return moved.IsOk ? open.Answer(request.Answer, c.Now, actor.Name) : moved.Errors[0];
                },
                ct
            ));
}
