using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record DeclarationPage(int Total, IReadOnlyList<DeclarationSummary> Items);

internal sealed record DeclarationSummary(
    Guid Id,
    string Reference,
    string Type,
    string Mode,
    string Office,
    string OriginEconomy,
    string? ImporterTin,
    string? ConsignorTin,
    decimal CustomsValue,
    DateTimeOffset LodgedAt,
    string Lane,
    bool Released,
    bool Delivered,
    string PrincipalStatus,
    string? ConsignorStatus
);

/// <summary>The queue: the declarations the actor may see, by lane, office, state and period, newest first.</summary>
internal static class ListDeclarations
{
    public static readonly Sorting<Declaration> Sorts = Sorting<Declaration>
        .Create("-lodgedAt", d => d.Id)
        .By("lodgedAt", d => d.LodgedAt)
        .By("reference", d => d.Reference)
        .By("office", d => d.Office)
        .By("lane", d => d.Lane)
        .By("customsValue", d => d.CustomsValue);

    public static void Map(RouteGroupBuilder api) => api.MapGet("/declarations", Handle).WithPaging(Sorts);

    [Authorize(ClearanceModule.DeclarationReaders)]
    [EndpointSummary("Declarations, newest first; filters lane, office, open (not yet released), from/to (lodgement dates), tin.")]
    public static async Task<Results<Ok<Page<DeclarationSummary>>, ValidationProblem>> Handle(
        [Limit(nameof(Limits.Keyword))] string? lane,
        [Limit(nameof(Limits.OfficeCode))] string? office,
        bool? open,
        DateOnly? from,
        DateOnly? to,
        [Limit(nameof(Limits.Tin))] string? tin,
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        ClaimsPrincipal user,
        OpenAeoDb db,
        HttpContext http,
        CancellationToken ct
    )
    {
        Lane? laneFilter = null;
        if (!string.IsNullOrWhiteSpace(lane))
        {
            if (!Enum.TryParse<Lane>(lane, true, out var l) || !Enum.IsDefined(l))
            {
                return Problems.Invalid([
                    new("declaration.lane", $"'{lane}' is not a lane; use Green, Blue, Yellow or Red.", nameof(lane)),
                ]);
            }

            laneFilter = l;
        }

        return await Paging.List(
            http,
            Filter(Actor.From(user)!, db, laneFilter, office, open, from, to, tin),
            Sorts,
            page,
            pageSize,
            sort,
            Summary,
            ct
        );
    }

    public static async Task<DeclarationPage> Execute(
        Actor actor,
        OpenAeoDb db,
        Lane? lane,
        string? office,
        bool? open,
        DateOnly? from,
        DateOnly? to,
        string? tin,
        int skip,
        int take,
        CancellationToken ct
    )
    {
        var q = Filter(actor, db, lane, office, open, from, to, tin);
        var total = await q.CountAsync(ct);
        var page = await q.OrderByDescending(d => d.LodgedAt).ThenBy(d => d.Reference).Skip(Math.Max(0, skip)).Take(take).ToListAsync(ct);
        return new DeclarationPage(total, [.. page.Select(Summary)]);
    }

    private static DeclarationSummary Summary(Declaration d) =>
        new(
            d.Id,
            d.Reference,
            d.Type.ToString(),
            d.Mode.ToString(),
            d.Office,
            d.OriginEconomy,
            d.ImporterTin,
            d.ConsignorTin,
            d.CustomsValue,
            d.LodgedAt,
            d.Lane.ToString(),
            d.ReleasedAt is not null,
            d.DeliveredAt is not null,
            d.PrincipalStatus.ToString(),
            d.ConsignorStatus?.ToString()
        );

    /// <summary>The declarations the actor may see that match the filters.</summary>
    public static IQueryable<Declaration> Filter(
        Actor actor,
        OpenAeoDb db,
        Lane? lane,
        string? office,
        bool? open,
        DateOnly? from,
        DateOnly? to,
        string? tin
    )
    {
        var q = db.Declarations().AsNoTracking();
        if (actor.Role == Role.Trader)
        {
            var own = actor.OperatorTin ?? "-";
            q = q.Where(d => d.ImporterTin == own || d.ExporterTin == own || d.CustomsBrokerTin == own || d.EcommercePlatformTin == own);
        }
        else if (actor.Role == Role.OgaOfficer)
        {
            var agency = actor.Agency ?? "-";
            q = q.Where(d => db.AgencyCases().Any(c => c.DeclarationId == d.Id && c.Agency == agency));
        }

        if (lane is { } l)
        {
            q = q.Where(d => d.Lane == l);
        }

        if (!string.IsNullOrWhiteSpace(office))
        {
            q = q.Where(d => d.Office == office.Trim());
        }

        if (open is { } o)
        {
            q = o ? q.Where(d => d.ReleasedAt == null) : q.Where(d => d.ReleasedAt != null);
        }

        if (from is { } f)
        {
            q = q.Where(d => d.LodgedOn >= f);
        }

        if (to is { } t)
        {
            q = q.Where(d => d.LodgedOn <= t);
        }

        if (!string.IsNullOrWhiteSpace(tin) && Tin.Parse(tin) is { IsOk: true } parsed)
        {
            var v = parsed.Value.Value;
            q = q.Where(d =>
                d.ImporterTin == v
                || d.ExporterTin == v
                || d.ConsignorTin == v
                || d.CustomsBrokerTin == v
                || d.CarrierTin == v
                || d.FreightForwarderTin == v
                || d.WarehouseTin == v
                || d.EcommercePlatformTin == v
            );
        }

        return q;
    }
}
