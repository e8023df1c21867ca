using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

public sealed record OperatorPage(int Total, int Page, int PageSize, IReadOnlyList<OperatorResponse> Items);

internal static class ListOperators
{
    public static readonly Sorting<Operator> Sorts = Sorting<Operator>
        .Create("legalName", o => o.Tin)
        .By("legalName", o => o.LegalName)
        .By("tin", o => o.Tin)
        .By("economy", o => o.EconomyCode);

    public static void Map(RouteGroupBuilder api) => api.MapGet("/operators", Handle).WithPaging(Sorts);

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("Search operators by TIN or name (q), economy and role. A trader sees only its own operator.")]
    public static async Task<Results<Ok<Page<OperatorResponse>>, ValidationProblem>> Handle(
        [Limit(nameof(Limits.Search))] string? q,
        [Limit(nameof(Limits.EconomyCode))] string? economy,
        [Limit(nameof(Limits.Keyword))] string? role,
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        OpenAeoDb db,
        ClaimsPrincipal user,
        HttpContext http,
        CancellationToken ct
    )
    {
        var sme = await GetOperator.SmeDefinitions(db, ct);
        return await Paging.List(
            http,
            Filter(db, Actor.From(user)!, q, economy, role),
            Sorts,
            page,
            pageSize,
            sort,
            o => OperatorResponse.From(o, sme.GetValueOrDefault(o.EconomyCode)),
            ct
        );
    }

    public static async Task<OperatorPage> Search(
        OpenAeoDb db,
        Actor actor,
        string? q,
        string? economy,
        string? role,
        int page,
        int pageSize,
        CancellationToken ct
    )
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, Paging.MaxPageSize);
        var query = Filter(db, actor, q, economy, role);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(o => o.LegalName).ThenBy(o => o.Tin).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var sme = await GetOperator.SmeDefinitions(db, ct);
        return new OperatorPage(
            total,
            page,
            pageSize,
            [.. items.Select(o => OperatorResponse.From(o, sme.GetValueOrDefault(o.EconomyCode)))]
        );
    }

    /// <summary>The operators the actor may see that match the search, economy and role.</summary>
    public static IQueryable<Operator> Filter(OpenAeoDb db, Actor actor, string? q, string? economy, string? role)
    {
        var query = db.Operators().AsNoTracking();
        if (!RegistryPermissions.CanListOperators(actor.Role))
        {
            var own = actor.OperatorTin is { } t ? Tin.FromTrusted(t) : default;
            query = actor.Role == Role.Trader && actor.OperatorTin is not null ? query.Where(o => o.Tin == own) : query.Where(o => false);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            // ToUpper() here is translated to SQL UPPER, not run in .NET; it makes LIKE case-insensitive on PostgreSQL too.
#pragma warning disable CA1304
            var text = q.Trim();
            var asTin = Tin.Parse(text);
            var pattern =
                $"%{text.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant()}%";
            query = asTin.IsOk
                ? query.Where(o => o.Tin == asTin.Value || EF.Functions.Like(o.LegalName.ToUpper(), pattern))
                : query.Where(o => EF.Functions.Like(o.LegalName.ToUpper(), pattern));
#pragma warning restore CA1304
        }

        if (!string.IsNullOrWhiteSpace(economy))
        {
            var code = economy.Trim().ToUpperInvariant();
            query = query.Where(o => o.EconomyCode == code);
        }

        if (!string.IsNullOrWhiteSpace(role) && OperatorRoleNames.ParseOne(role) is { } r)
        {
            query = query.Where(o => (o.Roles & r) == r);
        }

        return query;
    }
}
