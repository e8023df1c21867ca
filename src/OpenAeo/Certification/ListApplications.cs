using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Persistence;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record ApplicationSummary(int Id, string Reference, string Programme, string OperatorTin, string OperatorName, string Track, string State,
    string? AccountManager, ClockResponse Clock, int OpenRequests, int OverdueRequests, DateOnly? AgreedResumeBy, DateTimeOffset UpdatedAt);

/// <summary>
/// Lists of applications: a trader's own, an account manager's (<c>mine</c>), and the officers' queue ordered by
/// due date with overdue applications first.
/// </summary>
internal static class ListApplications
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/applications", Handle).WithName(nameof(ListApplications)).WithTags("Certification").WithSummary("Applications: a trader its own, officers all.").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/applications/queue", Queue).WithName("ApplicationQueue").WithTags("Certification").RequireAuthorization(Policies.Officers)
            .WithSummary("Open applications by due date, overdue first; mine=true for the caller's own as account manager.");
    }

    public static Task<List<ApplicationSummary>> Handle([Limit(nameof(Limits.Keyword))] string? state, [Limit(nameof(Limits.ProgrammeCode))] string? programme, bool? mine, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        Load(db, Actor.From(user)!, clock, state, programme, mine ?? false, openOnly: false, ct);

    public static async Task<List<ApplicationSummary>> Queue(bool? mine, [Limit(nameof(Limits.ProgrammeCode))] string? programme, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var open = await Load(db, Actor.From(user)!, clock, null, programme, mine ?? false, openOnly: true, ct);
        return [.. open.OrderByDescending(a => a.Clock.Overdue).ThenBy(a => a.Clock.DueDate ?? DateOnly.MaxValue).ThenBy(a => a.Id)];
    }

    public static async Task<List<ApplicationSummary>> Load(OpenAeoDb db, Actor actor, TimeProvider clock, string? state, string? programme, bool mine, bool openOnly, CancellationToken ct)
    {
        var query = db.Applications().AsNoTracking().Include(a => a.Events).AsQueryable();
        if (actor.Role == Role.Trader)
        {
            var own = Tin.FromTrusted(actor.OperatorTin ?? "");
            query = query.Where(a => a.OperatorTin == own);
        }
        else if (!RegistryPermissions.Officers.Contains(actor.Role))
        {
            return [];
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

        var applications = await query.OrderByDescending(a => a.UpdatedAt).Take(1000).ToListAsync(ct);
        var ids = applications.Select(a => a.Id).ToList();
        var requests = (await db.InformationRequests().AsNoTracking().Where(r => ids.Contains(r.ApplicationId) && r.AnsweredAt == null).ToListAsync(ct)).ToLookup(r => r.ApplicationId);
        var programmes = await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        var tins = applications.Select(a => a.OperatorTin).Distinct().ToList();
        var names = await db.Operators().AsNoTracking().Where(o => tins.Contains(o.Tin)).ToDictionaryAsync(o => o.Tin, o => o.LegalName, ct);
        var now = clock.GetUtcNow();
        return [.. applications.Select(a =>
        {
            var p = programmes[a.ProgrammeCode];
            var today = ApplicationContext.LocalToday(p, now);
            return new ApplicationSummary(a.Id, a.Reference, a.ProgrammeCode, a.OperatorTin.Value, names.GetValueOrDefault(a.OperatorTin, ""), a.Track.ToString(), a.State.ToString(),
                a.AccountManager, GetApplication.ClockOf(a, p, today), requests[a.Id].Count(), requests[a.Id].Count(r => r.IsOverdue(today)), a.AgreedResumeBy, a.UpdatedAt);
        })];
    }
}
