using System.Globalization;
using OpenAeo.Certification;
using OpenAeo.Clearance;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Insights;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

/// <summary>A KPI's definition as the API gives it (the glossary's entry).</summary>
public sealed record KpiDefinitionJson(string Kpi, string Family, string Title, string Unit, bool Stock, string? Detail, string Definition);

/// <summary>One value: the keys are stable (documented in OpenAPI); <c>month</c> null is the whole period.</summary>
public sealed record KpiValueJson(string Kpi, string? Month, string By, string Group, string? Detail, double? Value, long N);

/// <summary>
/// The KPIs of one programme over whole months (its zone), with every definition and the words for every code the
/// values use (groups, reasons, lanes), so a reader needs nothing else.
/// </summary>
public sealed record KpiReport(
    string Programme,
    string ProgrammeName,
    string TimeZone,
    string From,
    string To,
    IReadOnlyList<string> By,
    DateTimeOffset ComputedAt,
    IReadOnlyList<KpiValueJson> Values,
    IReadOnlyList<KpiDefinitionJson> Definitions,
    IReadOnlyDictionary<string, string> Labels
)
{
    public KpiValueJson? Find(string kpi, string? month = null, string by = Kpis.All, string group = Kpis.All, string? detail = null) =>
        Values.FirstOrDefault(v => v.Kpi == kpi && v.Month == month && v.By == by && v.Group == group && v.Detail == detail);

    public string Label(string code) => Labels.TryGetValue(code, out var words) ? words : code;
}

