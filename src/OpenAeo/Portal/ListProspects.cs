using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary>The self-check a prospect attached, as its result: the track and how far it is, and the link that shows it in full.</summary>
internal sealed record ProspectSelfCheckResponse(string Track, int Met, int Total, int Gaps, string NextStep, string Link);

internal sealed record ProspectResponse(
    int Id,
    string Reference,
    string Programme,
    string Tin,
    string LegalName,
    string ContactName,
    string Email,
    string? Phone,
    IReadOnlyList<DateOnly> PreferredDates,
    string? Message,
    IReadOnlyList<string> Roles,
    int? Employees,
    string? Sector,
    string Status,
    DateTimeOffset ReceivedAt,
    string? AccountManager,
    DateTimeOffset? DecidedAt,
    string? DeclineReason,
    DateTimeOffset? InvitationExpiresAt,
    string? JoinedAs,
    bool RegisteredOperator,
    ProspectSelfCheckResponse? SelfCheck
);

/// <summary><c>GET /api/v1/prospects</c> and the prospects page: the queue of <see cref="ProspectQueue"/>.</summary>
internal static class ListProspects
{
    public static void Map(RouteGroupBuilder prospects) => prospects.MapGet("", Handle).WithPaging(Sorts);

    /// <summary>Sorted in memory: the queue holds requests being handled, not an archive.</summary>
    public static readonly Sorting<ProspectResponse> Sorts = Sorting<ProspectResponse>
        .Create("-receivedAt", p => p.Id)
        .By("receivedAt", p => p.ReceivedAt)
        .By("id", p => p.Id);

    [EndpointSummary("Prior-consultation requests, newest first; status New, Accepted, Declined or Joined.")]
    public static async Task<Results<Ok<Page<ProspectResponse>>, ValidationProblem>> Handle(
        [Limit(nameof(Limits.Keyword))] string? status,
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        OpenAeoDb db,
        TimeProvider clock,
        HttpContext http,
        CancellationToken ct
    ) => await Paging.List(http, await Load(db, status, clock, ct), Sorts, page, pageSize, sort, ct);

    public static async Task<List<ProspectResponse>> Load(OpenAeoDb db, string? status, TimeProvider clock, CancellationToken ct)
    {
        var query = db.Prospects().AsNoTracking();
        if (Enum.TryParse<ProspectStatus>(status, ignoreCase: true, out var s))
        {
            query = query.Where(p => p.Status == s);
        }

        var prospects = (await query.ToListAsync(ct)).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).ToList();
        var tins = prospects.Select(p => p.Tin).Distinct().ToList();
        var registered = (
            await db.Operators().AsNoTracking().Where(o => tins.Contains(o.Tin)).Select(o => o.Tin).ToListAsync(ct)
        ).ToHashSet();
        var programmes = await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        var responses = new List<ProspectResponse>();
        foreach (var p in prospects)
        {
            responses.Add(await Respond(p, registered.Contains(p.Tin), programmes[p.ProgrammeCode], db, clock, ct));
        }

        return responses;
    }

    public static async Task<ProspectResponse> Respond(
        Prospect p,
        bool registered,
        Programme programme,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        ProspectSelfCheckResponse? selfCheck = null;
        if (p.SelfCheckAnswers is { } code)
        {
            var profile = new SelfCheckProfile(p.Roles, p.Employees, p.Turnover, p.Sector);
            var answers = SelfCheckCode.Parse(code);
            var assessed = await ReadinessCheck.Assess(programme, profile, answers, db, clock, ct);
            if (assessed.IsOk)
            {
                var r = assessed.Value.Result;
                selfCheck = new ProspectSelfCheckResponse(
                    r.Track.ToString(),
                    r.Met,
                    r.Criteria.Count,
                    r.Gaps.Count(),
                    r.NextStep.ToString(),
                    ReadinessCheck.ResumeLink(p.ProgrammeCode, profile, answers, r.Criteria.Count + 1)
                );
            }
        }

        return new ProspectResponse(
            p.Id,
            p.Reference,
            p.ProgrammeCode,
            p.Tin.Value,
            p.LegalName,
            p.ContactName,
            p.Email,
            p.Phone,
            p.PreferredDates,
            p.Message,
            [.. OperatorRoleNames.All.Where(r => p.Roles.HasFlag(r)).Select(r => r.ToString())],
            p.Employees,
            p.Sector,
            p.Status.ToString(),
            p.CreatedAt,
            p.AccountManager,
            p.DecidedAt,
            p.DeclineReason,
            p.Status == ProspectStatus.Accepted ? p.InvitationExpiresAt : null,
            p.JoinedAs,
            registered,
            selfCheck
        );
    }
}
