using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record PermitDecisionBody([Limit(nameof(Limits.Keyword))] string? Decision, [Limit(nameof(Limits.Note))] string? Note);

internal sealed record AppointmentBody(DateTimeOffset? At, [Limit(nameof(Limits.Note))] string? Note);

internal sealed record AgencyQueueItem(Guid DeclarationId, string Reference, string Agency, string? PermitStatus, bool JointInspection, DateTimeOffset? AppointmentAt,
    string Lane, string? ImporterTin, string PrincipalStatus, DateTimeOffset LodgedAt, string HsCodes);

/// <summary>
/// The agency officer's side of a joint declaration: the queue of permits to decide and joint inspections to
/// schedule, the permit decision (the licence application travelled with the declaration, the decision is made
/// here) and the one appointment a joint inspection shares with customs.
/// </summary>
internal static class AgencyCases
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/agency-cases").WithTags("Clearance");
        g.MapGet("/", Queue).WithName("AgencyQueue").RequireAuthorization(ClearanceModule.AgencyOfficers)
            .WithPaging(Sorts).WithSummary("Open permits and joint inspections, oldest first; filter by agency, all=true for decided ones too.");
        g.MapPost("/{declarationId:guid}/{agency}/permit", DecidePermit).WithName("DecidePermit").RequireAuthorization(ClearanceModule.AgencyOfficers)
            .WithSummary("Grant or Refuse the agency's permit for the declaration.");
        g.MapPost("/{declarationId:guid}/{agency}/appointment", Schedule).WithName("ScheduleJointInspection").RequireAuthorization(ClearanceModule.AgencyOfficers)
            .WithSummary("Set the one appointment customs and the agency share for a joint inspection.");
    }

    public static readonly Sorting<CaseRow> Sorts = Sorting<CaseRow>.Create("lodgedAt", x => x.Case.DeclarationId).ThenBy(x => x.Case.Agency).By("lodgedAt", x => x.Declaration.LodgedAt)
        .By("reference", x => x.Declaration.Reference).By("appointmentAt", x => x.Case.AppointmentAt);

    public static async Task<Results<Ok<Page<AgencyQueueItem>>, ValidationProblem>> Queue([Limit(nameof(Limits.AgencyCode))] string? agency, bool? all, [Limit(nameof(Limits.Page))] int? page, [Limit(nameof(Limits.PageSize))] int? pageSize, [Limit(nameof(Limits.Sort))] string? sort,
        ClaimsPrincipal user, OpenAeoDb db, HttpContext http, CancellationToken ct) =>
        await Paging.List(http, Filter(Actor.From(user)!, agency, all == true, db), Sorts, page, pageSize, sort, Item, ct);

    /// <summary>The queue itself, shared by the endpoint and the agency officer's page; an agency officer sees only its agency's cases.</summary>
    public static async Task<List<AgencyQueueItem>> Execute(Actor actor, string? agency, bool all, OpenAeoDb db, CancellationToken ct) =>
        [.. (await Filter(actor, agency, all, db).OrderBy(x => x.Declaration.LodgedAt).Take(500).ToListAsync(ct)).Select(Item)];

    /// <summary>A case with its declaration, as the queue pages and sorts them.</summary>
    internal sealed class CaseRow
    {
        public required AgencyCase Case { get; init; }

        public required Declaration Declaration { get; init; }
    }

    private static AgencyQueueItem Item(CaseRow x) => new(x.Declaration.Id, x.Declaration.Reference, x.Case.Agency, x.Case.PermitStatus?.ToString(), x.Case.JointInspection,
        x.Case.AppointmentAt, x.Declaration.Lane.ToString(), x.Declaration.ImporterTin, x.Declaration.PrincipalStatus.ToString(), x.Declaration.LodgedAt,
        string.Join(", ", x.Declaration.Items.Select(i => i.HsCode)));

    private static IQueryable<CaseRow> Filter(Actor actor, string? agency, bool all, OpenAeoDb db)
    {
        if (actor.Role == Role.OgaOfficer)
        {
            agency = actor.Agency ?? "-";
        }

        var q = db.AgencyCases().AsNoTracking().Join(db.Declarations().AsNoTracking().Include(d => d.Items), c => c.DeclarationId, d => d.Id, (c, d) => new CaseRow { Case = c, Declaration = d });
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

    public static async Task<Results<Ok<DeclarationResponse>, ValidationProblem, ProblemHttpResult>> DecidePermit(Guid declarationId, [Limit(nameof(Limits.AgencyCode))] string agency, PermitDecisionBody body, ClaimsPrincipal user, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        Problems.OkOr(await ExecuteDecision(declarationId, agency, body, Actor.From(user)!, db, clock, ct));

    public static async Task<Result<DeclarationResponse>> ExecuteDecision(Guid declarationId, string agency, PermitDecisionBody body, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (RequestLimits.Errors(body) is { Count: > 0 } outOfLimits)
        {
            return Result<DeclarationResponse>.Fail(outOfLimits);
        }

        var loaded = await GetDeclaration.Load(db, declarationId, ct, track: true);
        var c = loaded?.Cases.FirstOrDefault(x => x.Agency.Equals(agency, StringComparison.OrdinalIgnoreCase));
        if (loaded is not { } found || c is null || !c.PermitRequired)
        {
            return new DomainError(Problems.NotFoundCode, $"No permit of {agency} on declaration {declarationId}.");
        }

        if (ForeignAgency(actor, c) is { } refused)
        {
            return refused;
        }

        var (row, cases, events) = found;
        var decided = Permits.Decide(Declarations.State(row, events, cases), c.PermitStatus!.Value, body.Decision, body.Note);
        if (!decided.IsOk)
        {
            return Result<DeclarationResponse>.Fail(decided.Errors);
        }

        var now = clock.GetUtcNow();
        var permit = decided.Value!;
        c.PermitStatus = permit.Status;
        c.DecidedBy = actor.Name;
        c.DecidedAt = now;
        c.Note = permit.Note;
        var ev = new DeclarationEvent { DeclarationId = declarationId, Milestone = permit.Milestone, At = now, Actor = actor.Name, Agency = c.Agency, Note = c.Note };
        db.DeclarationEvents().Add(ev);
        events.Add(ev);
        if (permit.Releases)
        {
            var released = new DeclarationEvent { DeclarationId = declarationId, Milestone = Milestone.Released, At = now, Actor = "system", Note = "released when the last permit was granted" };
            db.DeclarationEvents().Add(released);
            events.Add(released);
            row.ReleasedAt = now;
        }

        db.Audit(now, actor.Name, $"permit.{permit.Status.ToString().ToLowerInvariant()}", $"declaration:{row.Reference}", body.Note, new { declarationId, agency = c.Agency });
        await db.SaveChangesAsync(ct);
        return Result<DeclarationResponse>.Ok(Declarations.Response(row, cases, events, actor));
    }

    public static async Task<Results<Ok<DeclarationResponse>, ValidationProblem, ProblemHttpResult>> Schedule(Guid declarationId, [Limit(nameof(Limits.AgencyCode))] string agency, AppointmentBody body, ClaimsPrincipal user, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        Problems.OkOr(await ExecuteSchedule(declarationId, agency, body, Actor.From(user)!, db, clock, ct));

    public static async Task<Result<DeclarationResponse>> ExecuteSchedule(Guid declarationId, string agency, AppointmentBody body, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (RequestLimits.Errors(body) is { Count: > 0 } outOfLimits)
        {
            return Result<DeclarationResponse>.Fail(outOfLimits);
        }

        var loaded = await GetDeclaration.Load(db, declarationId, ct, track: true);
        var c = loaded?.Cases.FirstOrDefault(x => x.Agency.Equals(agency, StringComparison.OrdinalIgnoreCase));
        if (loaded is not { } found || c is null || !c.JointInspection)
        {
            return new DomainError(Problems.NotFoundCode, $"No joint inspection with {agency} on declaration {declarationId}.");
        }

        if (ForeignAgency(actor, c) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        if (body.At is not { } at)
        {
            return new DomainError("appointment.time", "Give the appointment's date and time.", "at");
        }

        if (at < now)
        {
            return new DomainError("appointment.time", $"The appointment must be from now on; {at:yyyy-MM-dd HH:mm zzz} has passed.", "at");
        }

        if (found.Events.Any(e => e.Milestone == Milestone.ExaminationEnded) || found.Row.ReleasedAt is not null)
        {
            return new DomainError("appointment.closed", "The examination is over.");
        }

        c.AppointmentAt = at.ToUniversalTime();
        c.Note = body.Note?.Trim() ?? c.Note;
        db.Audit(now, actor.Name, "joint-inspection.scheduled", $"declaration:{found.Row.Reference}", body.Note, new { declarationId, agency = c.Agency, at });
        await db.SaveChangesAsync(ct);
        return Result<DeclarationResponse>.Ok(Declarations.Response(found.Row, found.Cases, found.Events, actor));
    }

    /// <summary>An agency officer acts for its own agency only; customs administrators for any.</summary>
    private static DomainError? ForeignAgency(Actor actor, AgencyCase c) =>
        !AgencyAuthority.ActsFor(actor.Role, actor.Agency, c.Agency)
            ? new DomainError(Problems.ForbiddenCode, $"This case belongs to {c.Agency}; your account acts for {actor.Agency ?? "no agency"}.")
            : null;
}
