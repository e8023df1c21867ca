using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Insights;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

public sealed record SurveyClosingRequest([Limit(nameof(Limits.Reason))] string? Reason);

/// <summary>Closes an open survey: no more answers, its questionnaire and results final.</summary>
internal static class SurveyClosing
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/surveys/{id:int}/closing", Handle).WithName("CloseSurvey").WithTags("Insights").RequireAuthorization(Policies.Officers)
            .WithSummary("Close an open survey (409 unless it is open).");

    public static async Task<Results<Ok<SurveyView>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Id))] int id, SurveyClosingRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await Execute(id, request, Actor.From(user)!, db, clock, ct);
        return outcome.IsOk
            ? TypedResults.Ok(await Surveys.ViewAsync(outcome.Value!, db, clock.GetUtcNow(), ct))
            : Problems.Problem(outcome.Errors) is { } problem ? problem : Problems.Invalid(outcome.Errors);
    }

    public static async Task<Result<Survey>> Execute(int id, SurveyClosingRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<Survey>.Fail(outOfLimits);
        }

        if (Surveys.Refuses(actor) is { } refused)
        {
            return refused;
        }

        if (await db.Surveys().SingleOrDefaultAsync(s => s.Id == id, ct) is not { } survey)
        {
            return Surveys.NotFound(id);
        }

        var closed = survey.Close();
        if (!closed.IsOk)
        {
            return closed;
        }

        db.Audit(clock.GetUtcNow(), actor.Name, "survey.closed", $"survey:{survey.Slug}", request.Reason);
        await db.SaveChangesAsync(ct);
        return closed;
    }
}
