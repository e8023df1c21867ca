using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Clearance;

/// <param name="Weight">How much traffic the trader has relative to others (a few large importers lodge most declarations).</param>
public sealed record Trader(Tin Tin, double Weight = 1);

public sealed record Office(string Code, string TimeZone, IReadOnlyList<TransportMode> Modes)
{
    /// <summary>
    /// The customs offices of a node: two seaports, an airport, a land crossing and a postal centre, all on the
    /// programme's clock. Generated traffic uses them and the declaration form offers them, so a trader picks an
    /// office and never types its code or its time zone.
    /// </summary>
    public static IReadOnlyList<Office> OfNode(string economy, string zone) =>
        [
            new($"{economy}SEA1", zone, [TransportMode.Sea]),
            new($"{economy}SEA2", zone, [TransportMode.Sea]),
            new($"{economy}AIR1", zone, [TransportMode.Air, TransportMode.Express]),
            new($"{economy}LND1", zone, [TransportMode.Land]),
            new($"{economy}PST1", zone, [TransportMode.Post, TransportMode.Express]),
        ];
}

/// <summary>Who may appear in generated traffic: our registry's operators and partners' foreign consignors.</summary>
/// <param name="Reporter">The economy whose customs receives the declarations (the node's economy).</param>
/// <param name="Consignors">Foreign consignors known to us (from partner logs); the generator also invents unknown ones.</param>
/// <param name="PlatformOf">The e-commerce platform a merchant sells through: named on its e-commerce consignments (ADR 0043).</param>
public sealed record TrafficPopulation(
    string Reporter,
    IReadOnlyList<Trader> Importers,
    IReadOnlyList<Tin> Brokers,
    IReadOnlyList<Tin> Carriers,
    IReadOnlyList<Tin> Forwarders,
    IReadOnlyList<Tin> Warehouses,
    IReadOnlyList<Tin> Consignors,
    IReadOnlyList<string> Origins,
    IReadOnlyList<Office> Offices,
    IReadOnlyDictionary<Tin, Tin>? PlatformOf = null
);

/// <summary>A generated declaration with the times it arrived and was lodged.</summary>
public sealed record GeneratedDeclaration(DeclarationDetails Details, DateTimeOffset ArrivalAt, DateTimeOffset LodgedAt);

/// <summary>
/// Synthetic import traffic for demos, tests and benchmarks: realistic shares of modes, a skewed importer
/// population, origins weighted by their share of trade with consignors known from partners' logs among them,
/// HS codes including agency-controlled goods, low-value e-commerce by post and express, and lodgements mostly in
/// office hours on working days. The same seed gives the same traffic, declaration by declaration (each one has its
/// own generator seeded from the seed and its index, so a slice of a large run equals a small run).
/// </summary>
public static class TrafficGenerator
{
    private static readonly (TransportMode Mode, double Weight)[] ModeShares =
    [
        (TransportMode.Sea, 0.35),
        (TransportMode.Air, 0.30),
        (TransportMode.Express, 0.15),
        (TransportMode.Land, 0.10),
        (TransportMode.Post, 0.10),
    ];

