using OpenAeo.Clearance;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Clearance;

/// <summary>
/// A Taiwanese border: the demo agencies and baseline rules, an AEO importer (TW10000001, certified), an importer
/// that is not an AEO (TW10000002) and a broker, with clients for each role.
/// </summary>
internal sealed class Border
{
    public const string AeoImporter = "TW10000001";
    public const string OtherImporter = "TW10000002";
    public const string Broker = "TW10000009";

    private Border(OpenAeoApp app, HttpClient officer, HttpClient agency, HttpClient aeoTrader, HttpClient otherTrader)
    {
        App = app;
        Officer = officer;
        Agency = agency;
        AeoTrader = aeoTrader;
        OtherTrader = otherTrader;
    }

    public OpenAeoApp App { get; }

    public HttpClient Officer { get; }

    public HttpClient Agency { get; }

    public HttpClient AeoTrader { get; }

    public HttpClient OtherTrader { get; }

    public static async Task<Border> Open(OpenAeoApp app)
    {
        var folder = Directory.CreateTempSubdirectory("openaeo-border-").FullName;
        var operators = Path.Combine(folder, "operators.csv");
        await File.WriteAllTextAsync(
            operators,
            $"""
            tin,legal_name,economy,roles,employees,consent
            {AeoImporter},Formosa Importing,TW,importer,120,true
            {OtherImporter},Small Goods Trading,TW,importer,8,true
            {Broker},Harbour Brokers,TW,customs broker,30,true
            """
        );
        var certificates = Path.Combine(folder, "certificates.csv");
        await File.WriteAllTextAsync(
            certificates,
            $"""
            tin,programme,certificate_number,valid_from,status
            {AeoImporter},TW,TW-AEO-0001,2024-01-01,Active
            """
        );
        (await app.Cli("operators", "import", operators)).Exit.ShouldBe(0);
        var imported = await app.Cli("certificates", "import", certificates);
        imported.Exit.ShouldBe(0, imported.Error);
        await app.WithDb(db => ClearanceDemoSeeder.SeedReferenceAsync(db, app.Clock.GetUtcNow(), CancellationToken.None));
        return new Border(
            app,
            await app.ClientAs(Role.BorderOfficer),
            await app.ClientAs(Role.OgaOfficer),
            await app.ClientAs(Role.Trader, AeoImporter),
            await app.ClientAs(Role.Trader, OtherImporter)
        );
    }

    /// <param name="broker">Whether the broker lodges it; without, the importer lodges it itself.</param>
    public static object Declaration(
        string importer,
        string hs = "84713000",
        decimal value = 1_000,
        string? reference = null,
        string mode = "Sea",
        string origin = "US",
        bool broker = true
    ) =>
        new
        {
            reference,
            type = "Import",
            mode,
            originEconomy = origin,
            destinationEconomy = "TW",
            office = "TWKEL1",
            officeTimeZone = "Asia/Taipei",
            parties = broker
                ? new object[]
                {
                    new { role = "Importer", tin = importer },
                    new { role = "Consignor", tin = "US55501" },
                    new { role = "CustomsBroker", tin = Broker },
                }
                : new object[] { new { role = "Importer", tin = importer }, new { role = "Consignor", tin = "US55501" } },
            items = new object[] { new { hsCode = hs, customsValue = value } },
            customsValue = value,
            lowValueEcommerce = false,
        };

    /// <summary>A whole risk profile as an officer saves it, its yellow lane from <paramref name="yellowFrom"/>.</summary>
    public static object RiskProfile(int yellowFrom = 40) =>
        new
        {
            yellowFrom,
            redFrom = 70,
            principalAeoCredit = 40,
            partyAeoCredit = 10,
            mraCredit = 30,
            allAeoChainCredit = 10,
            ogaCredit = 10,
            randomRate = 0.02,
            randomLane = "Yellow",
        };

    public static async Task<DeclarationResponse> Lodge(HttpClient client, object declaration) =>
        await (await client.PostAsJsonAsync("/api/v1/declarations", declaration)).Read<DeclarationResponse>(201);

    public async Task<DeclarationResponse> Act(Guid id, string action, string? result = null, string? note = null) =>
        await (
            await Officer.PostAsJsonAsync(
                $"/api/v1/declarations/{id}/actions",
                new
                {
                    action,
                    result,
                    note,
                }
            )
        ).Read<DeclarationResponse>(200);
}
