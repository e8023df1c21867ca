using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

public sealed record AddEconomyRequest(
    [Limit(nameof(Limits.EconomyCode))] string? Code,
    [Limit(nameof(Limits.Name))] string? Name,
    [Limit(nameof(Limits.Keyword))] string? Kind,
    [Limit(nameof(Limits.EconomyCode))] IReadOnlyList<string>? Members,
    [Limit(nameof(Limits.Reason))] string? Reason
);

/// <summary>Adds an economy outside APEC (an MRA partner) or a bloc (Pacific Alliance, Mercosur).</summary>
internal static class AddEconomy
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/economies", Handle);

    [EndpointSummary("Add an economy to the reference data.")]
    [Authorize(Policies.ReferenceDataEditors)]
    public static async Task<Results<Created<EconomyResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        AddEconomyRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        System.Security.Claims.ClaimsPrincipal user,
        CancellationToken ct
    ) => Problems.CreatedOr((await Execute(request, Actor.From(user)!, db, clock, ct)).Map(EconomyResponse.From), _ => "/api/v1/economies");

    public static async Task<Result<Economy>> Execute(
        AddEconomyRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<Economy>.Fail(outOfLimits);
        }

        if (!Enum.TryParse<EconomyKind>(request.Kind ?? nameof(EconomyKind.Economy), ignoreCase: true, out var kind))
        {
            return new DomainError("economy.kind", "Kind is Economy or Bloc.", "kind");
        }

        var created = Economy.Create(request.Code ?? "", request.Name ?? "", kind, members: request.Members);
        if (!created.IsOk)
        {
            return created;
        }

        var economy = created.Value!;
        if (await db.Economies().AnyAsync(e => e.Code == economy.Code, ct))
        {
            return new DomainError("economy.exists", $"An economy or bloc with code {economy.Code} already exists.", "code");
        }

        var known = await db.EconomyCodesAsync(ct);
        var unknownMembers = economy.Members.Where(m => !known.Contains(m)).ToList();
        if (unknownMembers.Count > 0)
        {
            return new DomainError("economy.members", $"Add the member economies first: {string.Join(", ", unknownMembers)}.", "members");
        }

        db.Economies().Add(economy);
        db.Audit(
            clock.GetUtcNow(),
            actor.Name,
            "economy.added",
            $"economy:{economy.Code}",
            request.Reason,
            new
            {
                economy.Name,
                kind = economy.Kind.ToString(),
                economy.Members,
            }
        );
        await db.SaveChangesAsync(ct);
        return Result<Economy>.Ok(economy);
    }
}
