using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// <c>PUT /api/v1/partners/{economy}</c>: a registered partner's URL, log key, our API key at its node (absent = kept:
/// it is a secret we never show back) or agreement (an MRA, <c>sharing</c>, or absent for the registry's MRA between
/// the two economies). A retired partner is not changed but registered again.
/// </summary>
internal static class ChangePartner
{
    public static void Map(RouteGroupBuilder api) => api.MapPut("/partners/{economy}", Execute).AnswersPartner();

    [Authorize(Policies.Admins)]
    [EndpointSummary("Change a partner's URL, public key, our API key at its node or the agreement; a new key restarts its replica.")]
    public static async Task<Result<Partner>> Execute(
        [Limit(nameof(Limits.EconomyCode))] string economy,
        PartnerRequest request,
        Actor actor,
        OpenAeoDb db,
        NodeIdentity node,
        PartnerKeys keys,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var code = economy.Trim().ToUpperInvariant();
        var partner = await db.Partners().SingleOrDefaultAsync(p => p.Economy == code, ct);
        if (partner is null)
        {
            return new DomainError(Problems.NotFoundCode, $"{economy} is not a registered partner.");
        }

        if (partner.CheckChange(request.Economy) is { IsOk: false } refused)
        {
            return refused;
        }

        var terms = await RegisterPartner.CheckAsync(partner.Economy, request, apiKeyRequired: false, node, db, ct);
        if (!terms.IsOk)
        {
            return Result<Partner>.Fail(terms.Errors);
        }

        var now = clock.GetUtcNow();
        var applied = await RegisterPartner.ApplyAsync(partner, terms.Value!, db, node, keys, now, ct);
        db.Audit(now, actor.Name, "partner.changed", $"partner:{partner.Economy}", request.Reason, applied);
        await db.SaveChangesAsync(ct);
        return Result<Partner>.Ok(partner);
    }
}
