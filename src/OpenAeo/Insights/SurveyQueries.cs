using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Insights;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

internal sealed record SurveyTemplateView(string Key, string Title, string Introduction, int Statements, int OpenQuestions, IReadOnlyList<SurveyQuestion> Questions, IReadOnlyList<SurveySegment> Segments);

/// <summary>The surveys, one survey, and the templates they can start from.</summary>
internal static class SurveyQueries
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/surveys", Handle).WithName("ListSurveys").WithTags("Insights").RequireAuthorization(Policies.Officers).WithPaging(Sorts)
            .WithSummary("Every survey, newest first, with its phase and how many responded.");
        api.MapGet("/surveys/templates", Templates).WithName("ListSurveyTemplates").WithTags("Insights").RequireAuthorization(Policies.Officers)
            .WithSummary("The questionnaires that ship with OpenAeo (the APEC report's Annex B, on a 1–5 scale).");
        api.MapGet("/surveys/{id:int}", Get).WithName("GetSurvey").WithTags("Insights").RequireAuthorization(Policies.Officers)
            .WithSummary("A survey: its current version's questions and segments, its period, and counts of invitations and responses.");
    }

    public static IReadOnlyList<SurveyTemplateView> Templates() =>
        [.. SurveyTemplates.All.Select(t => new SurveyTemplateView(t.Key, t.Title, t.Introduction,
            t.Questions.Count(q => q.Kind == SurveyQuestionKind.Likert), t.Questions.Count(q => q.Kind == SurveyQuestionKind.Open), t.Questions, t.Segments))];

    public static readonly Sorting<SurveyView> Sorts = Sorting<SurveyView>.Create("-id", s => s.Id).By("id", s => s.Id).By("title", s => s.Title);

    public static async Task<Results<Ok<Page<SurveyView>>, ValidationProblem>> Handle([Limit(nameof(Limits.Page))] int? page, [Limit(nameof(Limits.PageSize))] int? pageSize, [Limit(nameof(Limits.Sort))] string? sort, OpenAeoDb db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        await Paging.List(http, await List(db, clock, ct), Sorts, page, pageSize, sort, ct);

    public static async Task<IReadOnlyList<SurveyView>> List(OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var views = new List<SurveyView>();
        foreach (var s in await db.Surveys().AsNoTracking().OrderByDescending(s => s.Id).ToListAsync(ct))
        {
            views.Add(await Surveys.ViewAsync(s, db, now, ct));
        }

        return views;
    }

    public static async Task<Results<Ok<SurveyView>, ProblemHttpResult>> Get([Limit(nameof(Limits.Id))] int id, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        await db.Surveys().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } survey
            ? TypedResults.Ok(await Surveys.ViewAsync(survey, db, clock.GetUtcNow(), ct))
            : Problems.NotFound($"There is no survey {id}.");
}
