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

/// <summary>The period respondents may answer in (days in the programme's zone; no first day = today) and whether an open link works.</summary>
public sealed record SurveyOpeningRequest(DateOnly? OpensOn, DateOnly? ClosesOn, bool? OpenLink, [Limit(nameof(Limits.Reason))] string? Reason);

internal static class SurveyOpening
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/surveys/{id:int}/opening", Handle).WithName("OpenSurvey").WithTags("Insights").RequireAuthorization(Policies.Officers)
            .WithSummary("Open a survey for a period, or change an open survey's period or open link (409 when it is closed).");

    public static async Task<Results<Ok<SurveyView>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Id))] int id, SurveyOpeningRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await Execute(id, request, Actor.From(user)!, db, clock, ct);
        return outcome.IsOk
            ? TypedResults.Ok(await Surveys.ViewAsync(outcome.Value!, db, clock.GetUtcNow(), ct))
            : Problems.Problem(outcome.Errors) is { } problem ? problem : Problems.Invalid(outcome.Errors);
    }

    public static async Task<Result<Survey>> Execute(int id, SurveyOpeningRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
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
        var opened = survey.Open(request.OpensOn, request.ClosesOn, request.OpenLink ?? false, now);
        if (!opened.IsOk)
        {
            return opened;
        }

        db.Audit(now, actor.Name, "survey.opened", $"survey:{survey.Slug}", request.Reason, new { survey.OpensOn, survey.ClosesOn, survey.OpenLink, survey.TimeZone });
        await db.SaveChangesAsync(ct);
        return opened;
    }
}
