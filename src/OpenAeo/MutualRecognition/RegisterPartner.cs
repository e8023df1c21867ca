using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <param name="Agreement">An MRA id (<c>MRA-3</c> or <c>3</c>), <c>sharing</c> for a data-sharing arrangement, or null for the registry's
/// MRA between the two economies (else data-sharing).</param>
/// <param name="ApiKey">The key the partner issued to us; required to register, optional to change (absent = keep the stored one).</param>
internal sealed record PartnerRequest(
    [Limit(nameof(Limits.EconomyCode))] string? Economy,
    [Limit(nameof(Limits.Url))] string? Url,
    [Limit(nameof(Limits.Key))] string? PublicKey,
    [Limit(nameof(Limits.Key))] string? ApiKey,
    [Limit(nameof(Limits.Keyword))] string? Agreement,
    [Limit(nameof(Limits.Reason))] string? Reason
);

/// <summary>
/// <c>POST /api/v1/partners</c>: registers an administration whose status log this node replicates, or registers it
/// again (new URL, key or agreement; a retired partner is taken back into replication). Its replica is kept when the key
/// is unchanged.
/// </summary>
internal static class RegisterPartner
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/partners", Execute).AnswersPartnerCreated().WithName("AddPartner").WithPartnerKeyRing().WithIdempotency();

    [EndpointSummary("Register a partner administration whose status log this node replicates.")]
    [Authorize(Policies.Admins)]
    public static async Task<Result<Partner>> Execute(
        PartnerRequest request,
        Actor actor,
        OpenAeoDb db,
        NodeIdentity node,
        PartnerKeys keys,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var terms = await CheckAsync((request.Economy ?? "").Trim().ToUpperInvariant(), request, apiKeyRequired: true, node, db, ct);
        if (!terms.IsOk)
        {
            return Result<Partner>.Fail(terms.Errors);
        }

        var now = clock.GetUtcNow();
        var registered = await db.Partners().SingleOrDefaultAsync(p => p.Economy == terms.Value!.Economy, ct);
        var partner = Partner.Registering(registered, terms.Value!.Economy, now);
        if (registered is null)
        {
            db.Partners().Add(partner);
        }

        var applied = await ApplyAsync(partner, terms.Value!, db, node, keys, now, ct);
        db.Audit(now, actor.Name, "partner.registered", $"partner:{partner.Economy}", request.Reason, applied);
        await db.SaveChangesAsync(ct);
        return Result<Partner>.Ok(partner);
    }

    /// <summary>The checks of a partner's terms (<see cref="PartnerTerms.Check"/>) with the agreement looked up in the registry.</summary>
    public static async Task<Result<PartnerTerms>> CheckAsync(
        string economy,
        PartnerRequest request,
        bool apiKeyRequired,
        NodeIdentity node,
        OpenAeoDb db,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<PartnerTerms>.Fail(outOfLimits);
        }

        return PartnerTerms.Check(
            economy,
            request.Url,
            request.PublicKey,
            request.ApiKey,
            apiKeyRequired,
            await AgreementAsync(economy, request.Agreement, node, db, ct),
            node.Economy,
            node.AllowsPlainHttpPartners
        );
    }

    /// <summary>The MRA a request names (<c>MRA-3</c> or <c>3</c>), none for <c>sharing</c>, else the registry's MRA between the two
    /// economies.</summary>
    private static async Task<Result<int?>> AgreementAsync(
        string economy,
        string? agreement,
        NodeIdentity node,
        OpenAeoDb db,
        CancellationToken ct
    )
    {
        if (string.Equals(agreement?.Trim(), "sharing", StringComparison.OrdinalIgnoreCase))
        {
            return Result<int?>.Ok(null);
        }

        if (string.IsNullOrWhiteSpace(agreement))
        {
            return Result<int?>.Ok(
                Economy.IsEconomyCode(economy) ? (await MraRegistry.BetweenAsync(db, node.Economy, economy, ct))?.Id : null
            );
        }

        return MraRegistry.TryParseId(agreement.Trim(), out var id) && await db.Mras().AnyAsync(m => m.Id == id, ct)
            ? Result<int?>.Ok(id)
            : new DomainError("partner.agreement", $"'{agreement}' is neither an MRA id of the registry nor 'sharing'.", "agreement");
    }

    /// <summary>
    /// Stages the terms on the partner (the caller saves): the key encrypted when it changed, a data-sharing
    /// arrangement when one is needed, and the replica's rows dropped when a new log key restarts it.
    /// </summary>
    public static async Task<AppliedTerms> ApplyAsync(
        Partner partner,
        PartnerTerms terms,
        OpenAeoDb db,
        NodeIdentity node,
        PartnerKeys keys,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        int? arrangementId = null;
        if (partner.NeedsDataSharingArrangement(terms))
        {
            var arrangement = new DataSharingArrangement { Parties = [node.Economy, partner.Economy], CreatedAt = now };
            db.DataSharing().Add(arrangement);
            await db.SaveChangesAsync(ct);
            arrangementId = arrangement.Id;
        }

        var protectedKey = terms.ApiKey is not null && !keys.IsStored(partner, terms.ApiKey) ? keys.Protect(terms.ApiKey) : null;
        var applied = partner.Apply(terms, protectedKey, arrangementId);
        if (applied.ReplicaRestarted)
        {
            await db.ReplicaEntries().Where(e => e.Partner == partner.Economy).ExecuteDeleteAsync(ct);
            await db.ReplicaFrontier().Where(e => e.Partner == partner.Economy).ExecuteDeleteAsync(ct);
        }

        return applied;
    }
}
