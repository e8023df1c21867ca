using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record PlanVisitRequest(DateOnly? PlannedFor, [Limit(nameof(Limits.Keyword))] string? Mode);

public sealed record VisitReportRequest(IReadOnlyList<Finding>? Findings, [Limit(nameof(Limits.Text))] string? Report);

/// <summary>A visit an MRA partner's administration performed, recognised instead of repeated; it names the partner's certificate for the operator (its number and/or the operator's TIN there).</summary>
public sealed record PartnerVisitRequest([Limit(nameof(Limits.EconomyCode))] string? PartnerEconomy, [Limit(nameof(Limits.PartnerReference))] string? Reference, DateOnly? PerformedOn, [Limit(nameof(Limits.Text))] string? Report,
    [Limit(nameof(Limits.Tin))] string? PartnerTin = null, [Limit(nameof(Limits.Reference))] string? CertificateNumber = null);

/// <summary>Validation visits: planned (on site or remote), reported with findings per criteria group, or recognised from a partner.</summary>
internal static class ValidationVisits
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/applications/{id:int}/visits", Plan).WithName("PlanValidationVisit").WithTags("Certification").WithIdempotency().WithSummary("Plan a validation visit (on site or remote).").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/applications/{id:int}/visits/{visitId:int}/report", Report).WithName("ReportValidationVisit").WithTags("Certification").WithIdempotency().WithSummary("Record a visit's findings per criteria group and its report.").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/applications/{id:int}/visits/partner", RecognisePartner).WithName("RecognisePartnerVisit").WithTags("Certification").WithIdempotency().WithSummary("Record a partner administration's validation of the same operator.").RequireAuthorization(Policies.SignedIn);
    }

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Plan(
        int id, PlanVisitRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await PlanExecute(id, request, Actor.From(user)!, db, clock, ct);
        return Problems.OkOr(outcome);
    }

    public static Task<Result<ApplicationResponse>> PlanExecute(int id, PlanVisitRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        RequestLimits.Within(request, () => ApplicationContext.Run(db, id, actor, clock, async c =>
        {
            if (!Enum.TryParse<VisitMode>(request.Mode ?? nameof(VisitMode.OnSite), ignoreCase: true, out var mode))
            {
                return new DomainError("visit.mode", "Mode is OnSite or Remote.", "mode");
            }

            var visit = ValidationVisit.Plan(id, request.PlannedFor ?? c.Today, mode, actor.Name, c.Today);
            if (!visit.IsOk)
            {
                return visit.Errors[0];
            }

            var moved = await c.Move(db, ApplicationAction.PlanValidation, null, ct, details: $"{mode} visit on {visit.Value!.PlannedFor:yyyy-MM-dd}");
            if (!moved.IsOk)
            {
                return moved.Errors[0];
            }

            db.Visits().Add(visit.Value!);
            return null;
        }, ct));

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Report(
        int id, int visitId, VisitReportRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await ReportExecute(id, visitId, request, Actor.From(user)!, db, clock, ct);
        return Problems.OkOr(outcome);
    }

    public static Task<Result<ApplicationResponse>> ReportExecute(int id, int visitId, VisitReportRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        RequestLimits.Within(request, () => ApplicationContext.Run(db, id, actor, clock, async c =>
        {
            var visit = await db.Visits().SingleOrDefaultAsync(v => v.Id == visitId && v.ApplicationId == id, ct);
            if (visit is null)
            {
                return new DomainError(ApplicationContext.NotFound, $"There is no visit {visitId} on this application.");
            }

            var pack = await db.CriteriaPacks().AsNoTracking().SingleAsync(p => p.Id == c.Application.CriteriaPackId, ct);
            var moved = await c.Move(db, ApplicationAction.CompleteValidation, null, ct, details: $"visit {visitId}");
            if (!moved.IsOk)
            {
                return moved.Errors[0];
            }

            return visit.Complete(request.Findings ?? [], request.Report, pack.Questions.Select(q => q.Group).ToHashSet(), c.Today, c.Now);
        }, ct));

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> RecognisePartner(
        int id, PartnerVisitRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await RecognisePartnerExecute(id, request, Actor.From(user)!, db, clock, ct);
        return Problems.OkOr(outcome);
    }

    public static Task<Result<ApplicationResponse>> RecognisePartnerExecute(int id, PartnerVisitRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        RequestLimits.Within(request, () => ApplicationContext.Run(db, id, actor, clock, async c =>
        {
            // Who may record it comes before what the partner's log says: a trader is refused, not told what is missing.
            if (ApplicationWorkflow.SideRefusal(ApplicationAction.RecognisePartnerValidation, c.Side) is { } refused)
            {
                return refused;
            }

            var partner = (request.PartnerEconomy ?? "").Trim().ToUpperInvariant();
            var link = Domain.Registry.Economy.IsEconomyCode(partner)
                ? await MutualRecognition.PartnerCertificates.LinkAsync(db, c.Programme.EconomyCode, partner, c.Today, c.Now, request.PartnerTin, request.CertificateNumber, ct)
                : new DomainError("visit.partner", "Name the partner administration's economy and its visit reference.", "partnerEconomy");
            if (!link.IsOk)
            {
                return link.Errors[0];
            }

            var visit = ValidationVisit.RecognisePartner(id, partner, request.Reference ?? "", request.PerformedOn ?? c.Today, request.Report ?? "", actor.Name, c.Today, c.Now, link.Value!);
            if (!visit.IsOk)
            {
                return visit.Errors[0];
            }

            var l = link.Value!;
            var moved = await c.Move(db, ApplicationAction.RecognisePartnerValidation, null, ct,
                details: $"visit by {l.Partner} ({visit.Value!.PartnerReference}) recognised under {l.Basis}: certificate {l.CertificateNumber ?? "-"} of {l.Tin} (replica entry {l.LogIndex})");
            if (!moved.IsOk)
            {
                return moved.Errors[0];
            }

            db.Visits().Add(visit.Value!);
            return null;
        }, ct));

}
