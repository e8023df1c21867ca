using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary>The self-check a prospect attached, as its result: the track and how far it is, and the link that shows it in full.</summary>
internal sealed record ProspectSelfCheckResponse(string Track, int Met, int Total, int Gaps, string NextStep, string Link);

internal sealed record ProspectResponse(
    int Id, string Reference, string Programme, string Tin, string LegalName, string ContactName, string Email, string? Phone,
    IReadOnlyList<DateOnly> PreferredDates, string? Message, IReadOnlyList<string> Roles, int? Employees, string? Sector, string Status,
    DateTimeOffset ReceivedAt, string? AccountManager, DateTimeOffset? DecidedAt, string? DeclineReason, DateTimeOffset? InvitationExpiresAt,
    string? JoinedAs, bool RegisteredOperator, ProspectSelfCheckResponse? SelfCheck);

/// <summary>The invitation link, shown once to the account manager who sends it to the requester (OpenAeo keeps only its hash).</summary>
internal sealed record InvitationResponse(string Reference, string InvitationLink, DateTimeOffset ExpiresAt);

internal sealed record ProspectDecisionRequest([Limit(nameof(Limits.Reason))] string? Reason);

/// <summary>
/// The prior-consultation queue of the programme's account managers (issue 13 item 4): list the requests, accept one
/// (an invitation to create the trader account, shown once), send a new invitation, or decline with a reason. Account
/// managers, programme officers and administrators, as for registering operators: accepting leads to one.
/// </summary>
internal static class ProspectQueue
{
    public static void Map(RouteGroupBuilder api)
    {
        var prospects = api.MapGroup("/prospects").WithTags("Portal").RequireAuthorization(Policies.OperatorEditors);
        prospects.MapGet("", List).WithName("ListProspects").WithPaging(Sorts)
            .WithSummary("Prior-consultation requests, newest first; status New, Accepted, Declined or Joined.");
        prospects.MapPost("/{id:int}/acceptance", Accept).WithName("AcceptProspect")
            .WithSummary("Take the request: returns the one-time invitation link to create the trader account (shown once).");
        prospects.MapPost("/{id:int}/invitation", Reissue).WithName("ReissueInvitation")
            .WithSummary("A new invitation for an accepted request (the previous link stops working).");
        prospects.MapPost("/{id:int}/decline", Decline).WithName("DeclineProspect")
            .WithSummary("Decline the request with a reason for the requester.");
    }

    /// <summary>Sorted in memory: the queue holds requests being handled, not an archive.</summary>
    public static readonly Sorting<ProspectResponse> Sorts = Sorting<ProspectResponse>.Create("-receivedAt", p => p.Id).By("receivedAt", p => p.ReceivedAt).By("id", p => p.Id);

    public static async Task<Results<Ok<Page<ProspectResponse>>, ValidationProblem>> List([Limit(nameof(Limits.Keyword))] string? status, [Limit(nameof(Limits.Page))] int? page, [Limit(nameof(Limits.PageSize))] int? pageSize, [Limit(nameof(Limits.Sort))] string? sort, OpenAeoDb db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        await Paging.List(http, await Load(db, status, clock, ct), Sorts, page, pageSize, sort, ct);

    public static async Task<List<ProspectResponse>> Load(OpenAeoDb db, string? status, TimeProvider clock, CancellationToken ct)
    {
        var query = db.Prospects().AsNoTracking();
        if (Enum.TryParse<ProspectStatus>(status, ignoreCase: true, out var s))
        {
            query = query.Where(p => p.Status == s);
        }

        var prospects = (await query.ToListAsync(ct)).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).ToList();
        var tins = prospects.Select(p => p.Tin).Distinct().ToList();
        var registered = (await db.Operators().AsNoTracking().Where(o => tins.Contains(o.Tin)).Select(o => o.Tin).ToListAsync(ct)).ToHashSet();
        var programmes = await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        var responses = new List<ProspectResponse>();
        foreach (var p in prospects)
        {
            responses.Add(await Respond(p, registered.Contains(p.Tin), programmes[p.ProgrammeCode], db, clock, ct));
        }

        return responses;
    }

