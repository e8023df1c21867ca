using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Notifications;
using OpenAeo.Platform.Persistence;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record RequestInformationRequest(string? Question, DateOnly? DueOn);

public sealed record AnswerRequestRequest(string? Answer);

/// <summary>Customs asks for more information by a due date (the clock stops); the applicant answers in the portal.</summary>
internal static class InformationRequests
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/applications/{id:int}/information-requests", Ask).WithTags("Certification").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/applications/{id:int}/information-requests/{requestId:int}/answer", Reply).WithTags("Certification").RequireAuthorization(Policies.SignedIn);
    }

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Ask(
        int id, RequestInformationRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await AskExecute(id, request, Actor.From(user)!, db, clock, ct);
        return outcome.IsOk ? TypedResults.Ok(outcome.Value!) : MoveApplication.ToProblem(outcome.Errors);
    }

    public static async Task<Result<ApplicationResponse>> AskExecute(int id, RequestInformationRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var loaded = await ApplicationContext.Load(db, id, actor, clock, ct);
        if (!loaded.IsOk)
        {
            return Result<ApplicationResponse>.Fail(loaded.Errors);
        }

        var c = loaded.Value!;
        var created = InformationRequest.Create(id, request.Question ?? "", request.DueOn ?? c.Today, c.Today, c.Now, actor.Name);
        if (!created.IsOk)
        {
            return Result<ApplicationResponse>.Fail(created.Errors);
        }

        var moved = await c.Move(db, ApplicationAction.RequestInformation, request.Question, ct, details: $"due {request.DueOn:yyyy-MM-dd}");
        if (!moved.IsOk)
        {
            return Result<ApplicationResponse>.Fail(moved.Errors);
        }

        db.InformationRequests().Add(created.Value!);
        await db.NotifyOnceAsync(Notification.Create(Notification.ForOperator(c.Application.OperatorTin.Value), $"request:{c.Application.Reference}:{c.Now.UtcTicks}",
            $"Customs asks for information on {c.Application.Reference}", $"Please answer by {request.DueOn:yyyy-MM-dd}: {request.Question}", $"/applications/{id}", c.Now), ct);
        await db.SaveChangesAsync(ct);
        return Result<ApplicationResponse>.Ok(await GetApplication.Describe(db, c, ct));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Reply(
        int id, int requestId, AnswerRequestRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await ReplyExecute(id, requestId, request, Actor.From(user)!, db, clock, ct);
        return outcome.IsOk ? TypedResults.Ok(outcome.Value!) : MoveApplication.ToProblem(outcome.Errors);
    }

    public static async Task<Result<ApplicationResponse>> ReplyExecute(int id, int requestId, AnswerRequestRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var loaded = await ApplicationContext.Load(db, id, actor, clock, ct);
        if (!loaded.IsOk)
        {
            return Result<ApplicationResponse>.Fail(loaded.Errors);
        }

        var c = loaded.Value!;
        var open = await db.InformationRequests().SingleOrDefaultAsync(r => r.Id == requestId && r.ApplicationId == id, ct);
        if (open is null)
        {
            return new DomainError(ApplicationContext.NotFound, $"There is no request {requestId} on this application.");
        }

        if (c.Side != Side.Applicant)
        {
            return new DomainError("forbidden", "Requests are answered by the applicant.");
        }

        if (!open.IsOpen || string.IsNullOrWhiteSpace(request.Answer))
        {
            return open.IsOpen ? new DomainError("request.answer", "An answer is required.", "answer") : new DomainError("request.answered", "This request was answered already.");
        }

        // The workflow counts open requests before this answer, so it decides whether this was the last one.
        var moved = await c.Move(db, ApplicationAction.AnswerInformation, null, ct, details: $"request {requestId}");
        if (!moved.IsOk)
        {
            return Result<ApplicationResponse>.Fail(moved.Errors);
        }

        if (open.Answer(request.Answer, c.Now, actor.Name) is { } error)
        {
            return error;
        }

        await db.SaveChangesAsync(ct);
        return Result<ApplicationResponse>.Ok(await GetApplication.Describe(db, c, ct));
    }
}
