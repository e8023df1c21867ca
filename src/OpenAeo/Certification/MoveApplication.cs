using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Reason">Why (required for pause proposals; recorded for everything).</param>
/// <param name="ResumeBy">For a pause proposal: the date by which the application resumes.</param>
/// <param name="Association">For a consultation asked for by an SME association on the operator's behalf.</param>
public sealed record MoveRequest(
    [Limit(nameof(Limits.Reason))] string? Reason,
    DateOnly? ResumeBy,
    [Limit(nameof(Limits.Name))] string? Association
);

/// <summary>
/// The moves that need nothing but the workflow's consent: consultation, submission, start of review, pause
/// proposals and their answer, resumption and withdrawal. One handler, because the logic is the same for all:
/// load, let <see cref="ApplicationWorkflow"/> decide, save the new state with its event and audit entry.
/// </summary>
internal static class MoveApplication
{
    private static readonly (string Route, ApplicationAction Action)[] Moves =
    [
        ("consultation", ApplicationAction.RequestConsultation),
        ("submission", ApplicationAction.Submit),
        ("review", ApplicationAction.StartReview),
        ("pause-proposal", ApplicationAction.ProposePause),
        ("pause-proposal/acceptance", ApplicationAction.AcceptPause),
        ("pause-proposal/refusal", ApplicationAction.DeclinePause),
        ("resumption", ApplicationAction.Resume),
        ("withdrawal", ApplicationAction.Withdraw),
        ("notice-of-intent/withdrawal", ApplicationAction.WithdrawNotice),
        ("decision/return", ApplicationAction.ReturnDecision),
    ];

    public static void Map(RouteGroupBuilder api)
    {
        foreach (var (route, action) in Moves)
        {
            api.MapPost(
                    $"/applications/{{id:int}}/{route}",
                    (int id, MoveRequest? request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                        Handle(id, action, request ?? new MoveRequest(null, null, null), db, clock, user, ct)
                )
                .WithName($"{action}")
                .RequireAuthorization(Policies.SignedIn)
                .WithIdempotency()
                .WithSummary(ApplicationWorkflow.Describe(action));
        }
    }

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        ApplicationAction action,
        MoveRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var outcome = await Execute(id, action, request, Actor.From(user)!, db, clock, ct);
        return Problems.OkOr(outcome);
    }

    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        ApplicationAction action,
        MoveRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, () => ApplicationContext.Run(
                db,
                id,
                actor,
                clock,
                async context =>
                {
                    if (action == ApplicationAction.RequestConsultation)
                    {
                        context.Application.ActingFor(request.Association);
                    }

                    var moved = await context.Move(
                        db,
                        action,
                        request.Reason,
                        ct,
                        request.ResumeBy,
                        request.Association is null ? null : $"on behalf of {request.Association}"
                    );
                    return moved.IsOk ? null : moved.Errors[0];
                },
                ct
            ));
}
