using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record AgencyQueueItem(
    Guid DeclarationId,
    string Reference,
    string Agency,
    string? PermitStatus,
    bool JointInspection,
    DateTimeOffset? AppointmentAt,
    string Lane,
    string? ImporterTin,
    string PrincipalStatus,
    DateTimeOffset LodgedAt,
    string HsCodes
);

/// <summary>
/// The agency officer's queue: the permits to decide (the licence application travelled with the declaration) and
/// the joint inspections to schedule, oldest first. An agency officer sees only its agency's cases.
/// </summary>
internal static class ListAgencyCases
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/agency-cases", Handle).WithName("AgencyQueue").WithPaging(Sorts);

    public static readonly Sorting<CaseRow> Sorts = Sorting<CaseRow>
        .Create("lodgedAt", x => x.Case.DeclarationId)
        .ThenBy(x => x.Case.Agency)
        .By("lodgedAt", x => x.Declaration.LodgedAt)
        .By("reference", x => x.Declaration.Reference)
        .By("appointmentAt", x => x.Case.AppointmentAt);

    [Authorize(ClearanceModule.AgencyOfficers)]
    [EndpointSummary("Open permits and joint inspections, oldest first; filter by agency, all=true for decided ones too.")]
    public static async Task<Results<Ok<Page<AgencyQueueItem>>, ValidationProblem>> Handle(
        [Limit(nameof(Limits.AgencyCode))] string? agency,
        bool? all,
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        ClaimsPrincipal user,
        OpenAeoDb db,
        HttpContext http,
        CancellationToken ct
    ) => await Paging.List(http, Filter(Actor.From(user)!, agency, all == true, db), Sorts, page, pageSize, sort, Item, ct);

    /// <summary>The queue itself, shared by the endpoint and the agency officer's page.</summary>
    public static async Task<List<AgencyQueueItem>> Execute(Actor actor, string? agency, bool all, OpenAeoDb db, CancellationToken ct) =>
        [.. (await Filter(actor, agency, all, db).OrderBy(x => x.Declaration.LodgedAt).Take(500).ToListAsync(ct)).Select(Item)];

    /// <summary>A case with its declaration, as the queue pages and sorts them.</summary>
    internal sealed class CaseRow
    {
        public required AgencyCase Case { get; init; }

        public required Declaration Declaration { get; init; }
    }

    private static AgencyQueueItem Item(CaseRow x) =>
        new(
            x.Declaration.Id,
            x.Declaration.Reference,
            x.Case.Agency,
            x.Case.PermitStatus?.ToString(),
            x.Case.JointInspection,
            x.Case.AppointmentAt,
            x.Declaration.Lane.ToString(),
            x.Declaration.ImporterTin,
            x.Declaration.PrincipalStatus.ToString(),
            x.Declaration.LodgedAt,
            string.Join(", ", x.Declaration.Items.Select(i => i.HsCode))
        );

    private static IQueryable<CaseRow> Filter(Actor actor, string? agency, bool all, OpenAeoDb db)
    {
        if (actor.Role == Role.OgaOfficer)
        {
            agency = actor.Agency ?? "-";
        }

        var q = db.AgencyCases()
            .AsNoTracking()
            .Join(
                db.Declarations().AsNoTracking().Include(d => d.Items),
                c => c.DeclarationId,
                d => d.Id,
                (c, d) => new CaseRow { Case = c, Declaration = d }
            );
        if (!string.IsNullOrWhiteSpace(agency))
        {
            var code = agency.Trim().ToUpperInvariant();
            q = q.Where(x => x.Case.Agency == code);
        }

        if (!all)
        {
            q = q.Where(x => x.Case.PermitStatus == PermitStatus.Requested || (x.Case.JointInspection && x.Declaration.ReleasedAt == null));
        }

        return q;
    }
}
