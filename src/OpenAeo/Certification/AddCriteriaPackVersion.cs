using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Programme">The programme that will own the new version; required when editing a shipped default pack.</param>
public sealed record NewPackVersionRequest(
    [Limit(nameof(Limits.ProgrammeCode))] string? Programme,
    IReadOnlyList<CriterionQuestion>? Questions,
    [Limit(nameof(Limits.Reason))] string? Reason
);

/// <summary>
/// A programme office publishes a new version of a criteria pack; editing a shipped pack makes the programme's own
/// copy. Applications under way keep the version they started on.
/// </summary>
internal static class AddCriteriaPackVersion
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/criteria-packs/{id:int}/versions", Handle);

    [EndpointSummary("Publish a new version of a criteria pack; applications under way keep theirs.")]
    [Authorize(Policies.ReferenceDataEditors)]
    public static async Task<Results<Created<CriteriaPackResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        NewPackVersionRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var pack = await db.CriteriaPacks().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pack is null)
        {
            return Problems.NotFound($"There is no criteria pack {id}.");
        }

        var programme = request.Programme?.Trim().ToUpperInvariant() ?? pack.ProgrammeCode;
        if (programme is null || !await db.Programmes().AnyAsync(p => p.Code == programme, ct))
        {
            return Problems.Invalid([new("pack.programme", "Name the programme that owns the edited pack.", "programme")]);
        }

        if (AgencyCriteria.AgencyQuestionsKept(pack.Questions, request.Questions ?? []) is { Count: > 0 } agencies)
        {
            return Problems.Invalid(agencies);
        }

        var now = clock.GetUtcNow();
        var isDefault = pack.ProgrammeCode is null;
        var next = isDefault
            ? pack.ForkFor(programme, request.Questions ?? [], now)
            : pack.NextVersion(request.Questions ?? [], programme, now);
        if (!next.IsOk)
        {
            return Problems.Invalid(next.Errors);
        }

        if (isDefault)
        {
            // A programme's first edit starts its own line of versions; the shipped pack stays for the others.
            var previous = await db.CriteriaPacks().Where(p => p.Key == $"{programme}:{pack.Key}").ToListAsync(ct);
            if (previous.Count > 0)
            {
                return Problems.Conflict($"{programme} already has its own version of {pack.Key}; edit pack {previous.Max(p => p.Id)}.");
            }
        }

        db.CriteriaPacks().Add(next.Value!);
        db.Audit(
            now,
            Actor.From(user)!.Name,
            "criteria-pack.versioned",
            $"criteria-pack:{next.Value!.Key}",
            request.Reason,
            new { from = pack.Id, version = next.Value.Version }
        );
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/criteria-packs/{next.Value.Id}", CriteriaPackResponse.From(next.Value));
    }
}
