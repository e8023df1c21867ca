using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary><c>POST /api/v1/partners/{economy}/pull</c>: one replication round with the partner now (serialised with every other round, ADR
/// 0019).</summary>
internal static class PullPartner
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/partners/{economy}/pull", Handle);

    [Authorize(Policies.ReferenceDataEditors)]
    [EndpointSummary("Run one replication round with the partner now.")]
    public static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.EconomyCode))] string economy,
        OpenAeoDb db,
        PartnerReplicator replicator,
        CancellationToken ct
    )
    {
        var code = economy.ToUpperInvariant();
        var partner = await db.Partners().AsNoTracking().SingleOrDefaultAsync(p => p.Economy == code, ct);
        if (partner is null)
        {
            return Problems.NotFound($"{economy} is not a registered partner.");
        }

        if (partner.CheckPull() is { IsOk: false } retired)
        {
            return Problems.Of(retired.Errors);
        }

        var result = await replicator.PullAsync(db, partner.Economy, ct);
        if (result.Raced)
        {
            // Another round had the partner (ADR 0019): nothing was done here.
            return Problems.Conflict(result.Error!);
        }

        return TypedResults.Ok(await ListPartners.DescribeAsync(partner, db, ct));
    }
}
