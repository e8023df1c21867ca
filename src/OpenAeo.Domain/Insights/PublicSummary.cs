namespace OpenAeo.Domain.Insights;

/// <summary>A headline figure for the public; <paramref name="Withheld"/> says in words why it is not shown.</summary>
public sealed record PublicFigure(string Kpi, string Title, double? Value, KpiUnit Unit, string? Withheld);

/// <summary>
/// The programme's headline figures for anyone (the programme page): aggregates only, and nothing about a group of
/// fewer than <see cref="MinimumOperators"/> operators, so no company can be singled out — a share is withheld when
/// either side of it is that small, since the share and the total would give the small count away.
/// </summary>
public static class PublicSummary
{
    public const int MinimumOperators = 5;

    public static string TooFew(string who) =>
        $"Not shown: fewer than {MinimumOperators} {who}, and figures about so few could identify a company.";

    /// <param name="values">The KPI values of the period (its <c>month</c> null rows are read).</param>
    public static IReadOnlyList<PublicFigure> From(IReadOnlyList<KpiValue> values)
    {
        KpiValue? Find(string kpi, string? detail = null) =>
            values.FirstOrDefault(v => v.Kpi == kpi && v.Month is null && v.By == Kpis.All && v.Group == Kpis.All && v.Detail == detail);
        long Count(string kpi, string? detail = null) => (long)(Find(kpi, detail)?.Value ?? 0);

        var figures = new List<PublicFigure>();
        var aeos = Count(KpiCatalogue.Aeos);
        figures.Add(
            new(KpiCatalogue.Aeos, "Authorized Economic Operators", aeos, KpiUnit.Count, aeos < MinimumOperators ? TooFew("AEOs") : null)
        );

        var smeShare = Find(KpiCatalogue.SmeShareOfAeos)?.Value;
        var smeAeos = (long)Math.Round((smeShare ?? 0) * aeos);
        figures.Add(
            new(
                KpiCatalogue.SmeShareOfAeos,
                "Small and medium enterprises among them",
                smeShare,
                KpiUnit.Share,
                smeAeos < MinimumOperators || aeos - smeAeos < MinimumOperators ? TooFew("SME AEOs or other AEOs") : null
            )
        );

        var decided = Count(KpiCatalogue.ApplicantsDecided);
        figures.Add(
            new(
                KpiCatalogue.DaysToDecisionMedian,
                "Median time from application to decision (business days)",
                Find(KpiCatalogue.DaysToDecisionMedian)?.Value,
                KpiUnit.BusinessDays,
                decided < MinimumOperators ? TooFew("applicants decided") : null
            )
        );

        var aeoImporters = Count(KpiCatalogue.Importers, BorderKpis.Aeo);
        var otherImporters = Count(KpiCatalogue.Importers, BorderKpis.NonAeo);
        var border =
            aeoImporters < MinimumOperators || otherImporters < MinimumOperators ? TooFew("AEO importers or other importers") : null;
        figures.Add(
            new(
                KpiCatalogue.ExaminationRate,
                "Declarations examined, AEO importers",
                Find(KpiCatalogue.ExaminationRate, BorderKpis.Aeo)?.Value,
                KpiUnit.Share,
                border
            )
        );
        figures.Add(
            new(
                KpiCatalogue.ExaminationRate,
                "Declarations examined, other importers",
                Find(KpiCatalogue.ExaminationRate, BorderKpis.NonAeo)?.Value,
                KpiUnit.Share,
                border
            )
        );
        return [.. figures.Select(f => f.Withheld is null ? f : f with { Value = null })];
    }
}
