using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record CreateChainRequest([Limit(nameof(Limits.Name))] string? Name, [Limit(nameof(Limits.Tin))] string? Master);

/// <summary>Starts a supply chain with its master operator: the master's trader or the programme office.</summary>
internal static class CreateSupplyChain
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/supply-chains", Execute).AnswersCreated<ChainResponse>(chain => $"/api/v1/supply-chains/{chain.Id}");

    [EndpointSummary("Start a supply chain with its master operator.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Result<ChainResponse>> Execute(
        CreateChainRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<ChainResponse>.Fail(outOfLimits);
        }

        var master = Tin.Parse(request.Master ?? (actor.Role == Role.Trader ? actor.OperatorTin : null));
        if (!master.IsOk)
        {
            return Result<ChainResponse>.Fail(master.Errors);
        }

        if (!SupplyChains.MayManage(actor, master.Value.Value))
        {
            return new DomainError("forbidden", "A supply chain is created by its master or by the programme office.");
        }

        if (await db.FindOperatorAsync(master.Value, ct) is null)
        {
            return new DomainError("chain.master", $"Operator {master.Value} is not in the registry.", "master");
        }

        var now = clock.GetUtcNow();
        var chain = SupplyChain.Create(request.Name ?? "", master.Value, now);
        if (!chain.IsOk)
        {
            return Result<ChainResponse>.Fail(chain.Errors);
        }

        db.SupplyChains().Add(chain.Value!);
        db.Audit(now, actor.Name, "supply-chain.created", $"supply-chain:{chain.Value!.Name}", null, new { master = master.Value.Value });
        await db.SaveChangesAsync(ct);
        return Result<ChainResponse>.Ok(await SupplyChains.Describe(db, chain.Value, now, ct));
    }
}
