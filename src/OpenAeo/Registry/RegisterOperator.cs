using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>An operator as the API and the forms send it. Roles are names such as <c>Importer</c> or <c>customs broker</c>.</summary>
public sealed record OperatorRequest(
    [Limit(nameof(Limits.Tin))] string? Tin,
    [Limit(nameof(Limits.LegalName))] string? LegalName,
    [Limit(nameof(Limits.EconomyCode))] string? Economy,
    [Limit(nameof(Limits.Keyword))] IReadOnlyList<string>? Roles,
    [Limit(nameof(Limits.Employees))] int? Employees,
    [Limit(nameof(Limits.Money))] decimal? Turnover,
    [Limit(nameof(Limits.Sector))] string? Sector,
    bool? ConsentToExchange,
    [Limit(nameof(Limits.Reason))] string? Reason
)
{
    internal Result<OperatorDetails> ToDetails()
    {
        var roles = OperatorRoles.None;
        foreach (var name in Roles ?? [])
        {
            if (OperatorRoleNames.ParseOne(name) is not { } role)
            {
                return new DomainError(
                    "operator.roles",
                    $"'{name}' is not an operator role; use one of {string.Join(", ", OperatorRoleNames.All)}.",
                    "roles"
                );
            }

            roles |= role;
        }

        return Result<OperatorDetails>.Ok(
            new OperatorDetails(LegalName ?? "", Economy, roles, Employees, Turnover, Sector, ConsentToExchange ?? false)
        );
    }
}

internal static class RegisterOperator
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/operators", Handle);

    [EndpointSummary("Register an operator under its Trader Identification Number.")]
    [Authorize(Policies.OperatorEditors)]
    public static async Task<Results<Created<OperatorResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        OperatorRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var outcome = await Execute(request, Actor.From(user)!, db, clock, ct);
        if (!outcome.IsOk)
        {
            return Problems.Problem(outcome.Errors) is { } problem ? problem : Problems.Invalid(outcome.Errors);
        }

        var registered = outcome.Value!;
        return TypedResults.Created(
            $"/api/v1/operators/{registered.Tin}",
            OperatorResponse.From(registered, await GetOperator.SmeDefinitionFor(db, registered.EconomyCode, ct))
        );
    }

    public static async Task<Result<Operator>> Execute(
        OperatorRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<Operator>.Fail(outOfLimits);
        }

        if (!RegistryPermissions.OperatorEditors.Contains(actor.Role))
        {
            return new DomainError("forbidden", "Your role may not register operators.");
        }

        var tin = Tin.Parse(request.Tin);
        var details = request.ToDetails();
        if (!tin.IsOk || !details.IsOk)
        {
            return Result<Operator>.Fail([.. tin.Errors, .. details.Errors]);
        }

        if (await db.FindOperatorAsync(tin.Value, ct) is not null)
        {
            return new DomainError("operator.exists", $"Operator {tin.Value} is already registered.", "tin");
        }

        var now = clock.GetUtcNow();
        var registered = Operator.Register(tin.Value, details.Value!, await db.EconomyCodesAsync(ct), now);
        if (!registered.IsOk)
        {
            return registered;
        }

        db.Operators().Add(registered.Value!);
        db.Audit(
            now,
            actor.Name,
            "operator.registered",
            $"operator:{tin.Value}",
            request.Reason,
            OperatorResponse.From(registered.Value!, null) with
            {
                SmeClass = "",
            }
        );
        await db.SaveChangesAsync(ct);
        return registered;
    }
}
