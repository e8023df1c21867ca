using OpenAeo.Domain.Insights;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

public sealed record IndicatorValueJson(string? Month, double? Value, long N, string Status);

/// <param name="Rule">How it is measured (<c>examination_ratio &lt;= 0.5</c>); null for a free-text indicator, which is Unmeasured.</param>
/// <param name="Period">The whole period's value and status.</param>
public sealed record IndicatorJson(
    string Indicator,
    string Target,
    string? Rule,
    string? Description,
    IReadOnlyList<IndicatorValueJson> Months,
    IndicatorValueJson Period
);

public sealed record MraMonitoringJson(
    string Mra,
    string Name,
    string Programme,
    string From,
    string To,
    IReadOnlyList<IndicatorJson> Indicators
);

/// <summary>
/// <c>GET /api/v1/mras/{id}/monitoring</c> and the MRA page: each monitoring indicator of the MRA, measured per month
/// from the border KPIs restricted to the consignors recognised under it (this node's programme, its months), or from
/// the freshness of the partner's replicated log, with its status against the target.
/// </summary>
internal static class MraMonitoring
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/mras/{id:int}/monitoring", Execute).AnswersOk<MraMonitoringJson>().WithTags("MutualRecognition");

    [Authorize(Policies.Officers)]
    [EndpointSummary(
        "The MRA's monitoring indicators measured per month from–to (yyyy-mm, default the last six "
            + "months): value, n and status (Met, NotMet, NoData, or Unmeasured for a free-text indicator)."
    )]
    public static async Task<Result<MraMonitoringJson>> Execute(
        int id,
        [Limit(nameof(Limits.Keyword))] string? from,
        [Limit(nameof(Limits.Keyword))] string? to,
        OpenAeoDb db,
        BorderKpiEngine engine,
        NodeIdentity node,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var mra = await db.Mras().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (mra is null)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no MRA {id}.");
        }

        var programme = await db.Programmes()
            .AsNoTracking()
            .Where(p => p.EconomyCode == node.Economy)
            .OrderBy(p => p.Code)
            .FirstOrDefaultAsync(ct);
        if (programme is null)
        {
            return new DomainError(Problems.NotFoundCode, $"This node ({node.Economy}) has no programme to measure the MRA's benefits in.");
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(programme.TimeZone);
        var now = clock.GetUtcNow();
        var thisMonth = Month.Of(CalendarDays.DayOf(now, zone));
        var period = KpiPeriod.Create(from ?? Back(thisMonth, 5).ToString(), to ?? thisMonth.ToString());
        if (!period.IsOk)
        {
            return Result<MraMonitoringJson>.Fail(period.Errors);
        }

        var months = period.Value!;
        var mraId = MraRegistry.IdText(mra);
        var cells = mra.Monitoring.Any(i => i.Rule is not null)
            ? await ComputeKpis.BorderCellsAsync(db, engine, programme, months, zone, ct)
            : [];

        // Freshness is known only now: the stalest verified replication among the MRA's partners.
        var pulls = await db.Partners()
            .AsNoTracking()
            .Where(p => p.MraId == mra.Id && p.Health != PartnerHealth.Retired)
            .Select(p => p.LastSuccessAt)
            .ToListAsync(ct);
        double? freshness =
            pulls.Count == 0 ? null
            : pulls.Any(p => p is null) ? double.PositiveInfinity
            : (now - pulls.Min()!.Value).TotalHours;

        IndicatorValueJson Measure(IndicatorRule? rule, string? month)
        {
            var inMonth = cells.Where(c => c.Month == month).ToList();
            var current = month is null ? months.To >= thisMonth : month == thisMonth.ToString();
            var value = rule is null ? null : MraIndicators.Value(rule.Measure, mraId, inMonth, current ? freshness : null);
            var n = inMonth.FirstOrDefault(c => c.Group == BorderKpis.OfMra(mraId))?.Declarations ?? 0;
            return new IndicatorValueJson(
                month,
                value is double v && double.IsFinite(v) ? v : null,
                n,
                (value is double.PositiveInfinity ? IndicatorStatus.NotMet : MraIndicators.Status(rule, value)).ToString()
            );
        }

        var indicators = mra
            .Monitoring.Select(i =>
            {
                var rule = i.Rule is null ? null : IndicatorRule.Parse(i.Rule).Value;
                return new IndicatorJson(
                    i.Indicator,
                    i.Target,
                    rule?.ToString(),
                    rule?.Describe(),
                    [.. months.Months().Select(m => Measure(rule, m.ToString()))],
                    Measure(rule, null)
                );
            })
            .ToList();
        return Result<MraMonitoringJson>.Ok(
            new MraMonitoringJson(mraId, mra.Name, programme.Code, months.From.ToString(), months.To.ToString(), indicators)
        );
    }

    private static Month Back(Month month, int count)
    {
        var index = month.Year * 12 + month.Number - 1 - count;
        return new Month(index / 12, index % 12 + 1);
    }
}
