using OpenAeo.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// Issue 10, item 4: the public check answers what a trader needs about a supplier — a local AEO, a partner's AEO
/// recognised here under an MRA in force (partner, programme and MRA named), or not known here as an AEO — through the
/// API and the <c>/status</c> page, for operators that consented only.
/// </summary>
public sealed class The_public_status_check : IDisposable
{
    private const string Local = "TW00000003";
    private const string NotConsenting = "TW00000004";
    private const string Suspended = "TW00000005";
    private const string Japanese = "JP1000000001";
    private const string Vietnamese = "VN7770001";

    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-public-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task Register(OpenAeoApp app)
    {
        var operators = Path.Combine(folder, "operators.csv");
        await File.WriteAllTextAsync(
            operators,
            $"""
            tin,legal_name,economy,roles,employees,consent
            {Local},Formosa Precision Ltd,TW,exporter,40,true
            {NotConsenting},Quiet Trading Co,TW,exporter,40,false
            {Suspended},Seal Problems Ltd,TW,exporter,40,true
            """
        );
        var certificates = Path.Combine(folder, "certificates.csv");
        await File.WriteAllTextAsync(
            certificates,
            $"""
            tin,programme,certificate_number,valid_from,status
            {Local},TW,TW-AEO-2018-0042,2018-03-01,Active
            {NotConsenting},TW,TW-AEO-2018-0043,2018-03-01,Active
            {Suspended},TW,TW-AEO-2018-0044,2018-03-01,Suspended
            """
        );
        (await app.Cli("operators", "import", operators)).Exit.ShouldBe(0);
        var imported = await app.Cli("certificates", "import", certificates);
        imported.Exit.ShouldBe(0, imported.Error);

        // Japan's verified replica under the seeded Chinese Taipei–Japan MRA; Viet Nam's under data sharing only.
        var mras = (await app.Anonymous().GetItemsAsync<MraResponse>("/api/v1/mras"))!;
        var twJp = mras.Single(m => m.Name == "Chinese Taipei–Japan").Id;
        await app.WithDb(async db =>
        {
            db.Partners().Add(ExchangeSetUp.Replicated("JP", "https://japan.test", twJp, 1, app.Clock.GetUtcNow()));
            db.Partners().Add(ExchangeSetUp.Replicated("VN", "https://vietnam.test", mraId: null, 1, app.Clock.GetUtcNow()));
            db.ReplicaEntries().Add(Replica("JP", Japanese, "Osaka Fine Ceramics K.K.", "Asia/Tokyo"));
            db.ReplicaEntries().Add(Replica("VN", Vietnamese, "Saigon Exports JSC", "Asia/Ho_Chi_Minh"));
            await db.SaveChangesAsync();
        });
    }

    private static ReplicaEntry Replica(string economy, string tin, string name, string zone)
    {
        var since = new DateTimeOffset(2023, 12, 31, 15, 0, 0, TimeSpan.Zero);
        var entry = new StatusEntry(
            0,
            Tin.Parse(tin).Value,
            name,
            economy,
            economy,
            null,
            OperatorRoles.Exporter,
            $"{economy}-AEO-0001",
            StatusEvent.Granted,
            since,
            new DateOnly(2024, 1, 1),
            null,
            since,
            zone
        );
        return new ReplicaEntry
        {
            Partner = economy,
            Index = 0,
            Tin = tin,
            Json = Encoding.UTF8.GetString(entry.ToCanonicalJson()),
        };
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Names_a_local_aeo_and_a_partner_aeo_recognised_under_an_mra_and_nothing_else(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await Register(app);
        var anyone = app.Anonymous();

        var local = await anyone.Get<PublicStatusResponse>($"/api/v1/public/status/{Local}");
        local.Result.ShouldBe("LocalAeo");
        local.CertificateNumber.ShouldBe("TW-AEO-2018-0042");
        local.Programme!.EconomyName.ShouldBe("Chinese Taipei");
        local.TimeZone.ShouldBe("Asia/Taipei");
        local.Summary.ShouldBe(
            "Formosa Precision Ltd is an Authorized Economic Operator certified by Chinese Taipei under its "
                + "Authorized Economic Operator programme (certificate TW-AEO-2018-0042, valid from 1 March 2018 with no "
                + "end date)."
        );

        var partner = await anyone.Get<PublicStatusResponse>($"/api/v1/public/status/{Japanese}");
        partner.Result.ShouldBe("RecognisedUnderMra");
        partner.Partner.ShouldBe("JP");
        partner.PartnerName.ShouldBe("Japan");
        partner.Programme!.Code.ShouldBe("JP");
        partner.Mra!.Name.ShouldBe("Chinese Taipei–Japan");
        partner.Mra!.InForceFrom.ShouldBe(new DateOnly(2019, 5, 22));
        partner.Summary!.ShouldContain(
            "recognised in Chinese Taipei under the Chinese Taipei–Japan mutual recognition arrangement, in force since 22 May 2019."
        );

        foreach (var unknown in new[] { NotConsenting, Suspended, Vietnamese, "TW99999999", "not a tin" })
        {
            var response = await anyone.GetAsync($"/api/v1/public/status/{Uri.EscapeDataString(unknown)}");
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, unknown);
            (await response.Content.ReadAsStringAsync()).ShouldContain("is not known here as an Authorized Economic Operator");
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_page_says_it_in_words_and_shares_the_api_limit(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await Register(app);
        var anyone = app.Anonymous();

        var form = WebUtility.HtmlDecode(await anyone.GetStringAsync("/status"));
        form.ShouldContain("<label for=\"tin\">Trader Identification Number</label>");

        var partner = WebUtility.HtmlDecode(await anyone.GetStringAsync($"/status?tin={Japanese}"));
        partner.ShouldContain("Osaka Fine Ceramics K.K. is an Authorized Economic Operator");
        partner.ShouldContain(
            "recognised in Chinese Taipei under the Chinese Taipei–Japan mutual recognition arrangement, in force since 22 May 2019."
        );
        partner.ShouldContain("Japan — Authorized Economic Operator");
        partner.ShouldNotContain("RecognisedUnderMra");

        var unknown = WebUtility.HtmlDecode(await anyone.GetStringAsync($"/status?tin={Suspended}"));
        unknown.ShouldContain($"{Suspended} is not known here as an Authorized Economic Operator");
        unknown.ShouldNotContain("Seal Problems Ltd");

        HttpResponseMessage last = new();
        for (var i = 0; i < 60; i++)
        {
            last = await anyone.GetAsync($"/api/v1/public/status/{Local}");
        }

        last.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var limited = await anyone.GetAsync($"/status?tin={Local}");
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await limited.Content.ReadAsStringAsync()).ShouldContain("Too many checks from your address");
    }
}
