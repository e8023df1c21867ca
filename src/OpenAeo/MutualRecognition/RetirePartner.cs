using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

internal sealed record RetirePartnerRequest([Limit(nameof(Limits.Reason))] string? Reason);

/// <summary>
/// <c>POST /api/v1/partners/{economy}/retirement</c>: ends the exchange with a partner without erasing what it told us
/// (ADR 0010). Replication stops, the partner's key is refused at our <c>/exchange</c>, and its verified replica stays
/// with its provenance, so earlier recognition answers can still be traced to the entry and tree size they rest on;
/// recognition no longer grants MRA benefits from a replica nobody keeps current. Registering the partner again resumes.
/// </summary>
internal static class RetirePartner
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/partners/{economy}/retirement", Execute).AnswersPartner().WithIdempotency();

    [Authorize(Policies.Admins)]
    [EndpointSummary("Stop replicating a partner and refuse it at the exchange; its replica and provenance are kept.")]
    public static async Task<Result<Partner>> Execute(
        [Limit(nameof(Limits.EconomyCode))] string economy,
        RetirePartnerRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<Partner>.Fail(outOfLimits);
        }

        var code = economy.Trim().ToUpperInvariant();
        var partner = await db.Partners().SingleOrDefaultAsync(p => p.Economy == code, ct);
        if (partner is null)
        {
            return new DomainError(Problems.NotFoundCode, $"{economy} is not a registered partner.");
        }

        var retirement = partner.Retire(request.Reason);
        if (!retirement.IsOk)
        {
            return Result<Partner>.Fail(retirement.Errors);
        }

        var (agreement, treeSize, before) = retirement.Value!;
        db.Audit(
            clock.GetUtcNow(),
            actor.Name,
            "partner.retired",
            $"partner:{partner.Economy}",
            request.Reason,
            new
            {
                agreement,
                treeSize,
                health = before.ToString(),
            }
        );
        await db.SaveChangesAsync(ct);
        return Result<Partner>.Ok(partner);
    }
}
