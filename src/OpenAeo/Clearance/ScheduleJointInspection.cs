using OpenAeo.Domain.Clearance;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record InspectionAppointment(DateTimeOffset? At, [Limit(nameof(Limits.Note))] string? Note);

/// <summary>The agency officer sets the one appointment customs and the agency share for a joint inspection
/// (<see cref="JointInspections.Appoint"/>).</summary>
internal static class ScheduleJointInspection
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/agency-cases/{declarationId:guid}/{agency}/appointment", Execute).AnswersOk<DeclarationResponse>();

    [Authorize(ClearanceModule.AgencyOfficers)]
    [EndpointSummary("Set the one appointment customs and the agency share for a joint inspection.")]
    public static Task<Result<DeclarationResponse>> Execute(
        Guid declarationId,
        [Limit(nameof(Limits.AgencyCode))] string agency,
        InspectionAppointment body,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        AgencyCaseAccess.Change(
            body,
            db,
            declarationId,
            agency,
            x => x.JointInspection,
            "joint inspection with",
            actor,
            clock,
            (change, now) =>
            {
                var (row, cases, events, c) = change;
                var appointed = JointInspections.Appoint(Declarations.State(row, events, cases), body.At, now);
                if (!appointed.IsOk)
                {
                    return appointed.Errors;
                }

                c.AppointmentAt = appointed.Value;
                c.Note = body.Note?.Trim() ?? c.Note;
                db.Audit(
                    now,
                    actor.Name,
                    "joint-inspection.scheduled",
                    $"declaration:{row.Reference}",
                    body.Note,
                    new
                    {
                        declarationId,
                        agency = c.Agency,
                        at = body.At,
                    }
                );
                return [];
            },
            ct
        );
}
