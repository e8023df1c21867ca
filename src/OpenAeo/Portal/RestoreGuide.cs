using Microsoft.AspNetCore.Mvc;
using OpenAeo.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary><c>DELETE /api/v1/programmes/{code}/guides/{criterion}/{language}</c>: the programme's words go, the shipped text comes back;
/// audited with what was removed.</summary>
internal static class RestoreGuide
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/programmes/{code}/guides/{criterion}/{language}", Execute).AnswersNoContent<GuideOverrideResponse>();

    [EndpointSummary("Bring back the shipped guide text of a criterion in one language.")]
    [Authorize(Policies.ReferenceDataEditors)]
    public static async Task<Result<GuideOverrideResponse>> Execute(
        [Limit(nameof(Limits.ProgrammeCode))] string code,
        [Limit(nameof(Limits.Code))] string criterion,
        [Limit(nameof(Limits.Keyword))] string language,
        [FromQuery, Limit(nameof(Limits.Reason))] string? reason,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (!RegistryPermissions.ReferenceDataEditors.Contains(actor.Role))
        {
            return new DomainError(Problems.ForbiddenCode, "Only programme officers and administrators edit a programme's guides.");
        }

        var (programme, key, lang) = (
            code.Trim().ToUpperInvariant(),
            criterion.Trim().ToUpperInvariant(),
            language.Trim().ToLowerInvariant()
        );
        if (
            await db.GuideOverrides()
                .SingleOrDefaultAsync(g => g.ProgrammeCode == programme && g.CriterionCode == key && g.Language == lang, ct)
            is not { } own
        )
        {
            return new DomainError(Problems.NotFoundCode, $"Programme '{code}' has no text of its own for {criterion} in '{language}'.");
        }

        var removed = GuideOverrideResponse.From(own);
        db.GuideOverrides().Remove(own);
        db.Audit(clock.GetUtcNow(), actor.Name, "guide.restored", $"programme:{programme}/guide:{key}/{lang}", reason, removed);
        await db.SaveChangesAsync(ct);
        return Result<GuideOverrideResponse>.Ok(removed);
    }
}
