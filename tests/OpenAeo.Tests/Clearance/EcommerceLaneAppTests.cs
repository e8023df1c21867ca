using OpenAeo.Certification;
using OpenAeo.Clearance;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Clearance;

/// <summary>
/// ADR 0043 end to end: a Taiwanese AEO e-commerce platform links its merchants, the programme turns the low-value lane on,
/// and lodging names the platform; selectivity then applies the lane, or says why not, and targeting still stands.
/// One app per provider, the cases in turn.
/// </summary>
public class The_ecommerce_lane_at_the_border
{
    private const string Platform = "TW30000001";
    private const string Certified = "TW30000002";
    private const string Uncertified = "TW30000003";
    private const string NotLinked = "TW30000004";

    /// <summary>The seed of OpenAeo's default profile, which the border starts with: references are picked so the random draw is
    /// known.</summary>
    private const long Seed = 20260101;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Takes_the_low_value_lane_only_for_a_qualifying_merchant_and_says_why(string provider)
    {
        // The test clock starts at 09:00 UTC on 2 March 2026, 17:00 in Taipei.
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        await Register(app);
        var office = await app.ClientAs(Role.ProgrammeOfficer);
        var platform = await app.ClientAs(Role.Trader, Platform);

        // Targeting that sends Chinese parcels to a review, and toys to an examination whatever the score.
        await Ok(border.Officer.PostAsJsonAsync("/api/v1/clearance/rules", Rule("ECOM-CN", new { origins = new[] { "CN" } }, 80, null)));
        await Ok(
            border.Officer.PostAsJsonAsync("/api/v1/clearance/rules", Rule("ECOM-TOYS", new { hsCodes = new[] { "9503" } }, 0, "Red"))
        );

        // The programme's settings, validated by field.
        var bad = await office.PutAsJsonAsync(
            "/api/v1/programmes/TW",
            new
            {
                ecommerceLowValueLane = true,
                ecommerceThreshold = 0,
                ecommerceCurrency = "TWD",
                reason = "test",
            }
        );
        ((int)bad.StatusCode).ShouldBe(400);
        (await bad.Read<Problem>()).For("ecommerceThreshold").ShouldNotBeEmpty();
        await Settings(
            office,
            new
            {
                ecommerceLowValueLane = true,
                ecommerceThreshold = 500,
                ecommerceCurrency = "twd",
                ecommerceMerchants = "LinkedAndCertified",
                reason = "E-commerce pilot",
            }
        );
        var programme = await office.Get<ProgrammeResponse>("/api/v1/programmes/TW");
        programme.Ecommerce!.Currency.ShouldBe("TWD");

        // The platform's trader links its merchants; another trader cannot see them.
        foreach (var merchant in new[] { Certified, Uncertified })
        {
            (
                await platform.PostAsJsonAsync(
                    $"/api/v1/operators/{Platform}/merchants",
                    new { merchantTin = merchant, reason = "Seller since 2025" }
                )
            ).StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        }

        (await platform.PostAsJsonAsync($"/api/v1/operators/{Platform}/merchants", new { merchantTin = Certified })).StatusCode.ShouldBe(
            System.Net.HttpStatusCode.Conflict
        );
        (await border.AeoTrader.GetAsync($"/api/v1/operators/{Platform}/merchants")).StatusCode.ShouldBe(
            System.Net.HttpStatusCode.NotFound
        );
        var merchants = (await platform.Get<MerchantsResponse>($"/api/v1/operators/{Platform}/merchants")).Merchants.ToDictionary(
            m => m.Tin,
            m => m.IsAeo
        );
        merchants.ShouldBe(new Dictionary<string, bool> { [Certified] = true, [Uncertified] = false });

        // A certified, linked merchant's parcel at most the threshold: Blue, and the trader reads why.
        var taken = await Lodge(border, Certified, 120m, "TAKEN");
        taken.Lane.ShouldBe("Blue");
        Causes(taken).ShouldBe(["EcommerceLowValueLane"]);
        Summary(taken).ShouldContain(l => l.Contains("E-commerce benefit of the AEO platform TW30000001", StringComparison.Ordinal));
        taken.Parties.ShouldContain(p => p.Role == "EcommercePlatform" && p.Tin == Platform);
        (await platform.GetAsync($"/api/v1/declarations/{taken.Id}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        // Why not: not linked, not certified under LinkedAndCertified, above the threshold.
        await NotTaken(border, NotLinked, 120m, "NOT-LINKED", "Yellow", "is not registered as a merchant of the platform");
        await NotTaken(border, Uncertified, 120m, "UNCERTIFIED", "Red", "gives it to certified merchants");
        await NotTaken(border, Certified, 800m, "ABOVE", "Yellow", "is above 500");

        // A forced rule and the random draw still stand.
        var forced = await Lodge(border, Certified, 120m, "TOYS", hs: "95030000");
        forced.Lane.ShouldBe("Red");
        Causes(forced).ShouldBe(["ForcedByRule"]);
        var random = await Lodge(border, Certified, 120m, Reference("RANDOM", selected: true));
        random.Lane.ShouldBe("Red");
        Causes(random).ShouldContain("Random");

        // A programme that trusts its AEO platforms' vetting gives it to every linked merchant.
        await Settings(office, new { ecommerceMerchants = "Linked", reason = "Trust the platforms" });
        (await Lodge(border, Uncertified, 120m, "LINKED-ONLY")).Lane.ShouldBe("Blue");

        // With the setting off, nothing is considered.
        await Settings(office, new { ecommerceLowValueLane = false, reason = "Pilot over" });
        var off = await Lodge(border, Certified, 120m, "OFF");
        off.Lane.ShouldBe("Yellow");
        Summary(off).ShouldNotContain(l => l.Contains("E-commerce", StringComparison.Ordinal));
        await Settings(
            office,
            new
            {
                ecommerceLowValueLane = true,
                ecommerceMerchants = "LinkedAndCertified",
                reason = "Pilot again",
            }
        );

        // The platform's certificate ends on 10 March, Taipei's day: at 23:30 there it still counts; half an hour after
        // Taipei's midnight (16:30 UTC, still 10 March in UTC) it no longer does.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 15, 30, 0, TimeSpan.Zero));
        (await Lodge(border, Certified, 120m, "LAST-DAY")).Lane.ShouldBe("Blue");
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 16, 30, 0, TimeSpan.Zero));
        await NotTaken(border, Certified, 120m, "DAY-AFTER", "Yellow", "holds no valid AEO certificate");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_platform_is_a_registered_operator_named_by_a_valid_tin(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);
        foreach (var (tin, reason) in new[] { ("TW39999999", "not an operator in the registry"), ("not a tin!", "The platform") })
        {
            var response = await border.Officer.PostAsJsonAsync(
                "/api/v1/declarations",
                Parcel(Border.AeoImporter, 100m, $"BAD-{reason.Length}", platformTin: tin)
            );
            ((int)response.StatusCode).ShouldBe(400);
            (await response.Read<Problem>()).For("platformTin")[0].ShouldContain(reason);
        }
    }

