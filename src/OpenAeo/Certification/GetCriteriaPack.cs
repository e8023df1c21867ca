namespace OpenAeo.Certification;

/// <summary>One criteria pack with its questions, for anyone.</summary>
internal static class GetCriteriaPack
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/criteria-packs/{id:int}", Handle);

    [EndpointSummary("One criteria pack with its questions.")]
    [AllowAnonymous]
    public static async Task<Results<Ok<CriteriaPackResponse>, ProblemHttpResult>> Handle(int id, OpenAeoDb db, CancellationToken ct) =>
        await db.CriteriaPacks().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } pack
            ? TypedResults.Ok(CriteriaPackResponse.From(pack))
            : Problems.NotFound($"There is no criteria pack {id}.");
}
