using OpenAeo.Registry;

namespace OpenAeo.Insights;

/// <summary><c>GET /api/v1/surveys</c>, the surveys page and <c>openaeo surveys list</c>.</summary>
internal static class ListSurveys
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/surveys", Handle).WithPaging(Sorts);

    public static readonly Sorting<SurveyView> Sorts = Sorting<SurveyView>
        .Create("-id", s => s.Id)
        .By("id", s => s.Id)
        .By("title", s => s.Title);

    [Authorize(Policies.Officers)]
    [EndpointSummary("Every survey, newest first, with its phase and how many responded.")]
    public static async Task<Results<Ok<Page<SurveyView>>, ValidationProblem>> Handle(
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        OpenAeoDb db,
        TimeProvider clock,
        HttpContext http,
        CancellationToken ct
    ) => await Paging.List(http, await List(db, clock, ct), Sorts, page, pageSize, sort, ct);

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
}
