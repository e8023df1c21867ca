using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Notifications;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record CertificateEventResponse(string Event, DateOnly EffectiveOn, DateTimeOffset RecordedAt, string Actor, string? Reason);

public sealed record CertificateResponse(int Id, string Number, string Programme, string Tin, string OperatorName, string? Tier, DateOnly ValidFrom, DateOnly? ValidUntil,
    string Status, DateOnly StatusSince, string? StatusReason, int? ApplicationId, IReadOnlyList<CertificateEventResponse> Events,
    DateOnly? FollowUpBy = null, RevocationNoticeResponse? RevocationNotice = null);

public sealed record SuspensionRequest([Limit(nameof(Limits.Reason))] string? Reason, DateOnly? EffectiveFrom);

public sealed record ReasonRequest([Limit(nameof(Limits.Reason))] string? Reason);

/// <summary>
/// Certificates: listing by TIN, suspension, reinstatement, revocation and renewal. Each change is a
/// <see cref="CertificateEvent"/>, the record the status exchange publishes.
/// </summary>
internal static class Certificates
{
    public static void Map(RouteGroupBuilder api)
    {
        ListCertificates.Map(api);
        api.MapGet("/certificates/{id:int}", Get).WithName("GetCertificate").WithTags("Certification").WithSummary("One certificate with its validity and history.").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/certificates/{id:int}/suspension", Suspend).WithName("SuspendCertificate").WithTags("Certification").WithSummary("Suspend a certificate, with the reason; it takes effect at once.").RequireAuthorization(Policies.ReferenceDataEditors);
        api.MapPost("/certificates/{id:int}/reinstatement", Reinstate).WithName("ReinstateCertificate").WithTags("Certification").WithSummary("Lift a suspension.").RequireAuthorization(Policies.ReferenceDataEditors);
        api.MapPost("/certificates/{id:int}/renewal", Renew).WithName("RenewCertificate").WithTags("Certification").RequireAuthorization(Policies.SignedIn)
            .WithSummary("Open a renewal (reassessment) application linked to the certificate.");
    }

    /// <summary>The certificates the actor may see (a trader: its own operator's), optionally of one operator and in one status.</summary>
    public static async Task<Result<List<CertificateResponse>>> Load(OpenAeoDb db, Actor actor, Tin? tin, string? status, CancellationToken ct) =>
        ListCertificates.Filter(db, actor, tin, status) is { IsOk: true } query
            ? Result<List<CertificateResponse>>.Ok(await Describe(db, await query.Value!.OrderBy(c => c.Number).Take(1000).ToListAsync(ct), ct))
            : new DomainError("forbidden", "Your role may not list certificates.");

    public static async Task<Results<Ok<CertificateResponse>, ProblemHttpResult>> Get(int id, OpenAeoDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var certificate = await LoadVisible(db, id, Actor.From(user)!, ct);
        return certificate is null ? Problems.NotFound($"There is no certificate {id} that you can see.") : TypedResults.Ok((await Describe(db, [certificate], ct))[0]);
    }

    public static async Task<Certificate?> LoadVisible(OpenAeoDb db, int id, Actor actor, CancellationToken ct)
    {
        var certificate = await db.Certificates().Include(c => c.Events).SingleOrDefaultAsync(c => c.Id == id, ct);
        var visible = certificate is not null && (RegistryPermissions.Officers.Contains(actor.Role) || (actor.Role == Role.Trader && actor.OperatorTin == certificate.OperatorTin.Value));
        return visible ? certificate : null;
    }

    public static async Task<List<CertificateResponse>> Describe(OpenAeoDb db, IReadOnlyList<Certificate> certificates, CancellationToken ct)
    {
        var tins = certificates.Select(c => c.OperatorTin).Distinct().ToList();
        var names = await db.Operators().AsNoTracking().Where(o => tins.Contains(o.Tin)).ToDictionaryAsync(o => o.Tin, o => o.LegalName, ct);
        return [.. certificates.Select(c => new CertificateResponse(c.Id, c.Number, c.ProgrammeCode, c.OperatorTin.Value, names.GetValueOrDefault(c.OperatorTin, ""), c.Tier,
            c.ValidFrom, c.ValidUntil, c.Status.ToString(), c.StatusSince, c.StatusReason, c.ApplicationId,
            [.. c.Events.OrderBy(e => e.RecordedAt).ThenBy(e => e.Id).Select(e => new CertificateEventResponse(e.Kind.ToString(), e.EffectiveOn, e.RecordedAt, e.Actor, e.Reason))],
            c.FollowUpBy, RevocationNoticeResponse.Of(c)))];
    }

