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

/// <summary>The next version of a survey's questionnaire: the whole list of questions and segments (absent segments = kept).</summary>
public sealed record SurveyRevisionRequest(
    [Limit(nameof(Limits.Entries))] IReadOnlyList<SurveyQuestion>? Questions,
    [Limit(nameof(Limits.Entries))] IReadOnlyList<SurveySegment>? Segments,
    [Limit(nameof(Limits.Reason))] string? Reason);

internal static class SurveyRevision
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/surveys/{id:int}/versions", Handle).WithName("ReviseSurvey").WithTags("Insights").RequireAuthorization(Policies.Officers)
            .WithSummary("A new version of the questionnaire; responses keep the version they answered (409 when the survey is closed).");

    public static async Task<Results<Ok<SurveyView>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Id))] int id, SurveyRevisionRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await Execute(id, request, Actor.From(user)!, db, clock, ct);
        return outcome.IsOk
            ? TypedResults.Ok(await Surveys.ViewAsync(outcome.Value!, db, clock.GetUtcNow(), ct))
            : Problems.Problem(outcome.Errors) is { } problem ? problem : Problems.Invalid(outcome.Errors);
    }

    public static async Task<Result<Survey>> Execute(int id, SurveyRevisionRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
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

        var now = clock.GetUtcNow();
        var revised = survey.Revise(request.Questions ?? [], request.Segments ?? survey.Current.Segments, now, actor.Name);
        if (!revised.IsOk)
        {
            return Result<Survey>.Fail(revised.Errors);
        }

        db.Audit(now, actor.Name, "survey.revised", $"survey:{survey.Slug}", request.Reason,
            new { version = revised.Value!.Number, questions = revised.Value.Questions.Select(q => q.Code), segments = revised.Value.Segments.Select(s => s.Code) });
        await db.SaveChangesAsync(ct);
        return Result<Survey>.Ok(survey);
    }
}
