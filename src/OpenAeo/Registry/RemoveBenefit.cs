using Microsoft.AspNetCore.Mvc;

namespace OpenAeo.Registry;

/// <summary>A programme officer takes a benefit out of the catalogue; the audit entry keeps what it said.</summary>
internal static class RemoveBenefit
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/programmes/{code}/benefits/{id:int}", Execute).AnswersNoContent<ProgrammeBenefitResponse>();

    [EndpointSummary("Remove one of the programme's own benefits, with the reason.")]
    [Authorize(Policies.ReferenceDataEditors)]
    public static async Task<Result<ProgrammeBenefitResponse>> Execute(
        [Limit(nameof(Limits.ProgrammeCode))] string code,
        [Limit(nameof(Limits.Id))] int id,
        [FromQuery, Limit(nameof(Limits.Reason))] string? reason,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (ProgrammeBenefits.EditRefused(actor) is { } refused)
        {
            return refused;
        }

        var key = code.Trim().ToUpperInvariant();
        if (await db.Benefits().SingleOrDefaultAsync(b => b.Id == id && b.ProgrammeCode == key, ct) is not { } benefit)
        {
            return new DomainError(Problems.NotFoundCode, $"Programme '{code}' has no benefit {id}.");
        }

        var removed = ProgrammeBenefitResponse.From(benefit);
        db.Benefits().Remove(benefit);
        db.Audit(clock.GetUtcNow(), actor.Name, "benefit.removed", $"programme:{key}/benefit:{id}", reason, removed);
        await db.SaveChangesAsync(ct);
        return Result<ProgrammeBenefitResponse>.Ok(removed);
    }
}
