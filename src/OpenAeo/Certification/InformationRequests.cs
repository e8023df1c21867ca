using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Notifications;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record RequestInformationRequest([Limit(nameof(Limits.Text))] string? Question, DateOnly? DueOn);

public sealed record AnswerRequestRequest([Limit(nameof(Limits.Text))] string? Answer);

/// <summary>Customs asks for more information by a due date (the clock stops); the applicant answers in the portal.</summary>
internal static class InformationRequests
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/applications/{id:int}/information-requests", Ask).WithName("RequestInformation").WithTags("Certification").WithIdempotency().WithSummary("Ask the applicant for information; the SLA clock stops until the answer.").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/applications/{id:int}/information-requests/{requestId:int}/answer", Reply).WithName("AnswerInformationRequest").WithTags("Certification").WithIdempotency().WithSummary("Answer an information request; the clock runs again.").RequireAuthorization(Policies.SignedIn);
    }

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Ask(
        int id, RequestInformationRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await AskExecute(id, request, Actor.From(user)!, db, clock, ct);
        return Problems.OkOr(outcome);
    }

    public static Task<Result<ApplicationResponse>> AskExecute(int id, RequestInformationRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        RequestLimits.Within(request, () => ApplicationContext.Run(db, id, actor, clock, async c =>
        {
            var created = InformationRequest.Create(id, request.Question ?? "", request.DueOn, c.Today, c.Now, actor.Name);
            if (!created.IsOk)
            {
                return created.Errors[0];
            }

            var moved = await c.Move(db, ApplicationAction.RequestInformation, request.Question, ct, details: $"due {request.DueOn:yyyy-MM-dd}");
            if (!moved.IsOk)
            {
                return moved.Errors[0];
            }

            db.InformationRequests().Add(created.Value!);
            await db.NotifyOnceAsync(Notification.Create(Notification.ForOperator(c.Application.OperatorTin.Value), $"request:{c.Application.Reference}:{c.Now.UtcTicks}",
                $"Customs asks for information on {c.Application.Reference}", $"Please answer by {request.DueOn:yyyy-MM-dd}: {request.Question}", $"/applications/{id}", c.Now), ct);
            return null;
        }, ct));

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Reply(
        int id, int requestId, AnswerRequestRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await ReplyExecute(id, requestId, request, Actor.From(user)!, db, clock, ct);
        return Problems.OkOr(outcome);
    }

    public static Task<Result<ApplicationResponse>> ReplyExecute(int id, int requestId, AnswerRequestRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        RequestLimits.Within(request, () => ApplicationContext.Run(db, id, actor, clock, async c =>
        {
            var open = await db.InformationRequests().SingleOrDefaultAsync(r => r.Id == requestId && r.ApplicationId == id, ct);
            if (open is null)
            {
                return new DomainError(ApplicationContext.NotFound, $"There is no request {requestId} on this application.");
            }

            if (c.Side != Side.Applicant)
            {
                return new DomainError(Problems.ForbiddenCode, "Requests are answered by the applicant.");
            }

            if (!open.IsOpen || string.IsNullOrWhiteSpace(request.Answer))
            {
                return open.IsOpen ? new DomainError("request.answer", "An answer is required.", "answer") : new DomainError("request.answered", "This request was answered already.");
            }

            // The workflow counts open requests before this answer, so it decides whether this was the last one.
            var moved = await c.Move(db, ApplicationAction.AnswerInformation, null, ct, details: $"request {requestId}");
            return moved.IsOk ? open.Answer(request.Answer, c.Now, actor.Name) : moved.Errors[0];
        }, ct));
}
