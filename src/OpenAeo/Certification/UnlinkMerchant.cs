using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>A platform (its trader, or the programme office) removes a merchant: its next declarations get no e-commerce benefit.</summary>
internal static class UnlinkMerchant
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/operators/{tin}/merchants/{merchantTin}", Execute).AnswersOk<MerchantsResponse>();

    [EndpointSummary("Remove a merchant from an e-commerce platform's merchants.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Result<MerchantsResponse>> Execute(
        [Limit(nameof(Limits.Tin))] string tin,
        [Limit(nameof(Limits.Tin))] string merchantTin,
        [Limit(nameof(Limits.Reason))] string? reason,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var (platform, _) = await GetOperator.LoadVisible(db, tin, actor, ct);
        if (platform is null)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no operator {tin} that you can see.");
        }

        if (!MerchantLinkRules.MayChange(actor.Role, actor.OperatorTin, platform.Tin))
        {
            return new DomainError(Problems.ForbiddenCode, "A platform's merchants are kept by the platform or the programme office.");
        }

        var key = platform.Tin.Value;
        var merchant = merchantTin.Trim().ToUpperInvariant();
        var link = await db.MerchantLinks().SingleOrDefaultAsync(l => l.PlatformTin == key && l.MerchantTin == merchant, ct);
        if (link is null)
        {
            return new DomainError(Problems.NotFoundCode, $"{merchantTin} is not a merchant of {key}.");
        }

        db.MerchantLinks().Remove(link);
        db.Audit(clock.GetUtcNow(), actor.Name, "merchant.unlinked", $"operator:{key}", reason, new { merchantTin = merchant });
        await db.SaveChangesAsync(ct);
        return Result<MerchantsResponse>.Ok(await PlatformMerchants.Response(db, platform, clock, ct));
    }
}
