using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record LinkMerchantRequest([Limit(nameof(Limits.Tin))] string? MerchantTin, [Limit(nameof(Limits.Reason))] string? Reason);

/// <summary>An e-commerce platform (its trader, or the programme office) registers a merchant it sells for (ADR 0043).</summary>
internal static class LinkMerchant
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/operators/{tin}/merchants", Execute).AnswersCreated<MerchantsResponse>(r => $"/api/v1/operators/{r.Tin}/merchants");

    [EndpointSummary("Link a registered merchant to an e-commerce platform: the platform vouches that it sells for it.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Result<MerchantsResponse>> Execute(
        [Limit(nameof(Limits.Tin))] string tin,
        LinkMerchantRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<MerchantsResponse>.Fail(outOfLimits);
        }

        var (platform, _) = await GetOperator.LoadVisible(db, tin, actor, ct);
        if (platform is null)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no operator {tin} that you can see.");
        }

        if (!MerchantLinkRules.MayChange(actor.Role, actor.OperatorTin, platform.Tin))
        {
            return new DomainError(Problems.ForbiddenCode, "A platform's merchants are kept by the platform or the programme office.");
        }

        var merchantTin = Tin.Parse(request.MerchantTin);
        if (!merchantTin.IsOk)
        {
            return new DomainError("merchant-link.merchant", merchantTin.Errors[0].Message, "merchantTin");
        }

        var key = (Platform: platform.Tin.Value, Merchant: merchantTin.Value.Value);
        var linked = await db.MerchantLinks().AnyAsync(l => l.PlatformTin == key.Platform && l.MerchantTin == key.Merchant, ct);
        var errors = MerchantLinkRules.CheckLink(platform, merchantTin.Value, await db.FindOperatorAsync(merchantTin.Value, ct), linked);
        if (errors.Count > 0)
        {
            return Result<MerchantsResponse>.Fail(errors);
        }

        var now = clock.GetUtcNow();
        db.MerchantLinks()
            .Add(
                new MerchantLink
                {
                    PlatformTin = key.Platform,
                    MerchantTin = key.Merchant,
                    LinkedAt = now,
                    LinkedBy = actor.Name,
                }
            );
        db.Audit(now, actor.Name, "merchant.linked", $"operator:{key.Platform}", request.Reason, new { merchantTin = key.Merchant });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return new DomainError("merchant-link.exists", $"{key.Merchant} is linked to {key.Platform} already.", "merchantTin");
        }

        return Result<MerchantsResponse>.Ok(await PlatformMerchants.Response(db, platform, clock, ct));
    }
}
