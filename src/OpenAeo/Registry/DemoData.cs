using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Persistence;

namespace OpenAeo.Registry;

/// <summary>Demo operators and one account per role, so every screen has something to show.</summary>
internal static class DemoData
{
    public sealed record DemoAccount(string Name, Role Role, string? Operator, string? PartnerEconomy, string Description, string? Agency = null);

    public static readonly DemoAccount[] AccountsList =
    [
        new("admin", Role.Admin, null, null, "administrator"),
        new("officer", Role.ProgrammeOfficer, null, null, "AEO programme officer"),
        new("manager", Role.AccountManager, null, null, "account manager"),
        new("border", Role.BorderOfficer, null, null, "border / risk officer"),
        new("oga", Role.OgaOfficer, null, null, "agency officer (Food and Drug Administration)", "FDA"),
        new("analyst", Role.Analyst, null, null, "analyst (TRS, KPIs)"),
        new("trader", Role.Trader, "TW00000001", null, "trader for Formosa Precision Tools (SME, Chinese Taipei)"),
        new("trader2", Role.Trader, "TW00000002", null, "trader for Taipei Semiconductor Works (large, Chinese Taipei)"),
    ];

    public static readonly OperatorRequest[] Operators =
    [
        new("TW00000001", "Formosa Precision Tools Co., Ltd.", "TW", ["Exporter", "Manufacturer"], 48, 9_500_000m, "Machine tools", true, null),
        new("TW00000002", "Taipei Semiconductor Works Corp.", "TW", ["Importer", "Exporter", "Manufacturer"], 5200, 2_300_000_000m, "Semiconductors", true, null),
        new("TW00000003", "Keelung Harbour Customs Brokerage", "TW", ["CustomsBroker"], 35, 1_200_000m, "Customs brokerage", true, null),
        new("TW00000004", "Kaohsiung Cold Chain Logistics", "TW", ["WarehouseOperator", "FreightForwarder"], 160, 40_000_000m, "Logistics", false, null),

        // Applicants in the other states of an application: a node certifies for its own economy only (ADR 0012).
        new("TW00000005", "Hsinchu Optics Co., Ltd.", "TW", ["Exporter", "Manufacturer"], 420, 95_000_000m, "Optics", true, null),
        new("TW00000006", "Tainan Orchid Exports", "TW", ["Exporter"], 22, 2_800_000m, "Flowers", true, null),
        new("TW00000007", "Taichung Bicycle Parts Co.", "TW", ["Exporter", "Manufacturer"], 85, 11_000_000m, "Bicycle parts", true, null),
        new("TW00000008", "Alishan Tea Traders", "TW", ["Exporter"], 15, 1_900_000m, "Tea", true, null),
        new("TW00000009", "Changhua Textile Mills", "TW", ["Importer", "Exporter", "Manufacturer"], 650, 70_000_000m, "Textiles", true, null),
        new("TW00000010", "Formosa Online Marketplace", "TW", ["EcommercePlatform", "Importer"], 95, 20_000_000m, "E-commerce", false, null),
        new("TW00000011", "Yunlin Coffee Cooperative", "TW", ["Exporter"], 40, 3_000_000m, "Coffee", true, null),
        new("TW00000012", "Keelung Steel Exports Co.", "TW", ["Exporter", "Manufacturer"], 850, 60_000_000m, "Steel", true, null),
        new("JP1000000001", "Osaka Fine Ceramics K.K.", "JP", ["Exporter", "Manufacturer"], 210, 30_000_000m, "Ceramics", true, null),
        new("JP1000000002", "Yokohama Forwarding K.K.", "JP", ["FreightForwarder", "CustomsBroker"], 900, 120_000_000m, "Logistics", true, null),
        new("KR1234567890", "Busan Marine Parts Co.", "KR", ["Exporter"], 75, 12_000_000m, "Marine equipment", true, null),
        new("AU51824753556", "Southern Cross Wines Pty Ltd", "AU", ["Exporter"], 18, 4_000_000m, "Wine", true, null),
        new("NZ9429041234567", "Kiwi Orchard Exports Ltd", "NZ", ["Exporter"], 12, 2_500_000m, "Fruit", true, null),
        new("US123456789", "Great Lakes Auto Components Inc.", "US", ["Importer", "Manufacturer"], 3100, 900_000_000m, "Automotive", true, null),
        new("MXABC010101AB1", "Maquiladora del Norte S.A. de C.V.", "MX", ["Importer", "Exporter", "Manufacturer"], 650, 75_000_000m, "Electronics assembly", true, null),
        new("SG201912345K", "Lion City E-Commerce Pte Ltd", "SG", ["EcommercePlatform", "Importer"], 95, 20_000_000m, "E-commerce", false, null),
        new("CN913100001234567", "Shanghai Textile Export Co.", "CN", ["Exporter", "Manufacturer"], 850, 60_000_000m, "Textiles", true, null),
        new("PE20123456789", "Andes Coffee Cooperative", "PE", ["Exporter"], 40, 3_000_000m, "Coffee", true, null),
    ];

    /// <summary>Adds what is missing; returns the accounts created (so their credentials can be printed once).</summary>
    public static async Task<IReadOnlyList<DemoAccount>> Seed(OpenAeoDb db, TimeProvider clock, string password, CancellationToken ct)
    {
        foreach (var request in Operators)
        {
            if (await db.FindOperatorAsync(Tin.Parse(request.Tin).Value, ct) is null)
            {
                var outcome = await RegisterOperator.Execute(request with { Reason = "demo data" }, Actor.System, db, clock, ct);
                if (!outcome.IsOk)
                {
                    throw new InvalidOperationException($"Demo operator {request.Tin}: {outcome.Errors[0].Message}");
                }
            }
        }

        var created = new List<DemoAccount>();
        foreach (var account in AccountsList)
        {
            if (await db.Users().AnyAsync(u => u.Name == account.Name, ct))
            {
                continue;
            }

            var outcome = await AddUser.Execute(
                new AddUserRequest(account.Name, account.Description, account.Role.ToString(), account.Operator, account.PartnerEconomy, password, false, "demo data", account.Agency),
                Actor.System, db, clock, ct);
            if (!outcome.IsOk)
            {
                throw new InvalidOperationException($"Demo account {account.Name}: {outcome.Errors[0].Message}");
            }

            created.Add(account);
        }

        return created;
    }
}
