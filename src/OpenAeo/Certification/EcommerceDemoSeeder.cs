using System.Globalization;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Cli;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>
/// The e-commerce story of the demo (ADR 0043): Formosa Cart Online, an AEO marketplace, sells for several of the
/// registry's small importers, most of them AEOs themselves; the programme gives an AEO platform's certified merchants
/// the consolidated low-value lane, so the twelve months of traffic the clearance seeder generates next (the platform
/// named on its merchants' parcels) show declarations that took it. Runs after certification, before clearance.
/// </summary>
internal sealed class EcommerceDemoSeeder : IDemoSeeder
{
    public const string PlatformTin = "TW00000006";
    public const string PlatformAccount = "trader4";

    /// <summary>Chinese Taipei's de minimis for postal and express parcels.</summary>
    public const decimal Threshold = 2_000m;

    public int Order => 30;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct)
    {
        var db = services.GetRequiredService<OpenAeoDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var node = services.GetRequiredService<NodeIdentity>().Economy;
        if (node != DemoData.Economy)
        {
            return [];
        }

        var lines = new List<string>();
        var now = clock.GetUtcNow();
        var office = new Actor("officer", Role.ProgrammeOfficer, null, null);
        if (await db.FindOperatorAsync(Tin.FromTrusted(PlatformTin), ct) is null)
        {
            var registered = await RegisterOperator.Execute(
                new OperatorRequest(
                    PlatformTin,
                    "Formosa Cart Online Co., Ltd.",
                    DemoData.Economy,
                    ["EcommercePlatform", "Importer"],
                    140,
                    380_000_000m,
                    "E-commerce marketplace",
                    true,
                    "demo data"
                ),
                office,
                db,
                clock,
                ct
            );
            Check(registered.Errors, "platform");

            // Certified two years ago, like a platform that joined the e-commerce track early.
            var since = DemoData.LocalDay(now).AddYears(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            using var input = CsvInput.Open(
                "demo-platform-certificate.csv",
                new MemoryStream(
                    System.Text.Encoding.UTF8.GetBytes(
                        $"tin,programme,certificate_number,valid_from,status\n{PlatformTin},{DemoData.Economy},"
                            + $"TW-AEO-EC-0001,{since},Active\n"
                    )
                )
            );
            await ImportCertificates.Run(input, office, db, clock, node, ct);
        }

        if (!await db.Users().AnyAsync(u => u.Name == PlatformAccount, ct))
        {
            var account = await AddUser.Execute(
                new AddUserRequest(
                    PlatformAccount,
                    "trader for Formosa Cart Online (an AEO e-commerce platform)",
                    nameof(Role.Trader),
                    PlatformTin,
                    null,
                    password,
                    false,
                    "demo data",
                    null
                ),
                Actor.System,
                db,
                clock,
                ct
            );
            Check(account.Errors, "platform account");
            lines.Add($"E-commerce: {PlatformAccount} signs in for Formosa Cart Online ({PlatformTin}), an AEO platform.");
        }

        if (!await db.MerchantLinks().AnyAsync(ct))
        {
            // Its sellers are small importers of the registry: eight AEOs all through the year of traffic the clearance seeder
            // generates (so their parcels can take the lane) and two that are not, so the merchant condition shows.
            var definition = await GetOperator.SmeDefinitionFor(db, DemoData.Economy, ct);
            var smes = (
                await db.Operators()
                    .AsNoTracking()
                    .Where(o => o.EconomyCode == DemoData.Economy && o.Tin != Tin.FromTrusted(PlatformTin))
                    .ToListAsync(ct)
            )
                .Where(o => o.Roles.HasFlag(OperatorRoles.Importer) && o.SmeClass(definition) == SmeClass.Sme)
                .OrderBy(o => o.Tin.Value, StringComparer.Ordinal)
                .ToList();
            var today = DemoData.LocalDay(now);
            var certificates = await db.Certificates().AsNoTracking().ToListAsync(ct);
            var certified = certificates.Where(c => c.IsValidOn(today)).Select(c => c.OperatorTin).ToHashSet();
            var allYear = certificates
                .Where(c => c.IsValidOn(today) && c.ValidFrom <= today.AddYears(-1))
                .Select(c => c.OperatorTin)
                .ToHashSet();
            var merchants = smes.Where(o => allYear.Contains(o.Tin))
                .Take(8)
                .Concat(smes.Where(o => !certified.Contains(o.Tin)).Take(2))
                .ToList();
            var platform = new Actor(PlatformAccount, Role.Trader, PlatformTin, null);
            foreach (var m in merchants)
            {
                var linked = await LinkMerchant.Execute(
                    PlatformTin,
                    new LinkMerchantRequest(m.Tin.Value, "Sells on Formosa Cart Online"),
                    platform,
                    db,
                    clock,
                    ct
                );
                Check(linked.Errors, $"merchant {m.Tin}");
            }

            lines.Add(
                $"E-commerce: Formosa Cart Online sells for {merchants.Count} small importers, "
                    + $"{merchants.Count(m => certified.Contains(m.Tin))} of them AEOs."
            );
        }

        var programme = await db.Programmes().SingleAsync(p => p.Code == DemoData.Economy, ct);
        if (!programme.GrantsEcommerceBenefits)
        {
            Check(
                programme.ChangeEcommerce(new EcommerceSettings(true, Threshold, MerchantCondition.LinkedAndCertified, true), "TWD"),
                "settings"
            );
            db.Audit(
                now,
                office.Name,
                "programme.updated",
                $"programme:{programme.Code}",
                "E-commerce benefits for AEO platforms' certified merchants",
                new
                {
                    ecommerceLowValueLane = true,
                    ecommerceThreshold = Threshold,
                    ecommerceCurrency = "TWD",
                    ecommerceMerchants = nameof(MerchantCondition.LinkedAndCertified),
                    ecommerceSimplifiedReturns = true,
                }
            );
            await db.SaveChangesAsync(ct);
            lines.Add(
                $"E-commerce: the low-value lane (up to {Threshold:N0} TWD) for AEO platforms' certified merchants, and simplified returns."
            );
        }

        return lines;
    }

    private static void Check(IReadOnlyList<Domain.Shared.DomainError> errors, string what)
    {
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Demo e-commerce {what}: {errors[0].Message}");
        }
    }
}
