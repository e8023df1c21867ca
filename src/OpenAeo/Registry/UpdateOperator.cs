using Microsoft.AspNetCore.Mvc;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

internal static class UpdateOperator
{
    public static void Map(RouteGroupBuilder api) => api.MapPut("/operators/{tin}", Handle).WithEntityTag();

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("Replace an operator's details. Officers may change everything; a trader only its own size, sector and consent.")]
    public static async Task<Results<Ok<OperatorResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Tin))] string tin,
        OperatorRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        HttpContext http,
        [FromServices] IEnumerable<IOperatorRenamed> renamed,
        CancellationToken ct
    )
    {
        var actor = Actor.From(user)!;
        var (found, problem) = await GetOperator.LoadVisible(db, tin, actor, ct, track: true);
        if (found is null)
        {
            return problem!;
        }

        if (EntityTags.Stale(http, db, found, $"Operator {found.Tin}") is { } stale)
        {
            return stale;
        }

        var outcome = await Execute(found, request, actor, db, clock, renamed, ct);
        if (!outcome.IsOk)
        {
            return Problems.Problem(outcome.Errors) is { } refused ? refused : Problems.Invalid(outcome.Errors);
        }

        EntityTags.Tag(http, db, found);
        return TypedResults.Ok(OperatorResponse.From(found, await GetOperator.SmeDefinitionFor(db, found.EconomyCode, ct)));
    }

    /// <summary>Decides with the domain, then saves the change and its audit entry together.</summary>
    public static async Task<Result<IReadOnlyList<FieldChange>>> Execute(
        Operator current,
        OperatorRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        IEnumerable<IOperatorRenamed> renamed,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<IReadOnlyList<FieldChange>>.Fail(outOfLimits);
        }

        if (request.Tin is not null && Tin.Parse(request.Tin) is { IsOk: true } t && t.Value != current.Tin)
        {
            return new DomainError("operator.tin", "A TIN cannot be changed; register the new TIN as a new operator.", "tin");
        }

        var details = request.ToDetails();
        if (!details.IsOk)
        {
            return Result<IReadOnlyList<FieldChange>>.Fail(details.Errors);
        }

        if (RegistryPermissions.CheckOperatorUpdate(actor.Role, actor.OperatorTin, current, details.Value!) is { } denied)
        {
            return denied;
        }

        var now = clock.GetUtcNow();
        var changes = current.Update(details.Value!, await db.EconomyCodesAsync(ct), now);
        if (!changes.IsOk || changes.Value!.Count == 0)
        {
            return changes;
        }

        db.Audit(now, actor.Name, "operator.updated", $"operator:{current.Tin}", request.Reason, changes.Value);
        if (changes.Value.FirstOrDefault(c => c.Field == "legalName") is { } name)
        {
            foreach (var listener in renamed)
            {
                await listener.Renamed(db, current, $"{name.Before}", $"{name.After}", now, actor.Name, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        return changes;
    }
}

/// <summary>
/// What another capability does, in the same unit of work, when an operator's legal name changes: Certification opens a
/// reassessment of the holder's certificates (ADR 0040). Registry sits below Certification (ADR 0049), so it names the
/// moment and Certification registers what happens; the caller saves.
/// </summary>
internal interface IOperatorRenamed
{
    Task Renamed(OpenAeoDb db, Operator renamed, string before, string after, DateTimeOffset now, string actor, CancellationToken ct);
}
