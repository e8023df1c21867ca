using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary><c>GET /api/v1/applications/queue</c>: the officers' queue, by due date with overdue applications first.</summary>
internal static class ListApplicationQueue
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/applications/queue", Handle).WithName("ApplicationQueue").WithPaging(ListApplications.QueueSorts);

    [Authorize(Policies.Officers)]
    [EndpointSummary("Open applications by due date, overdue first; mine=true for the caller's own as account manager.")]
    public static async Task<Results<Ok<Page<ApplicationSummary>>, ValidationProblem>> Handle(
        bool? mine,
        [Limit(nameof(Limits.ProgrammeCode))] string? programme,
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        HttpContext http,
        CancellationToken ct
    ) =>
        await Paging.List(
            http,
            await ListApplications.Load(db, Actor.From(user)!, clock, null, programme, mine ?? false, openOnly: true, ct),
            ListApplications.QueueSorts,
            page,
            pageSize,
            sort,
            ct
        );
}
