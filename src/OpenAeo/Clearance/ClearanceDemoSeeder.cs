using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Cli;
using OpenAeo.Platform.Persistence;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>
/// Demo agencies with their AEO benefits and controls, a baseline rule set, three months of generated traffic
/// (imported through the same path as a real file) and a few declarations lodged now so the queues have work.
/// </summary>
internal sealed class ClearanceDemoSeeder : IDemoSeeder
{
    public int Order => 40;

    public const int DemoDeclarations = 3_000;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct)
    {
        var db = services.GetRequiredService<OpenAeoDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        if (await db.Agencies().AnyAsync(ct) || await db.Declarations().AnyAsync(ct))
        {
            return ["Clearance: demo agencies or declarations exist already."];
        }

        var now = clock.GetUtcNow();
        await SeedReferenceAsync(db, now, ct);
        var node = services.GetRequiredService<NodeIdentity>().Economy;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var file = Path.GetTempFileName();
        try
        {
            await GenerateDeclarations.Execute(db, node, DemoDeclarations, 7, today.AddDays(-92), today.AddDays(-3), file, clock, null, ct);
            var result = await ImportDeclarations.Run(file, "demo-traffic.csv", Actor.System, db, services.GetRequiredService<AnalyticsDatabase>(), node, clock, null, ct);
            var live = 0;
            foreach (var g in TrafficGenerator.Generate(await GenerateDeclarations.Population(db, node, ct), 8, 24, now.AddHours(-1), now))
            {
                var d = g.Details;
                var body = new DeclarationBody(null, d.Type.ToString(), d.Mode.ToString(), d.OriginEconomy, d.DestinationEconomy, d.Office, d.OfficeTimeZone,
                    [.. d.Parties.Select(p => new PartyBody(p.Role.ToString(), p.Tin.Value))], [.. d.Items.Select(i => new ItemBody(i.HsCode, i.CustomsValue, i.Description))],
                    d.CustomsValue, d.LowValueEcommerce, g.ArrivalAt);
                live += (await SubmitDeclaration.Execute(body, new Actor("border", Role.BorderOfficer, null, null), db, node, clock, ct)).IsOk ? 1 : 0;
            }

            return [$"Clearance: {await db.Agencies().CountAsync(ct)} agencies, {await db.RiskRules().CountAsync(ct)} risk rules, {result.Rows} past declarations (Green {result.Green}, Yellow {result.Yellow}, Red {result.Red}) and {live} lodged now."];
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Agencies, controls and the baseline rules, in force since long before the demo traffic.</summary>
    public static async Task SeedReferenceAsync(OpenAeoDb db, DateTimeOffset now, CancellationToken ct)
    {
        db.Agencies().AddRange(
            new AgencyRow
            {
                Code = "FDA", Name = "Food and Drug Administration", AeoInspectionFactor = 0.25,
                Benefits =
                [
                    new(AgencyBenefitFamily.RecognitionOfAeoStandards, "Accepts the AEO security and record-keeping validation: no separate documentary check of AEO importers."),
                    new(AgencyBenefitFamily.FewerInspectionsPriorityFees, "A quarter of the usual sampling rate and priority permits for AEO importers."),
                ],
            },
            new AgencyRow
            {
                Code = "QUARANTINE", Name = "Animal and Plant Health Inspection", AeoInspectionFactor = 0.5,
                Benefits = [new(AgencyBenefitFamily.FewerInspectionsPriorityFees, "Half the inspection rate for AEO importers; inspections jointly with customs.")],
            },
            new AgencyRow
            {
                Code = "TRADE", Name = "Bureau of Foreign Trade (licensing)", AeoInspectionFactor = 1,
                Benefits = [new(AgencyBenefitFamily.OtherSupport, "An AEO help desk and licence pre-checks for new AEOs.")],
            });
        db.CommodityControls().AddRange(
            new CommodityControlRow { Agency = "FDA", HsFrom = "3004", HsTo = "3004", PermitRequired = true, DocumentaryCheck = true, InspectionRate = 0.10 },
            new CommodityControlRow { Agency = "FDA", HsFrom = "3304", HsTo = "3304", PermitRequired = false, DocumentaryCheck = true, InspectionRate = 0.05 },
            new CommodityControlRow { Agency = "QUARANTINE", HsFrom = "01", HsTo = "08", PermitRequired = true, DocumentaryCheck = false, InspectionRate = 0.20 },
            new CommodityControlRow { Agency = "TRADE", HsFrom = "9306", HsTo = "9306", PermitRequired = true, DocumentaryCheck = true, InspectionRate = 0 });
        var since = new DateOnly(2020, 1, 1);
        RiskRuleVersion Rule(string id, string name, RuleConditionsBody when, int score, Lane? force = null) => new()
        {
            Id = id, Version = 1, Name = name, Conditions = when, Score = score, ForceLane = force, EffectiveFrom = since, CreatedBy = "system", CreatedAt = now,
            Reason = "demo baseline",
        };
        db.RiskRules().AddRange(
            Rule("UNKNOWN-IMPORTER", "Importer not an AEO", new RuleConditionsBody { ImporterStatus = ["Unknown", "NotAeo", "KnownForeignAeo"] }, 20),
            Rule("UNKNOWN-CONSIGNOR", "Consignor not known as an AEO", new RuleConditionsBody { ConsignorStatus = ["Unknown", "NotAeo"] }, 15),
            Rule("COUNTERFEIT-PRONE", "Medicines and cosmetics (counterfeits)", new RuleConditionsBody { HsCodes = ["3004", "3304", "6403"] }, 20),
            Rule("FOOD-ORIGIN-WATCH", "Food from origins under an import alert", new RuleConditionsBody { HsCodes = ["02-09"], Origins = ["VN", "PE"] }, 30),
            Rule("VEHICLE-PARTS-VALUE", "Vehicle parts declared at a low value", new RuleConditionsBody { HsCodes = ["8708"], MaxValue = 2_000 }, 25),
            Rule("HIGH-VALUE-ELECTRONICS", "High-value electronics (undervaluation)", new RuleConditionsBody { HsCodes = ["8471-8473", "8517", "8542"], MinValue = 50_000 }, 30),
            Rule("ECOMMERCE-LOW-VALUE", "Low-value e-commerce", new RuleConditionsBody { LowValueEcommerce = true }, 10),
            Rule("GOLD", "Gold (money laundering)", new RuleConditionsBody { HsCodes = ["7108"] }, 40),
            Rule("AMMUNITION", "Arms and ammunition", new RuleConditionsBody { HsCodes = ["93"] }, 0, Lane.Red));
        db.SelectivityProfiles().Add(SelectivitySnapshot.DefaultProfile(now));
        await db.SaveChangesAsync(ct);
    }
}