    private static async Task Register(OpenAeoApp app)
    {
        var folder = Directory.CreateTempSubdirectory("openaeo-ecommerce-").FullName;
        var operators = Path.Combine(folder, "operators.csv");
        await File.WriteAllTextAsync(
            operators,
            $"""
            tin,legal_name,economy,roles,employees,consent
            {Platform},Island Market Online,TW,ecommerce platform,300,true
            {Certified},Tea Leaf Studio,TW,importer;ecommerce merchant,12,true
            {Uncertified},Paper Crane Crafts,TW,importer;ecommerce merchant,6,true
            {NotLinked},Harbour Gifts,TW,importer;ecommerce merchant,9,true
            """
        );
        var certificates = Path.Combine(folder, "certificates.csv");
        await File.WriteAllTextAsync(
            certificates,
            $"""
            tin,programme,certificate_number,valid_from,valid_until,status
            {Platform},TW,TW-AEO-3001,2024-01-01,2026-03-10,Active
            {Certified},TW,TW-AEO-3002,2024-01-01,,Active
            {NotLinked},TW,TW-AEO-3004,2024-01-01,,Active
            """
        );
        var imported = await app.Cli("operators", "import", operators);
        imported.Exit.ShouldBe(0, imported.Error);
        imported = await app.Cli("certificates", "import", certificates);
        imported.Exit.ShouldBe(0, imported.Error);
    }

    private static object Rule(string id, object conditions, int score, string? forceLane) =>
        new
        {
            id,
            name = id,
            conditions,
            score,
            forceLane,
            effectiveFrom = "2026-03-02",
            reason = "test",
        };

    private static object Parcel(
        string merchant,
        decimal value,
        string reference,
        string hs = "61091000",
        string? platformTin = Platform
    ) =>
        new
        {
            reference,
            type = "Import",
            mode = "Post",
            originEconomy = "CN",
            destinationEconomy = "TW",
            office = "TWPST1",
            officeTimeZone = "Asia/Taipei",
            parties = new object[] { new { role = "Importer", tin = merchant }, new { role = "Consignor", tin = "CN55501" } },
            items = new object[] { new { hsCode = hs, customsValue = value } },
            customsValue = value,
            lowValueEcommerce = true,
            platformTin,
        };

    /// <summary>A reference whose customs draw under the default profile is (or is not) a random selection, so no case is selected by
    /// chance.</summary>
    private static string Reference(string name, bool selected = false) =>
        Enumerable
            .Range(0, 10_000)
            .Select(i => $"ECOM-{name}-{i}")
            .First(r => Draw.Uniform(Seed, r, "customs") < SelectivityProfile.Default.RandomRate == selected);

    private static Task<DeclarationResponse> Lodge(Border border, string merchant, decimal value, string name, string hs = "61091000") =>
        Border.Lodge(
            border.Officer,
            Parcel(merchant, value, name.StartsWith("ECOM-", StringComparison.Ordinal) ? name : Reference(name), hs)
        );

    private static async Task NotTaken(Border border, string merchant, decimal value, string name, string lane, string why)
    {
        var lodged = await Lodge(border, merchant, value, name);
        lodged.Lane.ShouldBe(lane, name);
        Causes(lodged).ShouldNotContain("EcommerceLowValueLane");
        Summary(lodged).ShouldContain(l => l.Contains(why, StringComparison.Ordinal), name);
    }

    private static async Task Settings(HttpClient office, object body) => await Ok(office.PutAsJsonAsync("/api/v1/programmes/TW", body));

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        ((int)response.StatusCode).ShouldBeInRange(200, 299, await response.Content.ReadAsStringAsync());
    }

    private static IReadOnlyList<string> Causes(DeclarationResponse d) => d.Explanation.Causes;

    private static IReadOnlyList<string> Summary(DeclarationResponse d) => d.Explanation.Summary;
}
