using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record AddMemberRequest(
    [Limit(nameof(Limits.Tin))] string? Tin,
    [Limit(nameof(Limits.Keyword))] string? Role,
    [Limit(nameof(Limits.Keyword))] string? Participation
);

/// <summary>The chain's master or the programme office adds a member operator, with its role and participation.</summary>
internal static class AddSupplyChainMember
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/supply-chains/{id:int}/members", Execute).AnswersOk<ChainResponse>();

    [EndpointSummary("Add a member operator to a supply chain.")]
    [Authorize(Policies.SignedIn)]
    public static Task<Result<ChainResponse>> Execute(
        int id,
        AddMemberRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, () => SupplyChains.WithManagedChain(
                id,
                actor,
                db,
                clock,
                "Members are added by the chain's master or the programme office.",
                async chain =>
                {
                    var tin = Tin.Parse(request.Tin);
                    var role = OperatorRoleNames.ParseOne(request.Role ?? "");
                    var errors = new List<DomainError>(tin.Errors);
                    if (role is null)
                    {
                        errors.Add(new("chain.role", "Name the member's role in the chain (e.g. Manufacturer, RoadCarrier).", "role"));
                    }

                    if (
                        !Enum.TryParse<Participation>(
                            request.Participation ?? nameof(Participation.Direct),
                            ignoreCase: true,
                            out var participation
                        )
                    )
                    {
                        errors.Add(new("chain.participation", "Participation is Direct or Indirect.", "participation"));
                    }

                    if (tin.IsOk && await db.FindOperatorAsync(tin.Value, ct) is null)
                    {
                        errors.Add(new("chain.member", $"Operator {tin.Value} is not in the registry.", "tin"));
                    }

                    if (errors.Count > 0)
                    {
                        return errors;
                    }

                    var added = chain.Add(tin.Value, role!.Value, participation);
                    if (!added.IsOk)
                    {
                        return added.Errors;
                    }

                    db.Audit(
                        clock.GetUtcNow(),
                        actor.Name,
                        "supply-chain.member-added",
                        $"supply-chain:{chain.Name}",
                        null,
                        new
                        {
                            tin = tin.Value.Value,
                            role = role.ToString(),
                            participation = participation.ToString(),
                        }
                    );
                    return [];
                },
                ct
            ));
}