    private static async Task<ProspectResponse> Respond(Prospect p, bool registered, Programme programme, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
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
                selfCheck = new ProspectSelfCheckResponse(r.Track.ToString(), r.Met, r.Criteria.Count, r.Gaps.Count(), r.NextStep.ToString(),
                    ReadinessCheck.ResumeLink(p.ProgrammeCode, profile, answers, r.Criteria.Count + 1));
            }
        }

        return new ProspectResponse(p.Id, p.Reference, p.ProgrammeCode, p.Tin.Value, p.LegalName, p.ContactName, p.Email, p.Phone, p.PreferredDates, p.Message,
            [.. OperatorRoleNames.All.Where(r => p.Roles.HasFlag(r)).Select(r => r.ToString())], p.Employees, p.Sector, p.Status.ToString(), p.CreatedAt,
            p.AccountManager, p.DecidedAt, p.DeclineReason, p.Status == ProspectStatus.Accepted ? p.InvitationExpiresAt : null, p.JoinedAs, registered, selfCheck);
    }

    public static async Task<Results<Ok<InvitationResponse>, ValidationProblem, ProblemHttpResult>> Accept(int id, ProspectDecisionRequest? request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        Problems.OkOr(await Invite(id, request?.Reason, reissue: false, Actor.From(user)!, db, clock, ct));

    public static async Task<Results<Ok<InvitationResponse>, ValidationProblem, ProblemHttpResult>> Reissue(int id, ProspectDecisionRequest? request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        Problems.OkOr(await Invite(id, request?.Reason, reissue: true, Actor.From(user)!, db, clock, ct));

    public static async Task<Result<InvitationResponse>> Invite(int id, string? reason, bool reissue, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!RegistryPermissions.OperatorEditors.Contains(actor.Role))
        {
            return new DomainError(Problems.ForbiddenCode, "Your role does not handle prior-consultation requests.");
        }

        if (await db.Prospects().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } prospect)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no prior-consultation request {id}.");
        }

        var now = clock.GetUtcNow();
        var token = NewToken();
        var refused = reissue ? prospect.Reissue(actor.Name, Hash(token), now) : prospect.Accept(actor.Name, Hash(token), now);
        if (refused is not null)
        {
            return refused;
        }

        db.Audit(now, actor.Name, reissue ? "prospect.invitation-reissued" : "prospect.accepted", $"prospect:{prospect.Reference}", reason,
            new { prospect.Reference, Tin = prospect.Tin.Value, prospect.InvitationExpiresAt });
        await db.SaveChangesAsync(ct);
        return Result<InvitationResponse>.Ok(new InvitationResponse(prospect.Reference, $"/invitations/{token}", prospect.InvitationExpiresAt!.Value));
    }

    public static async Task<Results<Ok<ProspectResponse>, ValidationProblem, ProblemHttpResult>> Decline(int id, ProspectDecisionRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        Problems.OkOr(await DeclineRequest(id, request, Actor.From(user)!, db, clock, ct));

    public static async Task<Result<ProspectResponse>> DeclineRequest(int id, ProspectDecisionRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<ProspectResponse>.Fail(outOfLimits);
        }

        if (!RegistryPermissions.OperatorEditors.Contains(actor.Role))
        {
            return new DomainError(Problems.ForbiddenCode, "Your role does not handle prior-consultation requests.");
        }

        if (await db.Prospects().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } prospect)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no prior-consultation request {id}.");
        }

        var now = clock.GetUtcNow();
        if (prospect.Decline(actor.Name, request.Reason, now) is { } refused)
        {
            return refused;
        }

        db.Audit(now, actor.Name, "prospect.declined", $"prospect:{prospect.Reference}", request.Reason, new { prospect.Reference, Tin = prospect.Tin.Value });
        await db.SaveChangesAsync(ct);
        var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == prospect.ProgrammeCode, ct);
        return Result<ProspectResponse>.Ok(await Respond(prospect, await db.Operators().AnyAsync(o => o.Tin == prospect.Tin, ct), programme, db, clock, ct));
    }

    /// <summary>32 random bytes, URL-safe: the invitation is a bearer secret until it is used.</summary>
    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
