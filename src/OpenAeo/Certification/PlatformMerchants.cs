using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="IsAeo">The merchant holds a certificate of a programme valid today (the programme's local day).</param>
/// <param name="Certificate">That certificate's number, when it holds one.</param>
public sealed record MerchantResponse(
    string Tin,
    string LegalName,
    bool IsAeo,
    string? Certificate,
    DateOnly? ValidUntil,
    DateTimeOffset LinkedAt,
    string LinkedBy
);

/// <param name="IsPlatform">The operator holds the e-commerce platform role, without which it links no merchant.</param>
public sealed record MerchantsResponse(string Tin, string LegalName, bool IsPlatform, IReadOnlyList<MerchantResponse> Merchants);

/// <summary>The read model of a platform's merchant links (ADR 0043), for the API and the operator page.</summary>
internal static class PlatformMerchants
{
    public static async Task<MerchantsResponse> Response(OpenAeoDb db, Operator platform, TimeProvider clock, CancellationToken ct)
    {
        var key = platform.Tin.Value;
        var links = await db.MerchantLinks().AsNoTracking().Where(l => l.PlatformTin == key).OrderBy(l => l.MerchantTin).ToListAsync(ct);
        var tins = links.Select(l => Tin.FromTrusted(l.MerchantTin)).ToList();
        var names = await db.Operators()
            .AsNoTracking()
            .Where(o => tins.Contains(o.Tin))
            .ToDictionaryAsync(o => o.Tin.Value, o => o.LegalName, ct);
        var certificates = await db.Certificates().AsNoTracking().Where(c => tins.Contains(c.OperatorTin)).ToListAsync(ct);
        var zones = (await db.Programmes().AsNoTracking().Select(p => new { p.Code, p.TimeZone }).ToListAsync(ct)).ToDictionary(
            p => p.Code,
            p => TimeZones.Find(p.TimeZone) ?? TimeZoneInfo.Utc
        );
        var now = clock.GetUtcNow();
        var merchants = links
            .Select(l =>
            {
                // Each certificate is read on its own programme's day, as the border reads it.
                var valid = certificates
                    .Where(c =>
                        c.OperatorTin.Value == l.MerchantTin
                        && c.IsValidOn(CalendarDays.DayOf(now, zones.GetValueOrDefault(c.ProgrammeCode) ?? TimeZoneInfo.Utc))
                    )
                    .OrderByDescending(c => c.ValidUntil ?? DateOnly.MaxValue)
                    .FirstOrDefault();
                return new MerchantResponse(
                    l.MerchantTin,
                    names.GetValueOrDefault(l.MerchantTin) ?? "",
                    valid is not null,
                    valid?.Number,
                    valid?.ValidUntil,
                    l.LinkedAt,
                    l.LinkedBy
                );
            })
            .ToList();
        return new MerchantsResponse(key, platform.LegalName, platform.Roles.HasFlag(OperatorRoles.EcommercePlatform), merchants);
    }
}
