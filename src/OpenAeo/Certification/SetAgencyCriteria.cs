using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Programme">The programme whose pack the criteria join; required when the pack is a shipped default (the programme gets its
/// own version).</param>
/// <param name="Questions">The agency's criteria, complete: one left out is retired. Each is marked with the agency.</param>
public sealed record AgencyCriteriaRequest(
    [Limit(nameof(Limits.ProgrammeCode))] string? Programme,
    IReadOnlyList<CriterionQuestion>? Questions,
    [Limit(nameof(Limits.Reason))] string? Reason
);

/// <summary>
/// An other government agency adds its own criteria to a programme's pack (the report's Step 2, ADR 0042): a new version
/// of the pack with the agency's questions replaced and every other question as it was. Only the agency's own officers
/// (and an administrator) do this; applications under way keep the version they started on.
/// </summary>
internal static class SetAgencyCriteria
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/criteria-packs/{id:int}/agency-criteria/{agency}", Execute)
            .AnswersCreated<CriteriaPackResponse>(p => $"/api/v1/criteria-packs/{p.Id}");

    [EndpointSummary("An agency's own criteria in a programme's pack (a new pack version; the agency's officers edit only theirs).")]
    [Authorize(nameof(Permission.DecideAgencyCases))]
    public static async Task<Result<CriteriaPackResponse>> Execute(
        int id,
        [Limit(nameof(Limits.AgencyCode))] string agency,
        AgencyCriteriaRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var code = agency.Trim().ToUpperInvariant();
        if (!AgencyAuthority.ActsFor(actor.Role, actor.Agency, code))
        {
            return new DomainError(Problems.ForbiddenCode, $"The criteria of {code} are edited by its own officers or an administrator.");
        }

        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<CriteriaPackResponse>.Fail(outOfLimits);
        }

        // Load.
        var pack = await db.CriteriaPacks().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pack is null)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no criteria pack {id}.");
        }

        if (!await db.Agencies().AnyAsync(a => a.Code == code, ct))
        {
            return new DomainError(Problems.NotFoundCode, $"There is no agency {code} in the agencies registry.");
        }

        var programme = request.Programme?.Trim().ToUpperInvariant() ?? pack.ProgrammeCode;
        if (programme is null || !await db.Programmes().AnyAsync(p => p.Code == programme, ct))
        {
            return new DomainError("pack.programme", "Name the programme whose pack the agency's criteria join.", "programme");
        }

        if (pack.ProgrammeCode is null && await db.CriteriaPacks().AnyAsync(p => p.Key == $"{programme}:{pack.Key}", ct))
        {
            return new DomainError("pack.exists", $"{programme} already has its own version of {pack.Key}; add the criteria to that pack.");
        }

        // Decide.
        var questions = AgencyCriteria.Replace(pack.Questions, code, request.Questions ?? []);
        if (!questions.IsOk)
        {
            return Result<CriteriaPackResponse>.Fail(questions.Errors);
        }

        var now = clock.GetUtcNow();
        var next = pack.ProgrammeCode is null
            ? pack.ForkFor(programme, questions.Value!, now)
            : pack.NextVersion(questions.Value!, programme, now);
        if (!next.IsOk)
        {
            return Result<CriteriaPackResponse>.Fail(next.Errors);
        }

        // Act.
        db.CriteriaPacks().Add(next.Value!);
        db.Audit(
            now,
            actor.Name,
            "criteria-pack.agency-criteria",
            $"criteria-pack:{next.Value!.Key}",
            request.Reason,
            new
            {
                from = pack.Id,
                version = next.Value.Version,
                agency = code,
                questions = next.Value.Questions.Where(q => q.Agency == code && !q.Retired).Select(q => q.Code),
            }
        );
        await db.SaveChangesAsync(ct);
        return Result<CriteriaPackResponse>.Ok(CriteriaPackResponse.From(next.Value));
    }
}
