using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

public sealed record SlaResponse(int StandardDays, int InformationRequestDays, int SmeExpeditedDays);

public sealed record SmeDefinitionResponse(int EmployeeCap, decimal? TurnoverCap, string? Currency, string Description);

public sealed record ProgrammeSummary(
    string Code,
    string Economy,
    string EconomyName,
    string Name,
    string? ShortName,
    int? LaunchYear,
    string Status,
    int? ValidityYears,
    string Validity,
    SlaResponse Sla,
    SmeDefinitionResponse SmeDefinition,
    IReadOnlyList<string> Tracks,
    IReadOnlyList<string> Tiers,
    int? AeoCountIdbStudy,
    int? AeoCountWcoCompendium
)
{
    internal static ProgrammeSummary From(Programme p, string economyName, IReadOnlyList<ProgrammeStatistic> statistics)
    {
        var idb = statistics.Where(s => s.Source == ReferenceData.Table1IdbSource).Select(s => (int?)s.Count).FirstOrDefault();
        var wco = statistics.Where(s => s.Source == ReferenceData.Table1WcoSource).Select(s => s.Count).ToList();
        return new(
            p.Code,
            p.EconomyCode,
            economyName,
            p.Name,
            p.ShortName,
            p.LaunchYear,
            p.Status.ToString(),
            p.ValidityYears,
            p.Validity.ToString(),
            new(p.SlaStandardDays, p.SlaInformationRequestDays, p.SlaSmeExpeditedDays),
            new(p.SmeEmployeeCap, p.SmeTurnoverCap, p.SmeTurnoverCurrency, p.SmeDefinition.ToString()),
            [.. Enum.GetValues<Tracks>().Where(t => t != Domain.Registry.Tracks.None && p.Tracks.HasFlag(t)).Select(t => t.ToString())],
            p.Tiers,
            idb,
            wco.Count > 0 ? wco.Sum() : null
        );
    }
}

internal static class ListProgrammes
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/programmes", Handle);

    [AllowAnonymous]
    [EndpointSummary("AEO programmes with validity, SLA, SME definition, tracks and published AEO counts; filter by economy code.")]
    public static Task<List<ProgrammeSummary>> Handle(
        [Limit(nameof(Limits.EconomyCode))] string? economy,
        OpenAeoDb db,
        CancellationToken ct
    ) => Load(db, economy, ct);

    public static async Task<List<ProgrammeSummary>> Load(OpenAeoDb db, string? economy, CancellationToken ct)
    {
        var query = db.Programmes().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(economy))
        {
            var code = economy.Trim().ToUpperInvariant();
            query = query.Where(p => p.EconomyCode == code);
        }

        var programmes = await query.ToListAsync(ct);
        var names = await db.Economies().AsNoTracking().ToDictionaryAsync(e => e.Code, e => e.Name, ct);
        var statistics = (await db.ProgrammeStatistics().AsNoTracking().ToListAsync(ct)).ToLookup(s => s.ProgrammeCode);
        return
        [
            .. programmes
                .Select(p => ProgrammeSummary.From(p, names.GetValueOrDefault(p.EconomyCode, p.EconomyCode), [.. statistics[p.Code]]))
                .OrderBy(p => p.EconomyName, StringComparer.Ordinal),
        ];
    }
}
