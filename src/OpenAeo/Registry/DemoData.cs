using System.Globalization;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Cli;
using OpenAeo.Platform.Files;

namespace OpenAeo.Registry;

/// <summary>
/// The demo's administration: Chinese Taipei's customs, which moved its registry and AEO register onto OpenAeo about
/// nineteen months before "now" (<see cref="GoLive"/>). Its operators are of every size and role, most of them SMEs as
/// in the report; one account per role signs in to it. The cast is generated from a fixed seed, so every run tells the
/// same story, with every date relative to the clock it is given.
/// </summary>
internal static class DemoData
{
    /// <summary>The economy whose programme the demo tells the story of.</summary>
    public const string Economy = "TW";

    /// <summary>What a part of the certification story says on a node that certifies for another economy (the story is
    /// <see cref="Economy"/>'s programme), or null on the story's own node.</summary>
    public static string? Elsewhere(string node, string part, string notAdded) =>
        node == Economy
            ? null
            : $"{part}: the demo tells the story of {Economy}'s programme and this node certifies for {node}; {notAdded}";

    /// <summary>The programme office's time zone: the story's days and office hours are days and hours there.</summary>
    public const string TimeZone = "Asia/Taipei";

    /// <summary>Every random choice of the story comes from this seed.</summary>
    public const int RandomSeed = 2026;

    /// <summary>How many days before "now" OpenAeo went live (the registry and the existing register were imported).</summary>
    public const int GoLiveDaysAgo = 570;

    /// <summary>How many generated operators of Chinese Taipei join the named ones.</summary>
    public const int GeneratedOperators = 290;

    public sealed record DemoAccount(
        string Name,
        Role Role,
        string? Operator,
        string? PartnerEconomy,
        string Description,
        string? Agency = null
    );

    public static readonly DemoAccount[] AccountsList =
    [
        new("admin", Role.Admin, null, null, "administrator"),
        new("officer", Role.ProgrammeOfficer, null, null, "AEO programme officer"),
        new("manager", Role.AccountManager, null, null, "account manager"),
        new("manager2", Role.AccountManager, null, null, "account manager (SME desk)"),
        new("manager3", Role.AccountManager, null, null, "account manager (logistics operators)"),
        new("border", Role.BorderOfficer, null, null, "border / risk officer"),
        new("oga", Role.OgaOfficer, null, null, "agency officer (Food and Drug Administration)", "FDA"),
        new("analyst", Role.Analyst, null, null, "analyst (TRS, KPIs)"),
        new("trader", Role.Trader, "TW00000001", null, "trader for Formosa Precision Tools (an SME AEO, Chinese Taipei)"),
        new("trader2", Role.Trader, "TW00000002", null, "trader for Taipei Semiconductor Works (large, Chinese Taipei)"),
        new("trader3", Role.Trader, "TW00000005", null, "trader for Hsinchu Micro Optics (an SME applying, Chinese Taipei)"),
    ];

    /// <summary>The operators the README, the accounts and the tests name; the foreign ones are known trading partners.</summary>
    public static readonly OperatorRequest[] Named =
    [
        new(
            "TW00000001",
            "Formosa Precision Tools Co., Ltd.",
            "TW",
            ["Importer", "Exporter", "Manufacturer"],
            48,
            9_500_000m,
            "Machine tools",
            true,
            null
        ),
        new(
            "TW00000002",
            "Taipei Semiconductor Works Corp.",
            "TW",
            ["Importer", "Exporter", "Manufacturer"],
            5200,
            2_300_000_000m,
            "Semiconductors",
            true,
            null
        ),
        new("TW00000003", "Keelung Harbour Customs Brokerage", "TW", ["CustomsBroker"], 35, 1_200_000m, "Customs brokerage", true, null),
        new(
            "TW00000004",
            "Kaohsiung Cold Chain Logistics",
            "TW",
            ["WarehouseOperator", "FreightForwarder"],
            160,
            40_000_000m,
            "Logistics",
            false,
            null
        ),
        new(
            "TW00000005",
            "Hsinchu Micro Optics Co., Ltd.",
            "TW",
            ["Importer", "Manufacturer"],
            62,
            14_000_000m,
            "Optical components",
            true,
            null
        ),
        new("JP1000000001", "Osaka Fine Ceramics K.K.", "JP", ["Exporter", "Manufacturer"], 210, 30_000_000m, "Ceramics", true, null),
        new(
            "JP1000000002",
            "Yokohama Forwarding K.K.",
            "JP",
            ["FreightForwarder", "CustomsBroker"],
            900,
            120_000_000m,
            "Logistics",
            true,
            null
        ),
        new("KR1234567890", "Busan Marine Parts Co.", "KR", ["Exporter"], 75, 12_000_000m, "Marine equipment", true, null),
        new("AU51824753556", "Southern Cross Wines Pty Ltd", "AU", ["Exporter"], 18, 4_000_000m, "Wine", true, null),
        new("NZ9429041234567", "Kiwi Orchard Exports Ltd", "NZ", ["Exporter"], 12, 2_500_000m, "Fruit", true, null),
        new(
            "US123456789",
            "Great Lakes Auto Components Inc.",
            "US",
            ["Importer", "Manufacturer"],
            3100,
            900_000_000m,
            "Automotive",
            true,
            null
        ),
        new(
            "MXABC010101AB1",
            "Maquiladora del Norte S.A. de C.V.",
            "MX",
            ["Importer", "Exporter", "Manufacturer"],
            650,
            75_000_000m,
            "Electronics assembly",
            true,
            null
        ),
        new(
            "SG201912345K",
            "Lion City E-Commerce Pte Ltd",
            "SG",
            ["EcommercePlatform", "Importer"],
            95,
            20_000_000m,
            "E-commerce",
            false,
            null
        ),
        new(
            "CN913100001234567",
            "Shanghai Textile Export Co.",
            "CN",
            ["Exporter", "Manufacturer"],
            850,
            60_000_000m,
            "Textiles",
            true,
            null
        ),
        new("PE20123456789", "Andes Coffee Cooperative", "PE", ["Exporter"], 40, 3_000_000m, "Coffee", true, null),
    ];

