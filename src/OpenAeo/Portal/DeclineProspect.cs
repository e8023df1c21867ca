using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary><c>POST /api/v1/prospects/{id}/decline</c>: a request of <see cref="ProspectQueue"/> declined with a reason for the
/// requester.</summary>
internal static class DeclineProspect
{
    public static void Map(RouteGroupBuilder prospects) => prospects.MapPost("/{id:int}/decline", Execute).AnswersOk<ProspectResponse>();

    [EndpointSummary("Decline the request with a reason for the requester.")]
    public static async Task<Result<ProspectResponse>> Execute(
        int id,
        ProspectDecisionRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
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

        db.Audit(
            now,
            actor.Name,
            "prospect.declined",
            $"prospect:{prospect.Reference}",
            request.Reason,
            new { prospect.Reference, Tin = prospect.Tin.Value }
        );
        await db.SaveChangesAsync(ct);
        var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == prospect.ProgrammeCode, ct);
        return Result<ProspectResponse>.Ok(
            await ListProspects.Respond(prospect, await db.Operators().AnyAsync(o => o.Tin == prospect.Tin, ct), programme, db, clock, ct)
        );
    }
}
