using OpenAeo.Certification;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Cli;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>
/// Clearance in the demo: agencies with their AEO benefits and controls, a baseline rule set, twelve months of traffic
/// drawn from the registry (imported through the same path as a real file, each lane decided at its lodgement) and a
/// few declarations lodged now so the queues have work. Selectivity started as a copy of the legacy system, which gave
/// an AEO importer no credit for its own status; <see cref="CreditsSwitchedOnDaysAgo"/> days ago the risk office switched
/// the AEO importer credit on, through the same use case as the page: the before and after a study of OpenAeo's own
/// data splits at.
/// </summary>
internal sealed class ClearanceDemoSeeder : IDemoSeeder
{
    public int Order => 40;

    /// <summary>Twelve months of traffic.</summary>
    public const int DemoDeclarations = 18_000;

    /// <summary>About six months before now (then the next Monday) the AEO importer credit took effect.</summary>
    public const int CreditsSwitchedOnDaysAgo = 182;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct)
    {
        var db = services.GetRequiredService<OpenAeoDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var identity = services.GetRequiredService<NodeIdentity>();
        var node = identity.Economy;
        var now = clock.GetUtcNow();
        var lines = new List<string>();

        // Each part checks for itself, so a seeding interrupted between parts completes on the next run.
        if (!await db.Agencies().AnyAsync(ct))
        {
            await SeedReferenceAsync(db, now, ct, LegacyProfile(now));
            lines.Add($"Clearance: {await db.Agencies().CountAsync(ct)} agencies, {await db.RiskRules().CountAsync(ct)} risk rules.");
        }

        if (node != DemoData.Economy)
        {
            lines.Add($"Clearance: the demo's traffic is {DemoData.Economy}'s and this node is {node}; no demo declarations were added.");
            return lines;
        }

        var switchedOn = CreditsSwitchedOn(now);
        if (!await db.SelectivityProfiles().AnyAsync(p => p.Version > 1, ct))
        {
            var d = SelectivityProfile.Default;
            var story = new DemoClock(DemoData.LocalTime(switchedOn, 10));
            var saved = await SaveSelectivityProfile.Execute(
                new ProfileSettings(
                    d.YellowFrom,
                    d.RedFrom,
                    d.PrincipalAeoCredit,
                    d.PartyAeoCredit,
                    d.MraCredit,
                    d.AllAeoChainCredit,
                    d.OgaCredit,
                    d.RandomRate,
                    d.RandomLane.ToString(),
                    null,
                    null,
                    null,
                    null,
                    switchedOn
                ),
                new Actor("border", Role.BorderOfficer, null, null),
                db,
                node,
                story,
                ct
            );
            if (!saved.IsOk)
            {
                throw new InvalidOperationException($"Demo selectivity profile: {saved.Errors[0].Message}");
            }

            lines.Add(
                $"Clearance: the AEO importer credit in force from {switchedOn:yyyy-MM-dd} (selectivity profile "
                    + $"version {saved.Value!.Version})."
            );
        }

        if (!await db.Declarations().AnyAsync(d => d.Reference.StartsWith(GenerateDeclarations.DemoPrefix), ct))
        {
            // Days as `declarations generate` counts them (UTC), so nothing is lodged after now whatever the hour.
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var file = Path.GetTempFileName();
            try
            {
                await GenerateDeclarations.Execute(
                    db,
                    node,
                    DemoDeclarations,
                    DemoData.RandomSeed,
                    today.AddDays(-365),
                    today.AddDays(-1),
                    file,
                    clock,
                    GenerateDeclarations.DemoPrefix,
                    null,
                    ct
                );
                var result = await ImportDeclarations.Run(
                    file,
                    "demo-traffic.csv",
                    Actor.System,
                    db,
                    services.GetRequiredService<AnalyticsDatabase>(),
                    node,
                    clock,
                    null,
                    ct
                );
                lines.Add(
                    $"Clearance: {result.Rows} declarations of the past twelve months (Green {result.Green}, "
                        + $"Yellow {result.Yellow}, Red {result.Red})."
                );
            }
            finally
            {
                File.Delete(file);
            }
        }

        if (!await db.Declarations().AnyAsync(d => d.LodgedAt > now.AddHours(-2), ct))
        {
            var live = 0;
            foreach (var g in TrafficGenerator.Generate(await GenerateDeclarations.Population(db, node, ct), 8, 24, now.AddHours(-1), now))
            {
                var body = Lodged(g);
                live += (
                    await SubmitDeclaration.Execute(
                        body,
                        new Actor("border", Role.BorderOfficer, null, null),
                        db,
                        identity,
                        services.GetRequiredService<SelectivityCache>(),
                        services.GetRequiredService<DeclarationNumbers>(),
                        clock,
                        null,
                        ct
                    )
                ).IsOk
                    ? 1
                    : 0;
            }

            lines.Add($"Clearance: {live} declarations lodged now, waiting in the queues.");
        }

        if (
            await ExaminationDiscrepancy(
                db,
                identity,
                services.GetRequiredService<SelectivityCache>(),
                services.GetRequiredService<DeclarationNumbers>(),
                clock,
                now,
                ct
            ) is
            { } examined
        )
        {
            lines.Add(examined);
        }

        return lines.Count == 0 ? ["Clearance: demo agencies, rules and declarations exist already."] : lines;
    }

    /// <summary>
    /// An AEO importer's consignment sent to the Red lane (ammunition parts, a rule no credit lowers) and examined this
    /// morning with a discrepancy: its certificate is due for reassessment (ADR 0040), through the same use case as at the border.
    /// </summary>
    private static async Task<string?> ExaminationDiscrepancy(
        OpenAeoDb db,
        NodeIdentity node,
        SelectivityCache selectivity,
        DeclarationNumbers numbers,
        TimeProvider clock,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        const string Found = "Two cartons of rifle cartridges not on the declaration; the declared quantity is short by 400 units.";
        if (await db.DeclarationEvents().AnyAsync(e => e.Note == "Discrepancy: " + Found, ct))
        {
            return null;
        }

        var holders = await db.Certificates()
            .Where(c => c.Status == Domain.Certification.CertificateStatus.Active && c.ValidUntil == null)
            .OrderBy(c => c.Number)
            .Select(c => c.OperatorTin)
            .ToListAsync(ct);
        var generated = TrafficGenerator
            .Generate(
                await GenerateDeclarations.Population(db, node.Economy, ct),
                DemoData.RandomSeed + 77,
                20,
                now.AddHours(-3),
                now.AddHours(-2)
            )
            .FirstOrDefault(g => g.Details.Parties.Any(p => p.Role == PartyRole.Importer));
        if (holders.Count == 0 || generated is null)
        {
            return null;
        }

        var holder = holders.Contains(Tin.FromTrusted("TW00000001")) ? "TW00000001" : holders[0].Value;
        var border = new Actor("border", Role.BorderOfficer, null, null);
        var body = Lodged(generated) with
        {
            Parties =
            [
                .. generated.Details.Parties.Select(p => new DeclaredParty(
                    p.Role.ToString(),
                    p.Role == PartyRole.Importer ? holder : p.Tin.Value
                )),
            ],
            Items = [new DeclaredItem("930630", 18_400m, "Cartridges for sporting rifles")],
            CustomsValue = 18_400m,
            LowValueEcommerce = false,
        };
        var lodged = await SubmitDeclaration.Execute(body, border, db, node, selectivity, numbers, clock, null, ct);
        if (!lodged.IsOk || lodged.Value!.Lane != nameof(Lane.Red))
        {
            return null;
        }

        foreach (
            var step in new[]
            {
                new DeclarationAction(nameof(ClearanceAction.StartExamination), null, null),
                new DeclarationAction(nameof(ClearanceAction.EndExamination), "Discrepancy", Found),
            }
        )
        {
            var done = await ProgressDeclaration.Execute(lodged.Value.Id, step, border, db, clock, ct);
            if (!done.IsOk)
            {
                throw new InvalidOperationException($"Demo examination: {done.Errors[0].Message}");
            }
        }

        return $"Clearance: declaration {lodged.Value.Reference} of AEO importer {holder} examined in the Red lane with a "
            + "discrepancy; its certificate is due for reassessment.";
    }

    /// <summary>A generated declaration as a declarant lodges it.</summary>
    private static NewDeclaration Lodged(GeneratedDeclaration g)
    {
        var d = g.Details;
        return new NewDeclaration(
            null,
            d.Type.ToString(),
            d.Mode.ToString(),
            d.OriginEconomy,
            d.DestinationEconomy,
            d.Office,
            d.OfficeTimeZone,
            [.. d.Parties.Select(p => new DeclaredParty(p.Role.ToString(), p.Tin.Value))],
            [.. d.Items.Select(i => new DeclaredItem(i.HsCode, i.CustomsValue, i.Description))],
            d.CustomsValue,
            d.LowValueEcommerce,
            g.ArrivalAt
        );
    }

    /// <summary>The day the AEO importer credit took effect: the first Monday from <see cref="CreditsSwitchedOnDaysAgo"/> days before
    /// now.</summary>
    public static DateOnly CreditsSwitchedOn(DateTimeOffset now)
    {
        var day = DemoData.LocalDay(now).AddDays(-CreditsSwitchedOnDaysAgo);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>
    /// The profile selectivity started with, as the legacy system worked: AEO brokers, carriers and forwarders and
    /// consignors recognised under an MRA earned their credits, but an AEO importer's own status earned nothing.
    /// </summary>
    private static ProfileVersion LegacyProfile(DateTimeOffset now)
    {
        var profile = SelectivitySnapshot.DefaultProfile(now);
        profile.PrincipalAeoCredit = profile.OgaCredit = 0;
        return profile;
    }

    /// <summary>Agencies, controls and the baseline rules, in force since long before the demo traffic.</summary>
    /// <param name="profile">The first selectivity profile; by default OpenAeo's defaults.</param>
    public static async Task SeedReferenceAsync(OpenAeoDb db, DateTimeOffset now, CancellationToken ct, ProfileVersion? profile = null)
    {
        db.Agencies()
            .AddRange(
                new AgencyRow
                {
                    Code = "FDA",
                    Name = "Food and Drug Administration",
                    AeoInspectionFactor = 0.25,
                    Benefits =
                    [
                        new(
                            AgencyBenefitFamily.RecognitionOfAeoStandards,
                            "Accepts the AEO security and record-keeping validation: no separate documentary check of AEO importers."
                        ),
                        new(
                            AgencyBenefitFamily.FewerInspectionsPriorityFees,
                            "A quarter of the usual sampling rate and priority permits for AEO importers."
                        ),
                    ],
                },
                new AgencyRow
                {
                    Code = "QUARANTINE",
                    Name = "Animal and Plant Health Inspection",
                    AeoInspectionFactor = 0.5,
                    Benefits =
                    [
                        new(
                            AgencyBenefitFamily.FewerInspectionsPriorityFees,
                            "Half the inspection rate for AEO importers; inspections jointly with customs."
                        ),
                    ],
                },
                new AgencyRow
                {
                    Code = "TRADE",
                    Name = "Bureau of Foreign Trade (licensing)",
                    AeoInspectionFactor = 1,
                    Benefits = [new(AgencyBenefitFamily.OtherSupport, "An AEO help desk and licence pre-checks for new AEOs.")],
                }
            );
        db.CommodityControls()
            .AddRange(
                new CommodityControlRow
                {
                    Agency = "FDA",
                    HsFrom = "3004",
                    HsTo = "3004",
                    PermitRequired = true,
                    DocumentaryCheck = true,
                    InspectionRate = 0.10,
                },
                new CommodityControlRow
                {
                    Agency = "FDA",
                    HsFrom = "3304",
                    HsTo = "3304",
                    PermitRequired = false,
                    DocumentaryCheck = true,
                    InspectionRate = 0.05,
                },
                new CommodityControlRow
                {
                    Agency = "QUARANTINE",
                    HsFrom = "01",
                    HsTo = "08",
                    PermitRequired = true,
                    DocumentaryCheck = false,
                    InspectionRate = 0.20,
                },
                new CommodityControlRow
                {
                    Agency = "TRADE",
                    HsFrom = "9306",
                    HsTo = "9306",
                    PermitRequired = true,
                    DocumentaryCheck = true,
                    InspectionRate = 0,
                }
            );
        var since = new DateOnly(2020, 1, 1);
        RiskRuleVersion Rule(string id, string name, WrittenRuleConditions when, int score, Lane? force = null) =>
            new()
            {
                Id = id,
                Version = 1,
                Name = name,
                Conditions = when,
                Score = score,
                ForceLane = force,
                EffectiveFrom = since,
                CreatedBy = "system",
                CreatedAt = now,
                Reason = "demo baseline",
            };
        db.RiskRules()
            .AddRange(
                Rule(
                    "UNKNOWN-IMPORTER",
                    "Importer not an AEO",
                    new WrittenRuleConditions { ImporterStatus = ["Unknown", "NotAeo", "KnownForeignAeo"] },
                    20
                ),
                Rule(
                    "UNKNOWN-CONSIGNOR",
                    "Consignor not known as an AEO",
                    new WrittenRuleConditions { ConsignorStatus = ["Unknown", "NotAeo"] },
                    15
                ),
                Rule(
                    "COUNTERFEIT-PRONE",
                    "Medicines and cosmetics (counterfeits)",
                    new WrittenRuleConditions { HsCodes = ["3004", "3304", "6403"] },
                    20
                ),
                Rule(
                    "FOOD-ORIGIN-WATCH",
                    "Food from origins under an import alert",
                    new WrittenRuleConditions { HsCodes = ["02-09"], Origins = ["VN", "PE"] },
                    30
                ),
                Rule(
                    "VEHICLE-PARTS-VALUE",
                    "Vehicle parts declared at a low value",
                    new WrittenRuleConditions { HsCodes = ["8708"], MaxValue = 2_000 },
                    25
                ),
                Rule(
                    "HIGH-VALUE-ELECTRONICS",
                    "High-value electronics (undervaluation)",
                    new WrittenRuleConditions { HsCodes = ["8471-8473", "8517", "8542"], MinValue = 50_000 },
                    30
                ),
                Rule("ECOMMERCE-LOW-VALUE", "Low-value e-commerce", new WrittenRuleConditions { LowValueEcommerce = true }, 10),
                Rule("GOLD", "Gold (money laundering)", new WrittenRuleConditions { HsCodes = ["7108"] }, 40),
                Rule("AMMUNITION", "Arms and ammunition", new WrittenRuleConditions { HsCodes = ["93"] }, 0, Lane.Red)
            );
        db.SelectivityProfiles().Add(profile ?? SelectivitySnapshot.DefaultProfile(now));
        await db.SaveChangesAsync(ct);
    }
}