    /// <summary>Every demo operator: the named ones, then the generated population of Chinese Taipei.</summary>
    public static OperatorRequest[] Operators => Cast.Value;

    private static readonly Lazy<OperatorRequest[]> Cast = new(() => [.. Named, .. Generate(GeneratedOperators, RandomSeed)]);

    /// <summary>The day OpenAeo went live: the first working day (Monday to Friday) from <see cref="GoLiveDaysAgo"/> days before now, at
    /// 09:00 local time.</summary>
    public static DateTimeOffset GoLive(DateTimeOffset now)
    {
        var day = LocalDay(now).AddDays(-GoLiveDaysAgo);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return LocalTime(day, 9);
    }

    public static DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    /// <summary>The instant of a local time of the programme office on <paramref name="day"/>.</summary>
    public static DateTimeOffset LocalTime(DateOnly day, int hour, int minute = 0)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>
    /// Adds what is missing: the operators as the registry the administration imported when it went live, and the
    /// accounts; returns the accounts created (so their credentials can be printed once).
    /// </summary>
    public static async Task<IReadOnlyList<DemoAccount>> Seed(OpenAeoDb db, TimeProvider clock, string password, CancellationToken ct)
    {
        var story = new DemoClock(GoLive(clock.GetUtcNow()));
        var present = (await db.Operators().AsNoTracking().Select(o => o.Tin).ToListAsync(ct))
            .Select(t => t.Value)
            .ToHashSet(StringComparer.Ordinal);
        var missing = Operators.Where(o => !present.Contains(o.Tin!)).ToList();
        if (missing.Count > 0)
        {
            var csv = new StringWriter(CultureInfo.InvariantCulture);
            csv.Write(CsvOutput.Line([.. ImportOperators.Required, .. ImportOperators.Optional]));
            foreach (var o in missing)
            {
                csv.Write(
                    CsvOutput.Line([
                        o.Tin,
                        o.LegalName,
                        o.Economy,
                        string.Join(';', o.Roles ?? []),
                        o.Employees?.ToString(CultureInfo.InvariantCulture),
                        o.Turnover?.ToString(CultureInfo.InvariantCulture),
                        o.Sector,
                        o.ConsentToExchange == true ? "true" : "false",
                    ])
                );
            }

            using var input = CsvInput.Open(
                "registry-at-go-live.csv",
                new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv.ToString()))
            );
            await ImportOperators.Run(input, Actor.System, db, story, null, ct);
        }

        var created = new List<DemoAccount>();
        foreach (var account in AccountsList)
        {
            if (await db.Users().AnyAsync(u => u.Name == account.Name, ct))
            {
                continue;
            }

            var outcome = await AddUser.Execute(
                new AddUserRequest(
                    account.Name,
                    account.Description,
                    account.Role.ToString(),
                    account.Operator,
                    account.PartnerEconomy,
                    password,
                    false,
                    "demo data",
                    account.Agency
                ),
                Actor.System,
                db,
                story,
                ct
            );
            if (!outcome.IsOk)
            {
                throw new InvalidOperationException($"Demo account {account.Name}: {outcome.Errors[0].Message}");
            }

            created.Add(account);
        }

        return created;
    }

    /// <summary>A kind of business: its roles, the words its names are made of, what it trades and how big such firms tend to be.</summary>
    /// <param name="Sizes">Shares of micro (1–9 employees), small (10–49), medium (50–199) and large firms.</param>
    private sealed record Kind(
        string Name,
        double Weight,
        Func<Random, OperatorRoles> Roles,
        string[] Words,
        string[] Sectors,
        double[] Sizes
    );

    private static OperatorRoles Maybe(Random rng, double share, OperatorRoles roles) =>
        rng.NextDouble() < share ? roles : OperatorRoles.None;

    private static readonly Kind[] Kinds =
    [
        new(
            "trader",
            34,
            r => OperatorRoles.Importer | Maybe(r, 0.5, OperatorRoles.Exporter),
            ["Trading", "International Trading", "Import & Export", "Commerce", "Enterprise"],
            [
                "Electronic components",
                "Food and beverages",
                "Cosmetics",
                "Auto parts",
                "Medical devices",
                "Chemicals",
                "Furniture",
                "Apparel",
                "Toys",
                "Wine and spirits",
                "Household goods",
            ],
            [0.28, 0.46, 0.19, 0.07]
        ),
        new(
            "maker",
            30,
            r => OperatorRoles.Exporter | OperatorRoles.Manufacturer | Maybe(r, 0.7, OperatorRoles.Importer),
            [
                "Precision Machinery",
                "Electronics",
                "Optoelectronics",
                "Plastics",
                "Textile",
                "Bicycle Components",
                "Fasteners",
                "Semiconductor Materials",
                "Food Industries",
                "Biotech",
                "Hand Tools",
                "Lighting",
                "Circuit Boards",
                "Motor Parts",
                "Valves",
            ],
            [
                "Machinery",
                "Electronics",
                "Optoelectronics",
                "Plastics",
                "Textiles",
                "Bicycles",
                "Fasteners",
                "Semiconductors",
                "Food processing",
                "Pharmaceuticals",
                "Hand tools",
                "Lighting",
                "Printed circuit boards",
                "Vehicle parts",
                "Valves",
            ],
            [0.10, 0.38, 0.32, 0.20]
        ),
        new(
            "broker",
            10,
            _ => OperatorRoles.CustomsBroker,
            ["Customs Brokerage", "Customs Services", "Customs Agency"],
            ["Customs brokerage"],
            [0.34, 0.50, 0.14, 0.02]
        ),
        new(
            "forwarder",
            8,
            r =>
                OperatorRoles.FreightForwarder
                | Maybe(r, 0.4, OperatorRoles.LogisticsOperator)
                | Maybe(r, 0.3, OperatorRoles.CustomsBroker),
            ["Freight Forwarding", "Global Logistics", "Shipping & Forwarding", "Cargo Services"],
            ["Freight forwarding"],
            [0.15, 0.45, 0.28, 0.12]
        ),
        new(
            "road",
            4,
            _ => OperatorRoles.RoadCarrier,
            ["Transport", "Trucking", "Container Transport"],
            ["Road haulage"],
            [0.20, 0.50, 0.25, 0.05]
        ),
        new(
            "sea",
            1.5,
            r => OperatorRoles.SeaCarrier | Maybe(r, 0.5, OperatorRoles.ShippingAgent),
            ["Marine", "Navigation", "Shipping Lines"],
            ["Shipping"],
            [0, 0.10, 0.40, 0.50]
        ),
        new(
            "agent",
            1.5,
            _ => OperatorRoles.ShippingAgent,
            ["Shipping Agency", "Maritime Agency"],
            ["Shipping agency"],
            [0.30, 0.50, 0.20, 0]
        ),
        new("air", 0.7, _ => OperatorRoles.AirCarrier, ["Air Cargo", "Airways Cargo"], ["Air cargo"], [0, 0, 0.30, 0.70]),
        new(
            "handler",
            0.7,
            _ => OperatorRoles.GroundHandler,
            ["Air Cargo Terminal", "Ground Services"],
            ["Ground handling"],
            [0, 0.20, 0.40, 0.40]
        ),
        new(
            "warehouse",
            4,
            r => OperatorRoles.WarehouseOperator | Maybe(r, 0.3, OperatorRoles.LogisticsOperator),
            ["Bonded Warehouse", "Cold Storage", "Warehousing"],
            ["Warehousing"],
            [0.10, 0.45, 0.35, 0.10]
        ),
        new("courier", 1.5, _ => OperatorRoles.Courier, ["Express", "Courier Services"], ["Express delivery"], [0.20, 0.40, 0.30, 0.10]),
        new(
            "ecommerce",
            3,
            r => OperatorRoles.Importer | (r.NextDouble() < 0.4 ? OperatorRoles.EcommercePlatform : OperatorRoles.EcommerceMerchant),
            ["Online", "E-Shop", "Digital Commerce"],
            ["E-commerce"],
            [0.30, 0.40, 0.20, 0.10]
        ),
        new(
            "terminal",
            0.6,
            _ => OperatorRoles.TerminalOperator,
            ["Container Terminal", "Port Services"],
            ["Port terminals"],
            [0, 0, 0.40, 0.60]
        ),
        new(
            "logistics",
            2,
            _ => OperatorRoles.LogisticsOperator,
            ["Supply Chain Solutions", "Logistics"],
            ["Logistics"],
            [0.10, 0.40, 0.35, 0.15]
        ),
    ];

    private static readonly string[] Places =
    [
        "Taipei",
        "Keelung",
        "Taoyuan",
        "Hsinchu",
        "Miaoli",
        "Taichung",
        "Changhua",
        "Nantou",
        "Yunlin",
        "Chiayi",
        "Tainan",
        "Kaohsiung",
        "Pingtung",
        "Yilan",
        "Hualien",
        "Taitung",
        "Penghu",
        "Kinmen",
        "Zhubei",
        "Banqiao",
        "Tamsui",
        "Lukang",
        "Douliu",
        "Puli",
        "Fengyuan",
        "Zhongli",
        "Linkou",
        "Neihu",
        "Sanchong",
        "Tucheng",
        "Yingge",
        "Sanxia",
        "Alishan",
        "Yushan",
        "Jade Mountain",
        "Sun Moon",
        "Orchid Island",
        "Camphor",
        "Ilha",
        "Oolong",
    ];

    /// <summary>The generated operators of Chinese Taipei: every kind once, then kinds by weight; sizes by kind.</summary>
    private static List<OperatorRequest> Generate(int count, int seed)
    {
        var rng = new Random(seed);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var total = Kinds.Sum(k => k.Weight);
        var list = new List<OperatorRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = i < Kinds.Length ? Kinds[i] : Pick(rng, total);
            var size = Choose(rng, kind.Sizes);
            var employees = size switch
            {
                0 => rng.Next(2, 10),
                1 => rng.Next(10, 50),
                2 => rng.Next(50, 200),
                _ => (int)Math.Round(200 * Math.Exp(rng.NextDouble() * 3.4)),
            };
            int word;
            string name;
            do
            {
                word = rng.Next(kind.Words.Length);
                var suffix = size == 3 && rng.NextDouble() < 0.5 ? "Corp." : "Co., Ltd.";
                name = $"{Places[rng.Next(Places.Length)]} {kind.Words[word]} {suffix}";
            } while (!names.Add(name));

            // Makers trade in what their name says; the others' sectors are drawn.
            var sector = kind.Sectors.Length == kind.Words.Length ? kind.Sectors[word] : kind.Sectors[rng.Next(kind.Sectors.Length)];
            var roles = kind.Roles(rng);
            var turnover = Math.Round(employees * (decimal)(120 + rng.NextDouble() * 280)) * 1_000;
            // A permutation of eight-digit numbers: unique, and never one of the named operators' TW0000000n.
            var tin = $"TW{(31_000_000L + (long)i * 104_729) % 90_000_000 + 10_000_000}";
            list.Add(
                new OperatorRequest(
                    tin,
                    name,
                    "TW",
                    OperatorRoleNames.Split(roles).Select(r => r.ToString()).ToList(),
                    employees,
                    turnover,
                    sector,
                    rng.NextDouble() < 0.88,
                    null
                )
            );
        }

        return list;
    }

    private static Kind Pick(Random rng, double total)
    {
        var x = rng.NextDouble() * total;
        foreach (var kind in Kinds)
        {
            x -= kind.Weight;
            if (x < 0)
            {
                return kind;
            }
        }

        return Kinds[^1];
    }

    private static int Choose(Random rng, double[] shares)
    {
        var x = rng.NextDouble() * shares.Sum();
        for (var i = 0; i < shares.Length; i++)
        {
            x -= shares[i];
            if (x < 0)
            {
                return i;
            }
        }

        return shares.Length - 1;
    }
}
