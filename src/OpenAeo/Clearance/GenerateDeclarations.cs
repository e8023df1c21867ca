using System.Globalization;
using OpenAeo.Certification;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>
/// <c>openaeo declarations generate</c>: realistic synthetic import traffic for the node's economy, reproducible by
/// seed, written in the import format with plausible milestone times for the lane each declaration gets under the
/// rules and recognition in force (so a study has data). Parties come from the registry (AEO and non-AEO importers,
/// brokers, carriers…), consignors from partners' logs and foreign operators; unregistered firms fill the rest.
/// References are <c>G{seed}-00000001</c>…, so generated files never share an id with the demo's traffic
/// (<see cref="DemoPrefix"/>) or with each other.
/// </summary>
internal static class GenerateDeclarations
{
    /// <summary>The references of the demo's own traffic.</summary>
    public const string DemoPrefix = "DEMO-";

    /// <summary>The share of traffic lodged by importers the registry does not know (one-off and small importers).</summary>
    public const double UnregisteredShare = 0.22;

    public static Task<int> Execute(
        OpenAeoDb db,
        string nodeEconomy,
        int count,
        long seed,
        DateOnly from,
        DateOnly to,
        string path,
        TimeProvider clock,
        IProgress<ImportProgress>? progress,
        CancellationToken ct
    ) => Execute(db, nodeEconomy, count, seed, from, to, path, clock, $"G{seed}-", progress, ct);

    public static async Task<int> Execute(
        OpenAeoDb db,
        string nodeEconomy,
        int count,
        long seed,
        DateOnly from,
        DateOnly to,
        string path,
        TimeProvider clock,
        string referencePrefix,
        IProgress<ImportProgress>? progress,
        CancellationToken ct
    )
    {
        var population = await Population(db, nodeEconomy, ct);
        var snapshot = await SelectivitySnapshot.LoadAsync(db, nodeEconomy, null, clock, ct);
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var columns = ImportDeclarations.Required.Concat(ImportDeclarations.Optional).ToArray();
        await using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
        await CsvOutput.WriteRowAsync(writer, columns, ct);
        var written = 0;
        var cells = new Dictionary<string, string?>(columns.Length);
        foreach (var g in TrafficGenerator.Generate(population, seed, count, start, end, referencePrefix))
        {
            ct.ThrowIfCancellationRequested();
            var decided = snapshot.Decide(g.Details, g.LodgedAt);
            var principalAeo = decided.Standings.Any(s => s.Role == PartyRole.Importer && s.IsAeo);
            var times = TrafficGenerator.Processing(
                g.Details.Reference,
                seed,
                g.Details.Mode,
                g.ArrivalAt,
                g.LodgedAt,
                decided.Decision,
                principalAeo
            );
            cells.Clear();
            var d = g.Details;
            cells["declaration_id"] = d.Reference;
            cells["type"] = d.Type.ToString();
            cells["mode"] = d.Mode.ToString();
            cells["origin"] = d.OriginEconomy;
            cells["destination"] = d.DestinationEconomy;
            cells["office"] = d.Office;
            cells["office_tz"] = d.OfficeTimeZone;
            cells["hs_codes"] = string.Join(';', d.Items.Select(i => i.HsCode));
            cells["item_values"] = string.Join(';', d.Items.Select(i => i.CustomsValue.ToString(CultureInfo.InvariantCulture)));
            cells["descriptions"] = string.Join(';', d.Items.Select(i => i.Description));
            cells["customs_value"] = d.CustomsValue.ToString(CultureInfo.InvariantCulture);
            cells["low_value_ecommerce"] = d.LowValueEcommerce ? "true" : "false";
            foreach (var (column, role) in ImportDeclarations.PartyColumns)
            {
                cells[column] = d.Party(role)?.Tin.Value;
            }

            foreach (var (milestone, at) in times)
            {
                var column = milestone switch
                {
                    Milestone.Arrival => "arrival_at",
                    Milestone.Lodged => "lodged_at",
                    _ => ImportDeclarations.MilestoneColumns.FirstOrDefault(m => m.Milestone == milestone).Column,
                };
                if (column is not null)
                {
                    cells[column] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                }
            }

            await CsvOutput.WriteRowAsync(writer, columns.Select(c => cells.GetValueOrDefault(c)), ct);
            if (++written % 10_000 == 0)
            {
                progress?.Report(new ImportProgress("Writing", written, count));
            }
        }

        return written;
    }

    public static async Task<TrafficPopulation> Population(OpenAeoDb db, string nodeEconomy, CancellationToken ct)
    {
        var operators = await db.Operators().AsNoTracking().ToListAsync(ct);
        var local = operators.Where(o => o.EconomyCode == nodeEconomy).ToList();
        List<Tin> With(OperatorRoles roles) => [.. local.Where(o => (o.Roles & roles) != 0).Select(o => o.Tin)];

        // Registered importers weigh by size (a large firm lodges far more than a small one, though not in proportion to
        // its staff); unregistered small firms, never AEOs, make up a fixed long tail of the traffic.
        var registered = local
            .Where(o => o.Roles.HasFlag(OperatorRoles.Importer))
            .Select(o => new Trader(o.Tin, Math.Pow(Math.Max(5, o.Employees ?? 20), 0.6)))
            .ToList();
        var tail = registered.Count == 0 ? 2 : registered.Sum(t => t.Weight) * UnregisteredShare / (1 - UnregisteredShare) / 400;
        var importers = registered
            .Concat(Enumerable.Range(1, 400).Select(i => new Trader(Tin.Parse($"{nodeEconomy}9{i:D6}").Value, tail)))
            .ToList();
        var replicated = await db.ReplicaEntries().AsNoTracking().Select(e => e.Tin).Distinct().OrderBy(t => t).Take(5_000).ToListAsync(ct);
        var consignors = operators
            .Where(o => o.EconomyCode != nodeEconomy && (o.Roles & (OperatorRoles.Exporter | OperatorRoles.Manufacturer)) != 0)
            .Select(o => o.Tin.Value)
            .Concat(replicated)
            .Distinct()
            .Select(t => Tin.Parse(t))
            .Where(t => t.IsOk && t.Value.Economy != nodeEconomy)
            .Select(t => t.Value)
            .ToList();
        var origins = (await db.EconomyCodesAsync(ct)).Where(e => e.Length == 2 && e != nodeEconomy).Order(StringComparer.Ordinal).ToList();
        var zone = await db.HomeZoneIdAsync(nodeEconomy, ct);
        var offices = Office.OfNode(nodeEconomy, zone);
        return new TrafficPopulation(
            nodeEconomy,
            importers,
            With(OperatorRoles.CustomsBroker),
            With(OperatorRoles.SeaCarrier | OperatorRoles.AirCarrier | OperatorRoles.RoadCarrier | OperatorRoles.Courier),
            With(OperatorRoles.FreightForwarder | OperatorRoles.LogisticsOperator),
            With(OperatorRoles.WarehouseOperator),
            consignors,
            origins,
            offices,
            await MerchantLinkPersistence.PlatformOfEachMerchant(db, ct)
        );
    }
}
