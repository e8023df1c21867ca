using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>An agency stops controlling a range of goods; declarations already lodged keep the cases they were given.</summary>
internal static class RemoveCommodityControl
{
    public static void Map(RouteGroupBuilder api) => api.MapDelete("/agencies/{code}/controls/{id:int}", Handle);

    [EndpointSummary("Remove one of the agency's commodity controls.")]
    [Authorize(ClearanceModule.AgencyOfficers)]
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.AgencyCode))] string code,
        int id,
        ClaimsPrincipal user,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var outcome = await Execute(code, id, Actor.From(user)!, db, clock, ct);
        return outcome.IsOk ? TypedResults.NoContent() : Problems.Problem(outcome.Errors)!;
    }

    public static async Task<Result<int>> Execute(string code, int id, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (AgencyAuthority.ChangeRefused(actor.Role, actor.Agency, code) is { } refused)
        {
            return refused;
        }

        var agencyCode = code.Trim().ToUpperInvariant();
        var control = await db.CommodityControls().SingleOrDefaultAsync(c => c.Id == id && c.Agency == agencyCode, ct);
        if (control is null)
        {
            return new DomainError(Problems.NotFoundCode, $"No control {id} of agency {code}.");
        }

        db.CommodityControls().Remove(control);
        db.Audit(
            clock.GetUtcNow(),
            actor.Name,
            "agency.control-removed",
            $"agency:{control.Agency}",
            null,
            new { id, hs = new HsRange(control.HsFrom, control.HsTo).ToString() }
        );
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(id);
    }
}
