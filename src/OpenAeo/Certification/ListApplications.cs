using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record ApplicationSummary(
    int Id,
    string Reference,
    string Programme,
    string OperatorTin,
    string OperatorName,
    string Track,
    string State,
    string? AccountManager,
    ClockResponse Clock,
    int OpenRequests,
    int OverdueRequests,
    DateOnly? AgreedResumeBy,
    DateTimeOffset UpdatedAt
);

/// <summary>
/// Lists of applications: a trader's own, an account manager's (<c>mine</c>), and the officers' queue ordered by
/// due date with overdue applications first.
/// </summary>
internal static class ListApplications
{
    public static readonly Sorting<AeoApplication> Sorts = Sorting<AeoApplication>
        .Create("-updatedAt", a => a.Id)
        .By("updatedAt", a => a.UpdatedAt)
        .By("reference", a => a.Reference)
        .By("state", a => a.State)
        .By("programme", a => a.ProgrammeCode);

    /// <summary>The queue's order is computed from each application's clock, so the queue (open applications only) is sorted in
    /// memory.</summary>
    public static readonly Sorting<ApplicationSummary> QueueSorts = Sorting<ApplicationSummary>
        .Create("due", a => a.Id)
        .By("due", a => ValueTuple.Create(!a.Clock.Overdue, a.Clock.DueDate ?? DateOnly.MaxValue))
        .By("updatedAt", a => a.UpdatedAt)
        .By("reference", a => a.Reference);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/applications", Handle).WithPaging(Sorts);
    }

    [EndpointSummary("Applications: a trader its own, officers all.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<Page<ApplicationSummary>>, ValidationProblem>> Handle(
        [Limit(nameof(Limits.Keyword))] string? state,
        [Limit(nameof(Limits.ProgrammeCode))] string? programme,
        bool? mine,
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
            Filter(db, Actor.From(user)!, state, programme, mine ?? false, openOnly: false),
            Sorts,
            page,
            pageSize,
            sort,
            rows => Describe(db, clock, rows, ct),
            ct
        );

    /// <summary>Open applications, overdue first, then by due date (the queue's default order).</summary>
    public static async Task<List<ApplicationSummary>> OpenByDue(
        OpenAeoDb db,
        Actor actor,
        TimeProvider clock,
        string? programme,
        bool mine,
        CancellationToken ct
    ) => [.. QueueSorts.Apply((await Load(db, actor, clock, null, programme, mine, openOnly: true, ct)).AsQueryable(), null).Value!];

    public static async Task<List<ApplicationSummary>> Load(
        OpenAeoDb db,
        Actor actor,
        TimeProvider clock,
        string? state,
        string? programme,
        bool mine,
        bool openOnly,
        CancellationToken ct
    )
    {
        var applications = await Filter(db, actor, state, programme, mine, openOnly)
            .OrderByDescending(a => a.UpdatedAt)
            .Take(1000)
            .ToListAsync(ct);
        return [.. await Describe(db, clock, applications, ct)];
    }

    /// <summary>The applications the actor may see that match the filters.</summary>
    public static IQueryable<AeoApplication> Filter(OpenAeoDb db, Actor actor, string? state, string? programme, bool mine, bool openOnly)
    {
        var query = db.Applications().AsNoTracking().Include(a => a.Events).AsQueryable();
        if (actor.Role == Role.Trader)
        {
            var own = Tin.FromTrusted(actor.OperatorTin ?? "");
            query = query.Where(a => a.OperatorTin == own);
        }
        else if (!RegistryPermissions.Officers.Contains(actor.Role))
        {
            return query.Where(a => false);
        }

        if (mine)
        {
            query = query.Where(a => a.AccountManager == actor.Name);
        }

        if (!string.IsNullOrWhiteSpace(state) && Enum.TryParse<ApplicationState>(state, ignoreCase: true, out var s))
        {
            query = query.Where(a => a.State == s);
        }

        if (!string.IsNullOrWhiteSpace(programme))
        {
            var code = programme.Trim().ToUpperInvariant();
            query = query.Where(a => a.ProgrammeCode == code);
        }

        if (openOnly)
        {
            var closed = new[] { ApplicationState.Granted, ApplicationState.Rejected, ApplicationState.Withdrawn, ApplicationState.Draft };
            query = query.Where(a => !closed.Contains(a.State));
        }

        return query;
    }

    private static async Task<IReadOnlyList<ApplicationSummary>> Describe(
        OpenAeoDb db,
        TimeProvider clock,
        List<AeoApplication> applications,
        CancellationToken ct
    )
    {
        var ids = applications.Select(a => a.Id).ToList();
        var requests = (
            await db.InformationRequests().AsNoTracking().Where(r => ids.Contains(r.ApplicationId) && r.AnsweredAt == null).ToListAsync(ct)
        ).ToLookup(r => r.ApplicationId);
        var programmes = await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        var tins = applications.Select(a => a.OperatorTin).Distinct().ToList();
        var names = await db.Operators()
            .AsNoTracking()
            .Where(o => tins.Contains(o.Tin))
            .ToDictionaryAsync(o => o.Tin, o => o.LegalName, ct);
        var now = clock.GetUtcNow();
        return
        [
            .. applications.Select(a =>
            {
                var p = programmes[a.ProgrammeCode];
                var today = ApplicationContext.LocalToday(p, now);
                return new ApplicationSummary(
                    a.Id,
                    a.Reference,
                    a.ProgrammeCode,
                    a.OperatorTin.Value,
                    names.GetValueOrDefault(a.OperatorTin, ""),
                    a.Track.ToString(),
                    a.State.ToString(),
                    a.AccountManager,
                    GetApplication.ClockOf(a, p, today),
                    requests[a.Id].Count(),
                    requests[a.Id].Count(r => r.IsOverdue(today)),
                    a.AgreedResumeBy,
                    a.UpdatedAt
                );
            }),
        ];
    }
}
