using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.OpenApi;

namespace OpenAeo.Platform.Web;

/// <summary>
/// One page of a collection, the same on every list of <c>/api/v1</c> (ADR 0039): the items, how many the filters
/// match in all, and the link to the next page with the same filters and sort (null on the last page).
/// </summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, int Total, string? Next);

/// <summary>
/// The sort fields a list allows (<c>sort=field</c> ascending, <c>sort=-field</c> descending), its default order, and
/// the unique key that breaks ties, so that a row never appears on two pages or on none while the list is read.
/// </summary>
internal sealed class Sorting<T>
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> names = [];
    private Func<IOrderedQueryable<T>, IOrderedQueryable<T>> tieBreak;

    private Sorting(string defaultSort, Func<IOrderedQueryable<T>, IOrderedQueryable<T>> tieBreak)
    {
        Default = defaultSort;
        this.tieBreak = tieBreak;
    }

    /// <summary>The order of the list when the request names none, e.g. <c>-lodgedAt</c>.</summary>
    public string Default { get; }

    public IReadOnlyList<string> Fields => names;

    /// <summary>A list ordered by default as <paramref name="defaultSort"/>, ties broken by the unique <paramref name="unique"/>.</summary>
    public static Sorting<T> Create<TKey>(string defaultSort, Expression<Func<T, TKey>> unique) => new(defaultSort, q => q.ThenBy(unique));

    /// <summary>A further tie-break, for rows whose unique key has more than one part.</summary>
    public Sorting<T> ThenBy<TKey>(Expression<Func<T, TKey>> key)
    {
        var before = tieBreak;
        tieBreak = q => before(q).ThenBy(key);
        return this;
    }

    public Sorting<T> By<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        keys[name] = (q, descending) => descending ? q.OrderByDescending(key) : q.OrderBy(key);
        names.Add(name);
        return this;
    }

    /// <summary>The query in the requested order, or the error naming the fields this list can be sorted by.</summary>
    public Result<IOrderedQueryable<T>> Apply(IQueryable<T> query, string? sort)
    {
        var text = string.IsNullOrWhiteSpace(sort) ? Default : sort.Trim();
        var descending = text.StartsWith('-');
        var name = text.TrimStart('-', '+');
        return keys.TryGetValue(name, out var order)
            ? Result<IOrderedQueryable<T>>.Ok(tieBreak(order(query, descending)))
            : new DomainError(
                "paging.sort",
                $"'{text}' is not a sort of this list; use one of {string.Join(", ", names)} (ascending), or with "
                    + "a leading '-' (descending).",
                Paging.SortParameter
            );
    }
}

/// <summary>
/// Paging, filtering and sorting alike on every list (ADR 0039): <c>page</c> (1-based) and <c>pageSize</c> (at most
/// <see cref="MaxPageSize"/>), <c>sort=field</c> or <c>sort=-field</c> from the list's allow-list, the list's own filters
/// by name; the answer is a <see cref="Page{T}"/> whose <c>next</c> is also sent as <c>Link: &lt;…&gt;; rel="next"</c>.
/// Clients follow <c>next</c> rather than build page numbers, so a list may move to keyset paging without breaking them.
/// </summary>
internal static class Paging
{
    public const string PageParameter = "page";
    public const string PageSizeParameter = "pageSize";
    public const string SortParameter = "sort";
    public const int DefaultPageSize = 50;
    public static readonly int MaxPageSize = (int)Limits.PageSize.Maximum;

    /// <summary>The conventions, stated once for the API document.</summary>
    public const string Conventions =
        "Every collection answers `{ items, total, next }`: `next` is the absolute path of the next page with the "
        + "same filters and sort (also sent as `Link: <…>; rel=\"next\"`), null on the last page. `page` (from 1) and `pageSize` "
        + "(1–500, default 50) choose the page; `sort=field` sorts ascending and `sort=-field` descending, by one of the fields the "
        + "list names; filters are query parameters by name. An unknown sort field, a page below 1 or a page size over 500 is a 400.";

    /// <summary>One page of <paramref name="query"/> (a database query, or a list already in memory) in the requested order.</summary>
    public static async Task<Results<Ok<Page<TOut>>, ValidationProblem>> List<TRow, TOut>(
        HttpContext http,
        IQueryable<TRow> query,
        Sorting<TRow> sorting,
        int? page,
        int? pageSize,
        string? sort,
        Func<List<TRow>, Task<IReadOnlyList<TOut>>> describe,
        CancellationToken ct
    )
    {
        var outcome = await Read(http, query, sorting, page, pageSize, sort, describe, ct);
        if (!outcome.IsOk)
        {
            return Problems.Invalid(outcome.Errors);
        }

        return TypedResults.Ok(Linked(http, outcome.Value!));
    }

