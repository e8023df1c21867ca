using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>The chain's master or the programme office removes a member.</summary>
internal static class RemoveSupplyChainMember
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/supply-chains/{id:int}/members/{tin}", Execute).AnswersOk<ChainResponse>();

    [EndpointSummary("Remove a member from a supply chain.")]
    [Authorize(Policies.SignedIn)]
    public static Task<Result<ChainResponse>> Execute(
        int id,
        [Limit(nameof(Limits.Tin))] string? tin,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        SupplyChains.WithManagedChain(
            id,
            actor,
            db,
            clock,
            "Members are removed by the chain's master or the programme office.",
            chain =>
            {
                var parsed = Tin.Parse(tin);
                if (!parsed.IsOk || !chain.Remove(parsed.Value))
                {
                    return Task.FromResult<IReadOnlyList<DomainError>>([
                        new DomainError(ApplicationContext.NotFound, $"{tin} is not a member of this chain.", "tin"),
                    ]);
                }

                db.Audit(
                    clock.GetUtcNow(),
                    actor.Name,
                    "supply-chain.member-removed",
                    $"supply-chain:{chain.Name}",
                    null,
                    new { tin = parsed.Value.Value }
                );
                return Task.FromResult<IReadOnlyList<DomainError>>([]);
            },
            ct
        );
}
