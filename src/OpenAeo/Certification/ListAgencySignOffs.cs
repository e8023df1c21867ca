using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Standing">Waiting (not signed yet), Met, or NotMet (a criterion not met blocks the grant as a NotMet finding does).</param>
/// <param name="Criteria">The agency's criteria this application asks.</param>
public sealed record AgencyPartResponse(
    string Agency,
    string? AgencyName,
    string Standing,
    IReadOnlyList<string> Criteria,
    IReadOnlyList<AgencyFinding> Findings,
    string? SignedBy,
    DateOnly? SignedOn
);

/// <summary>An application with an agency's part of its validation: what the agency sees in its queue.</summary>
public sealed record AgencySignOffQueueItem(
    int ApplicationId,
    string Reference,
    string Programme,
    string OperatorTin,
    string OperatorName,
    string State,
    string Agency,
    string Standing,
    int Criteria,
    DateOnly? SignedOn
);

/// <summary>What the agencies decide on an application: the questions asked, the agencies they call for and their sign-offs.</summary>
internal sealed record AgencyParts(
    IReadOnlyList<AskedQuestion> Asked,
    IReadOnlyList<string> Required,
    IReadOnlyList<AgencySignOff> SignOffs
)
{
    public IReadOnlyList<string> Awaited => AgencySignOffs.Awaited(Required, SignOffs);

    public IReadOnlyList<string> Blocking => AgencySignOffs.Blocking(Required, SignOffs);

    public IReadOnlyList<string> CriteriaOf(string agency) =>
        [.. Asked.Where(q => string.Equals(q.Question.Agency, agency, StringComparison.OrdinalIgnoreCase)).Select(q => q.Code)];
}