    /// <summary>The page, with its <c>next</c> also sent as <c>Link: &lt;…&gt;; rel="next"</c>; for handlers whose answer has more cases
    /// than a page or a field error.</summary>
    public static Page<T> Linked<T>(HttpContext http, Page<T> page)
    {
        if (page.Next is { } next)
        {
            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return page;
    }

    /// <summary>As the <c>List</c> overload that describes a page of rows at once, each row described on its own.</summary>
    public static Task<Results<Ok<Page<TOut>>, ValidationProblem>> List<TRow, TOut>(
        HttpContext http,
        IQueryable<TRow> query,
        Sorting<TRow> sorting,
        int? page,
        int? pageSize,
        string? sort,
        Func<TRow, TOut> describe,
        CancellationToken ct
    ) => List(http, query, sorting, page, pageSize, sort, rows => Task.FromResult<IReadOnlyList<TOut>>([.. rows.Select(describe)]), ct);

    /// <summary>A list already described (small lists: MRAs, partners, rules), paged and sorted alike.</summary>
    public static Task<Results<Ok<Page<T>>, ValidationProblem>> List<T>(
        HttpContext http,
        IEnumerable<T> items,
        Sorting<T> sorting,
        int? page,
        int? pageSize,
        string? sort,
        CancellationToken ct
    ) => List(http, items.AsQueryable(), sorting, page, pageSize, sort, row => row, ct);

    /// <summary>The handler of a list with no filter of its own: <c>page</c>, <c>pageSize</c> and <c>sort</c> over the rows of
    /// <paramref name="rows"/>, each described by <paramref name="describe"/>.</summary>
    public static Delegate Handler<TRow, TOut>(Sorting<TRow> sorting, Func<OpenAeoDb, IQueryable<TRow>> rows, Func<TRow, TOut> describe) =>
        (
            [Limit(nameof(Limits.Page))] int? page,
            [Limit(nameof(Limits.PageSize))] int? pageSize,
            [Limit(nameof(Limits.Sort))] string? sort,
            OpenAeoDb db,
            HttpContext http,
            CancellationToken ct
        ) => List(http, rows(db), sorting, page, pageSize, sort, describe, ct);

    /// <summary>As <see cref="Handler{TRow, TOut}"/> for a small list described whole first, then paged and sorted.</summary>
    public static Delegate Handler<T>(Sorting<T> sorting, Func<OpenAeoDb, CancellationToken, Task<IEnumerable<T>>> items) =>
        async (
            [Limit(nameof(Limits.Page))] int? page,
            [Limit(nameof(Limits.PageSize))] int? pageSize,
            [Limit(nameof(Limits.Sort))] string? sort,
            OpenAeoDb db,
            HttpContext http,
            CancellationToken ct
        ) => await List(http, await items(db, ct), sorting, page, pageSize, sort, ct);

    public static async Task<Result<Page<TOut>>> Read<TRow, TOut>(
        HttpContext http,
        IQueryable<TRow> query,
        Sorting<TRow> sorting,
        int? page,
        int? pageSize,
        string? sort,
        Func<List<TRow>, Task<IReadOnlyList<TOut>>> describe,
        CancellationToken ct
    )
    {
        var errors = new List<DomainError>();
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (number < 1 || number > Limits.Page.Maximum)
        {
            errors.Add(new("paging.page", $"The page must be from 1 to {Limits.Page.Maximum}.", PageParameter));
        }

        if (size < 1 || size > MaxPageSize)
        {
            errors.Add(new("paging.page-size", $"The page size must be from 1 to {MaxPageSize}.", PageSizeParameter));
        }

        var ordered = sorting.Apply(query, sort);
        errors.AddRange(ordered.Errors);
        if (errors.Count > 0)
        {
            return Result<Page<TOut>>.Fail(errors);
        }

        var window = ordered.Value!.Skip((number - 1) * size).Take(size);
        var async = query.Provider is IAsyncQueryProvider;
        var total = async ? await query.CountAsync(ct) : query.Count();
        var rows = async ? await window.ToListAsync(ct) : [.. window];
        var items = await describe(rows);
        return Result<Page<TOut>>.Ok(new Page<TOut>(items, total, (long)number * size < total ? NextLink(http.Request, number + 1) : null));
    }

    /// <summary>This request's absolute path and query with only the page changed: the filters and the sort are kept.</summary>
    public static string NextLink(HttpRequest request, int page)
    {
        var query = new QueryBuilder();
        foreach (var (name, values) in QueryHelpers.ParseQuery(request.QueryString.Value))
        {
            if (!string.Equals(name, PageParameter, StringComparison.OrdinalIgnoreCase))
            {
                query.Add(name, (IEnumerable<string>)values!);
            }
        }

        query.Add(PageParameter, page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return $"{request.PathBase}{request.Path}{query.ToQueryString()}";
    }

    /// <summary>Documents the list's paging: the sort fields it allows, and the <c>Link</c> header of its answer.</summary>
    public static RouteHandlerBuilder WithPaging<T>(this RouteHandlerBuilder builder, Sorting<T> sorting) =>
        builder.AddOpenApiOperationTransformer(
            (operation, _, _) =>
            {
                foreach (var parameter in operation.Parameters ?? [])
                {
                    if (parameter is not OpenApiParameter p)
                    {
                        continue;
                    }

                    p.Description = p.Name switch
                    {
                        PageParameter =>
                            "The page, from 1 (see the API's paging conventions; clients follow `next` instead of counting pages).",
                        PageSizeParameter => $"Items per page, 1–{MaxPageSize}; {DefaultPageSize} when not given.",
                        SortParameter => $"One of {string.Join(", ", sorting.Fields.Select(f => $"`{f}`"))}, ascending, or with "
                            + $"a leading `-` descending; `{sorting.Default}` when not given.",
                        _ => p.Description,
                    };
                }

                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
                {
                    response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    response.Headers["Link"] = new OpenApiHeader
                    {
                        Description = "`<next>; rel=\"next\"` when there is a next page (the same link as `next` in the body).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                }

                return Task.CompletedTask;
            }
        );
}