/// <summary>
/// <c>GET /api/v1/insights/kpis</c>, the dashboard and <c>openaeo insights kpis</c>: load the programme's operators,
/// certificates and applications and export its declarations → compute (the domain's <see cref="Kpis"/>, and the
/// border KPIs in DuckDB over the export) → one report. Every place that shows a KPI calls this.
/// </summary>
internal static class ComputeKpis
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/insights/kpis", Handle)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Produces<byte[]>(StatusCodes.Status200OK, Xlsx);

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Authorize(Policies.Officers)]
    [EndpointSummary(
        "The programme's KPIs per month (programme time zone) and for the whole period from–to (yyyy-mm), "
            + "by size, track, role or sector (by=size,track). Keys: values[] of { kpi, month (null = the "
            + "period), by, group, detail, value (null = no data), n }, definitions[], labels. format=csv or "
            + "xlsx: every value, one per row, or table=N one table of the report as the dashboard shows it."
    )]
    public static async Task<Results<Ok<KpiReport>, ContentHttpResult, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.ProgrammeCode))] string? programme,
        [Limit(nameof(Limits.Keyword))] string? from,
        [Limit(nameof(Limits.Keyword))] string? to,
        [Limit(nameof(Limits.Keyword))] string? by,
        [Limit(nameof(Limits.Keyword))] string? format,
        [Limit(nameof(Limits.Skip))] int? table,
        OpenAeoDb db,
        BorderKpiEngine engine,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        var csv = xlsx || string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Invalid([new DomainError("insights.format", $"'{format}' is not a format; use json, csv or xlsx.", "format")]);
        }

        var outcome = await Execute(db, engine, clock, programme, from, to, by is null ? [] : [by], ct);
        if (!outcome.IsOk)
        {
            return Problems.Problem(outcome.Errors) is { } problem ? problem : Problems.Invalid(outcome.Errors);
        }

        if (!csv)
        {
            return TypedResults.Ok(outcome.Value!);
        }

        // CSV: every value, one per row; or one table of the report as the page shows it (table=0…).
        var document = KpiDocument.Document(outcome.Value!);
        var tables = document.Tables;
        if (table is int index && index >= tables.Count)
        {
            return Problems.Invalid([
                new DomainError("insights.table", $"The report has {tables.Count} tables, numbered from 0.", "table"),
            ]);
        }

        var chosen = table is int i ? tables[i] : KpiDocument.Csv(outcome.Value!);
        if (xlsx)
        {
            using var file = new MemoryStream();
            await (document with { CsvTable = chosen }).WriteXlsxAsync(file, ct);
            return TypedResults.File(file.ToArray(), Xlsx, table is int n ? $"kpis-table-{n}.xlsx" : "kpis.xlsx");
        }

        var text = new StringWriter();
        (document with { CsvTable = chosen }).WriteCsv(text);
        return TypedResults.Text(text.ToString(), "text/csv; charset=utf-8");
    }

    public static async Task<Result<KpiReport>> Execute(
        OpenAeoDb db,
        BorderKpiEngine engine,
        TimeProvider clock,
        string? programmeCode,
        string? from,
        string? to,
        IEnumerable<string> by,
        CancellationToken ct
    )
    {
        var errors = new List<DomainError>();
        var period = KpiPeriod.Create(from, to);
        errors.AddRange(period.Errors);
        var dimensions = Kpis.ParseDimensions(by, out var byError);
        if (byError is not null)
        {
            errors.Add(new DomainError("insights.by", byError, "by"));
        }

        if (string.IsNullOrWhiteSpace(programmeCode))
        {
            errors.Add(new DomainError("insights.programme", "Name the programme by its code (TW).", "programme"));
        }

        if (errors.Count > 0)
        {
            return Result<KpiReport>.Fail(errors);
        }

        var code = programmeCode!.Trim().ToUpperInvariant();
        var programme = await db.Programmes().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct);
        if (programme is null)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no programme with code '{code}'.");
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(programme.TimeZone);
        var now = clock.GetUtcNow();
        var today = CalendarDays.DayOf(now, zone);
        if (period.Value!.From > Month.Of(today))
        {
            return new DomainError(
                "insights.from",
                $"{period.Value.From} has not begun in {programme.TimeZone} ({today:yyyy-MM-dd} there).",
                "from"
            );
        }

        var months = period.Value!;
        var input = await LoadAsync(db, programme, zone, ct);
        var values = Kpis.Compute(input, months, dimensions, today).ToList();
        values.AddRange(BorderKpis.Values(await BorderCellsAsync(db, engine, programme, months, zone, ct)));
        var labels = await LabelsAsync(db, programme, values, ct);
        return Result<KpiReport>.Ok(
            new KpiReport(
                programme.Code,
                programme.Name,
                programme.TimeZone,
                months.From.ToString(),
                months.To.ToString(),
                [.. dimensions.Select(Kpis.Name)],
                now,
                [
                    .. values
                        .OrderBy(v => v.Month is null)
                        .ThenBy(v => v.Month, StringComparer.Ordinal)
                        .ThenBy(v => KpiCatalogue.Order(v.Kpi))
                        .ThenBy(v => v.By != Kpis.All)
                        .ThenBy(v => v.By, StringComparer.Ordinal)
                        .ThenBy(v => v.Group, StringComparer.Ordinal)
                        .ThenBy(v => v.Detail is null ? 0 : BorderKpis.Order(v.Detail).Rank)
                        .ThenBy(v => v.Detail, StringComparer.Ordinal)
                        .Select(v => new KpiValueJson(v.Kpi, v.Month, v.By, v.Group, v.Detail, v.Value, v.N)),
                ],
                Definitions,
                labels
            )
        );
    }

    public static IReadOnlyList<KpiDefinitionJson> Definitions { get; } =
    [
        .. KpiCatalogue.All.Select(k => new KpiDefinitionJson(
            k.Code,
            k.Family.ToString(),
            k.Title,
            k.Unit.ToString(),
            k.Stock,
            k.Detail,
            k.Definition
        )),
    ];

    /// <summary>The plain records of the programme: its economy's operators, its certificates and applications with their events.</summary>
    public static async Task<KpiInput> LoadAsync(OpenAeoDb db, Programme programme, TimeZoneInfo zone, CancellationToken ct)
    {
        var operators = await db.Operators().AsNoTracking().Where(o => o.EconomyCode == programme.EconomyCode).ToListAsync(ct);
        var applications = await db.Applications()
            .AsNoTracking()
            .Include(a => a.Events)
            .Where(a => a.ProgrammeCode == programme.Code)
            .ToListAsync(ct);
        var certificates = await db.Certificates()
            .AsNoTracking()
            .Include(c => c.Events)
            .Where(c => c.ProgrammeCode == programme.Code)
            .ToListAsync(ct);
        var officers = await db.Users().AsNoTracking().CountAsync(u => u.Role == Role.ProgrammeOfficer && !u.Disabled, ct);
        var byId = applications.ToDictionary(a => a.Id);
        return new KpiInput(
            new KpiProgramme(programme.Code, zone, programme.Calendar, programme.SmeDefinition, programme.Sla, officers),
            [
                .. operators.Select(o => new KpiOperator(
                    o.Tin.Value,
                    CalendarDays.DayOf(o.RegisteredAt, zone),
                    o.Employees,
                    o.Turnover,
                    o.Sector,
                    o.Roles
                )),
            ],
            [
                .. certificates.Select(c =>
                {
                    var from = c.ApplicationId is int id ? byId.GetValueOrDefault(id) : null;
                    return new KpiCertificate(
                        c.Id,
                        c.OperatorTin.Value,
                        c.ValidFrom,
                        c.ValidUntil,
                        from?.RenewalOfCertificateId is not null,
                        from?.AccountManager,
                        c.Events
                    );
                }),
            ],
            [
                .. applications.Select(a => new KpiApplication(
                    a.Id,
                    a.OperatorTin.Value,
                    a.Track,
                    CalendarDays.DayOf(a.CreatedAt, zone),
                    a.RenewalOfCertificateId is not null,
                    a.AccountManager,
                    a.Events,
                    a.RejectionCodes
                )),
            ]
        );
    }

    /// <summary>The declarations export of the period (a day wider on each side: its days are office-local) read by DuckDB.</summary>
    public static async Task<IReadOnlyList<BorderKpis.Cell>> BorderCellsAsync(
        OpenAeoDb db,
        BorderKpiEngine engine,
        Programme programme,
        KpiPeriod period,
        TimeZoneInfo zone,
        CancellationToken ct
    )
    {
        var file = Path.Combine(Path.GetTempPath(), $"openaeo-kpis-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var stream = Platform.Files.OwnerOnly.CreateFile(file))
            await using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16))
            {
                await ExportDeclarations.Execute(db, period.From.FirstDay.AddDays(-1), period.EndExclusive, writer, ct);
            }

            return engine.Cells(file, programme.EconomyCode, period, zone);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Words for every code the values use.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> LabelsAsync(
        OpenAeoDb db,
        Programme programme,
        IReadOnlyList<KpiValue> values,
        CancellationToken ct
    )
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Kpis.All] = "Everyone",
            ["size"] = "Size",
            ["track"] = "Track",
            ["role"] = "Role",
            ["sector"] = "Sector",
            ["micro"] = "Micro enterprises",
            ["small"] = "Small enterprises",
            ["medium"] = "Medium enterprises",
            ["large"] = "Large enterprises",
            ["unknown"] = "Not known",
            ["standard"] = "Standard track",
            ["sme"] = "SME track",
            ["ecommerce"] = "E-commerce track",
            [BorderKpis.Aeo] = "AEO importers",
            [BorderKpis.NonAeo] = "Other importers",
            [BorderKpis.Sme] = "SME importers",
            [BorderKpis.NotSme] = "Large or unregistered importers",
            [BorderKpis.MraRecognised] = "Consignors recognised under an MRA",
            [BorderKpis.OtherConsignors] = "Other consignors",
            ["unassigned"] = "No account manager",
            ["lapsed"] = "Lapsed after a pause",
        };
        foreach (var lane in Enum.GetNames<Domain.Clearance.Lane>())
        {
            labels[lane] = lane + " lane";
        }

        foreach (var role in Enum.GetValues<OperatorRoles>().Where(r => r != OperatorRoles.None))
        {
            labels[role.ToString()] = Words.FromPascalCase(role.ToString());
        }

        foreach (var state in Enum.GetValues<ApplicationState>())
        {
            labels["withdrawn:" + state] = $"Withdrawn by the applicant at {Words.FromPascalCase(state.ToString()).ToLowerInvariant()}";
        }

        foreach (var reason in await db.RejectionReasons().AsNoTracking().Where(r => r.ProgrammeCode == programme.Code).ToListAsync(ct))
        {
            labels[reason.Code] = reason.Label;
        }

        var mras = await db.Mras().AsNoTracking().ToListAsync(ct);
        foreach (
            var detail in values
                .Select(v => v.Detail)
                .OfType<string>()
                .Where(d => d.StartsWith("mra:", StringComparison.Ordinal))
                .Distinct()
        )
        {
            var id = detail[4..];
            var name = mras.FirstOrDefault(m => $"MRA-{m.Id}" == id)?.Name;
            labels[detail] = $"Consignors recognised under {(name is null ? id : $"{name} ({id})")}";
        }

        return labels;
    }

    public static string Format(double? value, KpiUnit unit) =>
        value switch
        {
            null => "no data",
            double v => unit switch
            {
                KpiUnit.Share => v.ToString("0.0%", CultureInfo.InvariantCulture),
                KpiUnit.Count => v.ToString("N0", CultureInfo.InvariantCulture),
                KpiUnit.Hours => v.ToString("0.00", CultureInfo.InvariantCulture),
                _ => v.ToString("0.#", CultureInfo.InvariantCulture),
            },
        };
}
