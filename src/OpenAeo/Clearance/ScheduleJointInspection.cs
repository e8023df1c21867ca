using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record AppointmentBody(DateTimeOffset? At, [Limit(nameof(Limits.Note))] string? Note);

/// <summary>The agency officer sets the one appointment customs and the agency share for a joint inspection.</summary>
internal static class ScheduleJointInspection
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/agency-cases/{declarationId:guid}/{agency}/appointment", Handle).WithName(nameof(ScheduleJointInspection)).WithTags("Clearance")
            .RequireAuthorization(ClearanceModule.AgencyOfficers).WithSummary("Set the one appointment customs and the agency share for a joint inspection.");

    public static async Task<Results<Ok<DeclarationResponse>, ValidationProblem, ProblemHttpResult>> Handle(Guid declarationId, [Limit(nameof(Limits.AgencyCode))] string agency, AppointmentBody body, ClaimsPrincipal user, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        Problems.OkOr(await Execute(declarationId, agency, body, Actor.From(user)!, db, clock, ct));

    public static async Task<Result<DeclarationResponse>> Execute(Guid declarationId, string agency, AppointmentBody body, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
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

        if (AgencyAuthority.CaseRefused(actor.Role, actor.Agency, c.Agency) is { } refused)
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
}