/// <summary>
/// The agencies' parts of validations (ADR 0042): per application, each agency whose criteria it asks and where that
/// agency stands (<see cref="ListApplicationAgencySignOffs"/>); and per agency, the open applications that ask its
/// criteria, those still waiting for its sign-off first (<c>GET /api/v1/agency-sign-offs</c>, this file).
/// </summary>
internal static class ListAgencySignOffs
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/agency-sign-offs", Queue).WithName("ListAgencySignOffQueue").WithPaging(Sorts);
    }

    public static async Task<List<AgencyPartResponse>> Describe(OpenAeoDb db, AgencyParts parts, CancellationToken ct)
    {
        var names = await db.Agencies()
            .AsNoTracking()
            .Where(a => parts.Required.Contains(a.Code))
            .ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        return
        [
            .. AgencySignOffs
                .Standings(parts.Required, parts.SignOffs)
                .Select(s =>
                {
                    var signed = parts.SignOffs.FirstOrDefault(x => x.Agency == s.Agency);
                    return new AgencyPartResponse(
                        s.Agency,
                        names.GetValueOrDefault(s.Agency),
                        s.Standing.ToString(),
                        parts.CriteriaOf(s.Agency),
                        signed?.Findings ?? [],
                        signed?.SignedBy,
                        signed?.SignedOn
                    );
                }),
        ];
    }

    public static async Task<AgencyParts> PartsOf(
        OpenAeoDb db,
        AeoApplication application,
        Programme programme,
        Operator applicant,
        CancellationToken ct
    )
    {
        var asked = await ListQuestions.Of(db, application, programme, applicant, ct);
        var signOffs = await db.AgencySignOffs().AsNoTracking().Where(s => s.ApplicationId == application.Id).ToListAsync(ct);
        return new AgencyParts(asked, AgencyCriteria.AgenciesOf(asked), signOffs);
    }

    /// <summary>The queue's own order (waiting first) is its default; an agency's queue is short, so it is built whole and then paged (ADR
    /// 0039).</summary>
    public static readonly Sorting<AgencySignOffQueueItem> Sorts = Sorting<AgencySignOffQueueItem>
        .Create("waiting", i => i.ApplicationId)
        .ThenBy(i => i.Agency)
        .By("waiting", i => i.Standing == nameof(AgencyStanding.Waiting) ? 0 : 1)
        .By("application", i => i.ApplicationId)
        .By("agency", i => i.Agency);

    [Authorize(Policies.Officers)]
    [EndpointSummary(
        "Open applications that ask an agency's criteria, waiting ones first: an agency officer sees its "
            + "own agency's, customs every agency's (or one with agency=)."
    )]
    public static async Task<Results<Ok<Page<AgencySignOffQueueItem>>, ValidationProblem, ProblemHttpResult>> Queue(
        [Limit(nameof(Limits.AgencyCode))] string? agency,
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        OpenAeoDb db,
        ClaimsPrincipal user,
        HttpContext http,
        CancellationToken ct
    )
    {
        var actor = Actor.From(user)!;
        if (
            actor.Role == Role.OgaOfficer
            && agency is { Length: > 0 } asked
            && !string.Equals(asked.Trim(), actor.Agency, StringComparison.OrdinalIgnoreCase)
        )
        {
            return Problems.Forbidden($"Your account acts for {actor.Agency}; another agency's queue is its own.");
        }

        if (!Permissions.Allows(actor.Role, Permission.DecideAgencyCases) && !ApplicationContext.CustomsRoles.Contains(actor.Role))
        {
            return Problems.Forbidden("The agencies' queue is for agency officers and the programme office.");
        }

        var queue = await Of(db, actor.Role == Role.OgaOfficer ? actor.Agency ?? "" : agency, ct);
        var read = await Paging.Read(
            http,
            queue.AsQueryable(),
            Sorts,
            page,
            pageSize,
            sort,
            rows => Task.FromResult<IReadOnlyList<AgencySignOffQueueItem>>(rows),
            ct
        );
        return read.IsOk ? TypedResults.Ok(Paging.Linked(http, read.Value!)) : Problems.Invalid(read.Errors);
    }

    /// <param name="agency">One agency's part, or every agency's when null or empty.</param>
    public static async Task<List<AgencySignOffQueueItem>> Of(OpenAeoDb db, string? agency, CancellationToken ct)
    {
        var only = string.IsNullOrWhiteSpace(agency) ? null : agency.Trim().ToUpperInvariant();
        // Only packs that carry agency criteria matter; there are few packs, so they are read whole.
        var packs = (await db.CriteriaPacks().AsNoTracking().ToListAsync(ct))
            .Where(p => p.Questions.Any(q => q.Agency is not null && !q.Retired && (only is null || q.Agency == only)))
            .Select(p => p.Id)
            .ToList();
        var closed = new[]
        {
            ApplicationState.Draft,
            ApplicationState.PriorConsultation,
            ApplicationState.Granted,
            ApplicationState.Rejected,
            ApplicationState.Withdrawn,
        };
        var applications = await db.Applications()
            .AsNoTracking()
            .Where(a => packs.Contains(a.CriteriaPackId) && !closed.Contains(a.State))
            .OrderBy(a => a.Reference)
            .ToListAsync(ct);
        var programmes = await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        var tins = applications.Select(a => a.OperatorTin).Distinct().ToList();
        var operators = await db.Operators().AsNoTracking().Where(o => tins.Contains(o.Tin)).ToDictionaryAsync(o => o.Tin.Value, ct);
        var items = new List<AgencySignOffQueueItem>();
        foreach (var a in applications)
        {
            var parts = await PartsOf(db, a, programmes[a.ProgrammeCode], operators[a.OperatorTin.Value], ct);
            foreach (
                var (code, standing) in AgencySignOffs
                    .Standings(parts.Required, parts.SignOffs)
                    .Where(s => only is null || s.Agency == only)
            )
            {
                items.Add(
                    new AgencySignOffQueueItem(
                        a.Id,
                        a.Reference,
                        a.ProgrammeCode,
                        a.OperatorTin.Value,
                        operators[a.OperatorTin.Value].LegalName,
                        a.State.ToString(),
                        code,
                        standing.ToString(),
                        parts.CriteriaOf(code).Count,
                        parts.SignOffs.FirstOrDefault(s => s.Agency == code)?.SignedOn
                    )
                );
            }
        }

        return
        [
            .. items.OrderBy(i => i.Standing == nameof(AgencyStanding.Waiting) ? 0 : 1).ThenBy(i => i.Reference, StringComparer.Ordinal),
        ];
    }
}