    public static async Task<Results<Ok<CertificateResponse>, ValidationProblem, ProblemHttpResult>> Suspend(int id, SuspensionRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        await ToResponse(db, await SuspendExecute(id, request, Actor.From(user)!, db, clock, ct), ct);

    public static async Task<Results<Ok<CertificateResponse>, ValidationProblem, ProblemHttpResult>> Reinstate(int id, ReasonRequest? request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        await ToResponse(db, await ReinstateExecute(id, request ?? new ReasonRequest(null), Actor.From(user)!, db, clock, ct), ct);

    /// <param name="reassess">A suspension makes a reassessment due (ADR 0040), unless it is itself the outcome of one.</param>
    public static Task<Result<Certificate>> SuspendExecute(int id, SuspensionRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct, bool reassess = true) =>
        RequestLimits.Within(request, () => RefusedOutsideProgrammeOffice(actor) ?? Execute(id, actor, db, clock, (c, today, now, who) => c.Suspend(request.Reason, request.EffectiveFrom ?? today, today, now, who), ct,
            reassess ? (c, e, now) => CertificateMonitoring.Trigger(db, c, ReassessmentKind.Triggered, TriggerSource.Suspension, e.Reason ?? "suspended", $"certificate-event:{e.EffectiveOn:yyyy-MM-dd}", now, actor.Name, ct) : null));

    public static Task<Result<Certificate>> ReinstateExecute(int id, ReasonRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        RequestLimits.Within(request, () => RefusedOutsideProgrammeOffice(actor) ?? Execute(id, actor, db, clock, (c, today, now, who) => c.Reinstate(request.Reason, today, now, who), ct));

    /// <summary>The revocation, after a heard notice of intent (<see cref="RevokeCertificate"/>).</summary>
    public static Task<Result<Certificate>> RevokeExecute(int id, ReasonRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct) => RevokeCertificate.Execute(id, request, actor, db, clock, ct);

    /// <summary>Suspension, reinstatement and revocation are for the programme office (the API's policy says the same).</summary>
    public static bool MayChangeStatus(Actor actor) => RegistryPermissions.ReferenceDataEditors.Contains(actor.Role);

    public static Task<Result<Certificate>>? RefusedOutsideProgrammeOffice(Actor actor) =>
        MayChangeStatus(actor) ? null : Task.FromResult<Result<Certificate>>(new DomainError("forbidden", "Certificates are suspended, reinstated and revoked by the programme office."));

    public static async Task<Results<Ok<CertificateResponse>, ValidationProblem, ProblemHttpResult>> ToResponse(OpenAeoDb db, Result<Certificate> outcome, CancellationToken ct)
    {
        if (!outcome.IsOk)
        {
            return Problems.Problem(outcome.Errors) is { } problem ? problem : Problems.Invalid(outcome.Errors);
        }

        return TypedResults.Ok((await Describe(db, [outcome.Value!], ct))[0]);
    }

    /// <summary>Loads the certificate, lets the domain decide the change, stores the event, audits and notifies the operator.</summary>
    public static async Task<Result<Certificate>> Execute(int id, Actor actor, OpenAeoDb db, TimeProvider clock,
        Func<Certificate, DateOnly, DateTimeOffset, string, Result<CertificateEvent>> change, CancellationToken ct, Func<Certificate, CertificateEvent, DateTimeOffset, Task>? then = null)
    {
        var certificate = await LoadVisible(db, id, actor, ct);
        if (certificate is null)
        {
            return new DomainError(ApplicationContext.NotFound, $"There is no certificate {id} that you can see.");
        }

        var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == certificate.ProgrammeCode, ct);
        var now = clock.GetUtcNow();
        var result = change(certificate, ApplicationContext.LocalToday(programme, now), now, actor.Name);
        if (!result.IsOk)
        {
            return Result<Certificate>.Fail(result.Errors);
        }

        await Record(db, certificate, result.Value!, now, actor.Name, null, ct);
        await (then?.Invoke(certificate, result.Value!, now) ?? Task.CompletedTask);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException x) when (DatabaseConflicts.Classify(x) is RaceLoss.Changed or RaceLoss.Duplicate)
        {
            // Two officers (or an officer and the expiry job) changed the certificate at once: the certificate's version
            // let only the first through, so the status log never sees two contradicting events (ADR 0019).
            db.ChangeTracker.Clear();
            var status = await db.Certificates().AsNoTracking().Where(c => c.Id == id).Select(c => c.Status).SingleAsync(ct);
            return new DomainError("certificate.transition",
                $"Certificate {certificate.Number} was changed by someone else at the same time (it is now {status}); nothing was changed. Reload it and decide again.");
        }

        return Result<Certificate>.Ok(certificate);
    }

    /// <summary>The audit entry and the operator's notification of a certificate event (details: what else the trail keeps, e.g. both officers).</summary>
    public static async Task Record(OpenAeoDb db, Certificate certificate, CertificateEvent e, DateTimeOffset now, string actor, object? details, CancellationToken ct)
    {
        db.Audit(now, actor, $"certificate.{e.Kind.ToString().ToLowerInvariant()}", $"certificate:{certificate.Number}", e.Reason,
            details ?? new { e.EffectiveOn, operatorTin = certificate.OperatorTin.Value, programme = certificate.ProgrammeCode });
        await db.NotifyOnceAsync(Notification.Create(Notification.ForOperator(certificate.OperatorTin.Value), $"{e.Kind}:{certificate.Number}:{now.UtcTicks}",
            $"Certificate {certificate.Number}: {e.Kind.ToString().ToLowerInvariant()}", e.Reason ?? $"{e.Kind} from {e.EffectiveOn:yyyy-MM-dd}.", $"/certificates/{certificate.Id}", now), ct);
    }

    public static async Task<Results<Created<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Renew(int id, OpenAeoDb db, TimeProvider clock, NodeIdentity node, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = Actor.From(user)!;
        var started = await RenewExecute(id, actor, db, clock, node.Economy, ct);
        if (!started.IsOk)
        {
            return Problems.Problem(started.Errors) is { } problem ? problem : Problems.Invalid(started.Errors);
        }

        var context = await ApplicationContext.Load(db, started.Value!.Id, actor, clock, ct, forWriting: false);
        return TypedResults.Created($"/api/v1/applications/{started.Value.Id}", await GetApplication.Describe(db, context.Value!, ct));
    }

    /// <summary>Opens a renewal (reassessment) application on the certificate's programme and the track it was granted on.</summary>
    public static async Task<Result<AeoApplication>> RenewExecute(int id, Actor actor, OpenAeoDb db, TimeProvider clock, string nodeEconomy, CancellationToken ct)
    {
        var certificate = await LoadVisible(db, id, actor, ct);
        if (certificate is null)
        {
            return new DomainError(ApplicationContext.NotFound, $"There is no certificate {id} that you can see.");
        }

        var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == certificate.ProgrammeCode, ct);
        if (certificate.RenewalRefusal(ApplicationContext.LocalToday(programme, clock.GetUtcNow())) is { } refused)
        {
            return refused;
        }

        var previous = await db.Applications().AsNoTracking().Where(a => a.Id == certificate.ApplicationId).Select(a => (Track?)a.Track).SingleOrDefaultAsync(ct);
        return await StartApplication.Execute(new StartApplicationRequest(certificate.OperatorTin.Value, certificate.ProgrammeCode, (previous ?? Track.Standard).ToString(), null),
            actor, db, clock, nodeEconomy, renewalOf: certificate.Id, ct);
    }
}