    /// <summary>
    /// Rough shares of Asia-Pacific import trade by origin (ours, rounded from public trade statistics), so that traffic
    /// comes mostly from the large trading economies; an origin not listed weighs <see cref="OtherOrigin"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, double> OriginWeights { get; } =
        new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["CN"] = 20,
            ["JP"] = 11,
            ["US"] = 10,
            ["KR"] = 7,
            ["TW"] = 5,
            ["AU"] = 4,
            ["SG"] = 4,
            ["MY"] = 4,
            ["VN"] = 4,
            ["TH"] = 3,
            ["HK"] = 3,
            ["ID"] = 2,
            ["PH"] = 2,
            ["MX"] = 1.5,
            ["CA"] = 1.5,
            ["NZ"] = 1,
            ["CL"] = 1,
            ["RU"] = 1,
            ["BR"] = 1,
            ["PE"] = 0.5,
        };

    public const double OtherOrigin = 0.3;

    /// <summary>The share of declarations from an origin whose consignor is one of the firms known there (from partners' logs or the
    /// registry).</summary>
    public const double KnownConsignorShare = 0.55;

    /// <summary>A catalogue of common HS codes (six digits) with rough shares of trade; food, plants and medicines are agency-controlled in
    /// the demo.</summary>
    public static IReadOnlyList<(string Code, string Description, double Weight)> Catalogue { get; } =
    [
        ("847130", "Portable computers", 8),
        ("851762", "Network equipment", 7),
        ("854231", "Processors", 6),
        ("870323", "Passenger cars", 4),
        ("870899", "Vehicle parts", 6),
        ("610910", "Cotton T-shirts", 6),
        ("640399", "Leather footwear", 3),
        ("950300", "Toys", 4),
        ("392690", "Plastic articles", 5),
        ("731815", "Screws and bolts", 4),
        ("848180", "Valves and taps", 4),
        ("940360", "Wooden furniture", 3),
        ("290511", "Methanol", 2),
        ("380894", "Disinfectants", 2),
        ("300490", "Medicaments", 4),
        ("330499", "Cosmetics", 3),
        ("020130", "Fresh beef", 2),
        ("030617", "Frozen shrimp", 2),
        ("080810", "Apples", 2),
        ("060290", "Live plants", 1),
        ("220421", "Wine", 2),
        ("090121", "Roasted coffee", 2),
        ("710813", "Gold, semi-manufactured", 1),
        ("930630", "Cartridges", 0.3),
    ];

    public static IEnumerable<GeneratedDeclaration> Generate(
        TrafficPopulation population,
        long seed,
        int count,
        DateTimeOffset from,
        DateTimeOffset to
    ) => Generate(population, seed, count, from, to, $"G{seed}-");

    /// <param name="referencePrefix">Starts every reference (<c>G7-00000001</c>), so that traffic generated for different purposes never
    /// shares an id.</param>
    public static IEnumerable<GeneratedDeclaration> Generate(
        TrafficPopulation population,
        long seed,
        int count,
        DateTimeOffset from,
        DateTimeOffset to,
        string referencePrefix
    )
    {
        if (population.Importers.Count == 0 || population.Offices.Count == 0 || population.Origins.Count == 0)
        {
            throw new ArgumentException("Traffic needs at least one importer, one office and one origin economy.", nameof(population));
        }

        var importerWeights = Cumulative(population.Importers.Select(i => i.Weight));
        var modeWeights = Cumulative(ModeShares.Select(m => m.Weight));
        var hsWeights = Cumulative(Catalogue.Select(c => c.Weight));
        var originWeights = Cumulative(population.Origins.Select(o => OriginWeights.GetValueOrDefault(o, OtherOrigin)));
        var known = population.Consignors.GroupBy(c => c.Economy).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var zones = population
            .Offices.Select(o => o.TimeZone)
            .Distinct()
            .ToDictionary(z => z, z => TimeZones.Find(z) ?? TimeZoneInfo.Utc, StringComparer.Ordinal);
        var span = (to - from).Ticks;
        for (var i = 0; i < count; i++)
        {
            var rng = new Random(
                unchecked(
                    (int)(Draw.Uniform(seed, i.ToString(System.Globalization.CultureInfo.InvariantCulture), "traffic") * int.MaxValue)
                )
            );
            var mode = ModeShares[Pick(modeWeights, rng)].Mode;
            var offices = population.Offices.Where(o => o.Modes.Contains(mode)).ToList();
            var office = offices.Count > 0 ? offices[rng.Next(offices.Count)] : population.Offices[rng.Next(population.Offices.Count)];
            var importer = population.Importers[Pick(importerWeights, rng)].Tin;

            // Origins by their weight in trade; from an origin with firms known to us, most consignors are one of those.
            var origin = population.Origins[Pick(originWeights, rng)];
            var consignor =
                known.TryGetValue(origin, out var firms) && rng.NextDouble() < KnownConsignorShare
                    ? firms[rng.Next(firms.Count)]
                    : Tin.Parse(origin + "X" + rng.Next(1, 20_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Value;

            var parties = new List<DeclarationParty> { new(PartyRole.Importer, importer), new(PartyRole.Consignor, consignor) };
            AddSometimes(parties, PartyRole.CustomsBroker, population.Brokers, 0.6, rng);
            AddSometimes(parties, PartyRole.Carrier, population.Carriers, 0.9, rng);
            AddSometimes(parties, PartyRole.FreightForwarder, population.Forwarders, 0.4, rng);
            AddSometimes(parties, PartyRole.Warehouse, population.Warehouses, 0.2, rng);

            var ecommerce = mode is TransportMode.Post or TransportMode.Express && rng.NextDouble() < 0.7;
            if (ecommerce && population.PlatformOf is { } platforms && platforms.TryGetValue(importer, out var platform))
            {
                parties.Add(new DeclarationParty(PartyRole.EcommercePlatform, platform));
            }

            var itemCount = ecommerce ? 1 : 1 + (int)Math.Floor(-Math.Log(1 - rng.NextDouble()) * 1.2);
            var items = new List<DeclarationItem>(Math.Min(itemCount, 8));
            for (var line = 1; line <= Math.Min(itemCount, 8); line++)
            {
                var hs = Catalogue[Pick(hsWeights, rng)];
                var value = ecommerce
                    ? Math.Round((decimal)(20 + rng.NextDouble() * 700), 2)
                    : Math.Round((decimal)Math.Exp(7 + rng.NextDouble() * 5), 2);
                items.Add(
                    new DeclarationItem(
                        line,
                        hs.Code + (rng.Next(10) * 10).ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
                        value,
                        hs.Description
                    )
                );
            }

            var lodged = LodgementTime(from, span, zones[office.TimeZone], rng);

            // Sea cargo is often declared before it arrives (pre-arrival processing); air and land on arrival.
            var arrivalGap = mode switch
            {
                TransportMode.Sea => TimeSpan.FromHours(-48 + rng.NextDouble() * 72),
                TransportMode.Land => TimeSpan.FromMinutes(rng.NextDouble() * 90),
                _ => TimeSpan.FromHours(rng.NextDouble() * 12),
            };
            var arrival = lodged - TimeSpan.FromSeconds(Math.Round(arrivalGap.TotalSeconds));
            var details = new DeclarationDetails(
                $"{referencePrefix}{i + 1:D8}",
                DeclarationType.Import,
                mode,
                origin,
                population.Reporter,
                office.Code,
                office.TimeZone,
                parties,
                items,
                items.Sum(x => x.CustomsValue),
                ecommerce
            );
            yield return new GeneratedDeclaration(details, arrival, lodged);
        }
    }

    /// <summary>
    /// A lodgement instant in [from, from + span), whole seconds, mostly in the office's working hours on working days:
    /// declarants work office hours, and a few lodge at night or at the weekend (express and e-commerce brokers).
    /// </summary>
    private static DateTimeOffset LodgementTime(DateTimeOffset from, long span, TimeZoneInfo zone, Random rng)
    {
        var at = from;
        for (var attempt = 0; attempt < 32; attempt++)
        {
            at = from + TimeSpan.FromTicks((long)(rng.NextDouble() * span));
            var local = TimeZoneInfo.ConvertTime(at, zone);
            var day = local.DayOfWeek switch
            {
                DayOfWeek.Saturday => 0.35,
                DayOfWeek.Sunday => 0.2,
                _ => 1.0,
            };
            var hour = local.Hour switch
            {
                >= 8 and < 18 => 1.0,
                >= 6 and < 22 => 0.35,
                _ => 0.08,
            };
            if (rng.NextDouble() < day * hour)
            {
                break;
            }
        }

        return new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    /// <summary>
    /// Plausible milestone times after lodgement for a decided lane, for demo data a study can run on: a paper review
    /// takes hours, a cargo examination needs an appointment, a permit a day or two (faster for AEOs an agency
    /// favours), delivery follows release. Times are reproducible from the seed and the reference.
    /// </summary>
    public static IReadOnlyList<(Milestone Milestone, DateTimeOffset At)> Processing(
        string reference,
        long seed,
        TransportMode mode,
        DateTimeOffset arrival,
        DateTimeOffset lodged,
        LaneDecision decision,
        bool principalIsAeo
    )
    {
        var rng = new Random(unchecked((int)(Draw.Uniform(seed, reference, "processing") * int.MaxValue)));
        TimeSpan Hours(double low, double high) => TimeSpan.FromSeconds(Math.Round((low + (high - low) * rng.NextDouble()) * 3600));
        var slow = mode == TransportMode.Sea ? 1.5 : 1.0;
        var events = new List<(Milestone, DateTimeOffset)> { (Milestone.Arrival, arrival), (Milestone.Lodged, lodged) };
        var registered = lodged + Hours(0.01, 0.2);
        events.Add((Milestone.Registered, registered));
        events.Add((Milestone.LaneAssigned, registered));
        var ready = registered;
        foreach (var agency in decision.Agencies.Where(a => a.PermitRequired))
        {
            events.Add((Milestone.OgaPermitRequested, registered));
            var granted = registered + Hours(2, principalIsAeo ? 20 : 40);
            events.Add((Milestone.OgaPermitGranted, granted));
            ready = granted > ready ? granted : ready;
        }

        var cleared = registered;
        if (decision.Lane >= Lane.Yellow)
        {
            var start = registered + Hours(0.5, 6 * slow);
            var end = start + Hours(0.3, 3);
            events.Add((Milestone.DocumentaryCheckStarted, start));
            events.Add((Milestone.DocumentaryCheckEnded, end));
            cleared = end;
        }

        if (decision.Lane == Lane.Red)
        {
            var start = cleared + Hours(3, 36 * slow);
            var end = start + Hours(1, 6);
            events.Add((Milestone.ExaminationStarted, start));
            events.Add((Milestone.ExaminationEnded, end));
            cleared = end;
        }

        var released = (cleared > ready ? cleared : ready) + Hours(0.02, 0.5);
        events.Add((Milestone.Released, released));
        var releaseAfterArrival = released > arrival ? released : arrival;
        events.Add((Milestone.Delivered, releaseAfterArrival + Hours(1, 48 * slow)));
        return events;
    }

    private static void AddSometimes(List<DeclarationParty> parties, PartyRole role, IReadOnlyList<Tin> pool, double share, Random rng)
    {
        if (pool.Count > 0 && rng.NextDouble() < share)
        {
            parties.Add(new DeclarationParty(role, pool[rng.Next(pool.Count)]));
        }
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var total = 0.0;
        return [.. weights.Select(w => total += w)];
    }

    private static int Pick(double[] cumulative, Random rng)
    {
        var x = rng.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return Math.Min(i < 0 ? ~i : i + 1, cumulative.Length - 1);
    }
}

/// <summary>Lane shares of a set of decisions, overall and for the groups the report cares about.</summary>
public sealed record LaneShares(int Count, double Green, double Blue, double Yellow, double Red)
{
    public static LaneShares Of(IEnumerable<Lane> lanes)
    {
        int n = 0,
            g = 0,
            b = 0,
            y = 0,
            r = 0;
        foreach (var lane in lanes)
        {
            n++;
            switch (lane)
            {
                case Lane.Green:
                    g++;
                    break;
                case Lane.Blue:
                    b++;
                    break;
                case Lane.Yellow:
                    y++;
                    break;
                default:
                    r++;
                    break;
            }
        }

        double Share(int k) => n == 0 ? 0 : (double)k / n;
        return new LaneShares(n, Share(g), Share(b), Share(y), Share(r));
    }
}
