using System.Globalization;
using OpenAeo.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>
/// Issue 10, item 1, end to end: an issuing node (New Zealand in summer at UTC+13, Chinese Taipei at UTC+8, Mexico at
/// UTC−6) certifies four exporters whose status changes on day D — one valid from D, one valid until D, one suspended
/// from D, one that withdraws its consent on D — and Japan replicates its log through the real exchange. At every hour
/// of the issuing programme's days D−1, D and D+1, the issuing node's own recognition and Japan's recognition must follow
/// the programme's calendar day, not the UTC day. The events are recorded at an hour when the local and the UTC dates
/// differ, and the hours where they differ are where UTC midnight used to answer wrongly.
/// </summary>
public sealed class Certificate_days_in_the_programme_time_zone : IDisposable
{
    private static readonly DateOnly D = new(2026, 3, 16);

    private readonly string folder = Directory.CreateTempSubdirectory("openaeo-days-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string, string, string, int> Cases()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (var provider in new[] { "Sqlite", "Postgres" })
        {
            // Economy, its programme's zone, and a local hour on D whose UTC date is another day.
            data.Add(provider, "NZ", "Pacific/Auckland", 10);
            data.Add(provider, "TW", "Asia/Taipei", 7);
            data.Add(provider, "MX", "America/Mexico_City", 20);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Start_end_suspension_and_consent_withdrawal_follow_the_local_day_at_home_and_through_the_exchange(
        string provider,
        string economy,
        string zoneId,
        int hour
    )
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        string Tin(char kind) => $"{economy}{kind}{(economy == "MX" ? "AB010101AB1" : "1234567")}";
        var (starts, ends, suspended, withdraws) = (Tin('1'), Tin('2'), Tin('3'), Tin('4'));

        await using var issuer = await OpenAeoApp.On(provider, economy);
        await using var japan = await OpenAeoApp.On(provider, "JP");
        japan.ExchangeTarget = issuer;
        issuer.Clock.SetUtcNow(
            new DateTimeOffset(
                D.ToDateTime(new TimeOnly(hour, 0)),
                zone.GetUtcOffset(D.ToDateTime(new TimeOnly(hour, 0)))
            ).ToUniversalTime()
        );
        var recordedAt = issuer.Clock.GetUtcNow();
        DateOnly.FromDateTime(recordedAt.UtcDateTime).ShouldNotBe(D, "the events are recorded where the UTC date is not the local one");

        // The issuing register: four consenting exporters and their certificates.
        await Ok(
            issuer,
            "operators",
            "import",
            Write(
                "operators.csv",
                "tin,legal_name,economy,roles,employees,consent",
                $"{starts},Starts Ltd,{economy},Exporter,10,true",
                $"{ends},Ends Ltd,{economy},Exporter,10,true",
                $"{suspended},Suspended Ltd,{economy},Exporter,10,true",
                $"{withdraws},Withdraws Ltd,{economy},Exporter,10,true"
            )
        );
        await Ok(
            issuer,
            "certificates",
            "import",
            Write(
                "certificates.csv",
                "tin,programme,certificate_number,valid_from,valid_until,status",
                $"{starts},{economy},{economy}-1,{D:yyyy-MM-dd},,Active",
                $"{ends},{economy},{economy}-2,{D.AddDays(-400):yyyy-MM-dd},{D:yyyy-MM-dd},Active",
                $"{suspended},{economy},{economy}-3,{D.AddDays(-30):yyyy-MM-dd},,Active",
                $"{withdraws},{economy},{economy}-4,{D.AddDays(-30):yyyy-MM-dd},,Active"
            )
        );
        await Ok(issuer, "exchange", "verify"); // publishes the grants, as the background publisher would within seconds

        // On D, at that hour: a suspension from today and a consent withdrawal.
        var officer = await issuer.ClientAs(Role.ProgrammeOfficer);
        var certificate = (await officer.GetItemsAsync<CertificateResponse>($"/api/v1/certificates?tin={suspended}"))!.Single().Id;
        var suspension = await officer.PostAsJsonAsync(
            $"/api/v1/certificates/{certificate}/suspension",
            new { reason = "Seal irregularities" }
        );
        suspension.StatusCode.ShouldBe(HttpStatusCode.OK, await suspension.Content.ReadAsStringAsync());
        (await suspension.Read<CertificateResponse>()).StatusSince.ShouldBe(D);
        var consent = await officer.PutAsJsonAsync(
            $"/api/v1/operators/{withdraws}",
            new
            {
                tin = withdraws,
                legalName = "Withdraws Ltd",
                economy,
                roles = new[] { "Exporter" },
                employees = 10,
                consentToExchange = false,
                reason = "withdrawn by the operator",
            }
        );
        consent.StatusCode.ShouldBe(HttpStatusCode.OK, await consent.Content.ReadAsStringAsync());

        // Japan: an MRA in force with the issuing economy since 2020, each registered as the other's partner, one pull.
        var identity = Api.Parse<ExchangeIdentity>(await Ok(issuer, "exchange", "identity"));
        var japanKey = await Ok(issuer, ExchangeSetUp.PartnerAccount("japan-customs", "JP"));
        var japanIdentity = Api.Parse<ExchangeIdentity>(await Ok(japan, "exchange", "identity"));
        await Ok(issuer, ExchangeSetUp.AddPartner("JP", "https://japan.test", japanIdentity.PublicKey, "unused", "--agreement", "sharing"));
        var mra = (
            await Ok(
                japan,
                "mras",
                "add",
                "--parties",
                $"{economy},JP",
                "--status",
                "InForce",
                "--signed",
                "2019-06-01",
                "--in-force",
                "2020-01-01"
            )
        ).Trim();
        await Ok(
            japan,
            ExchangeSetUp.AddPartner(
                economy,
                $"https://{economy.ToLowerInvariant()}.test",
                identity.PublicKey,
                japanKey.Trim(),
                "--agreement",
                mra
            )
        );
        (await Ok(japan, "exchange", "pull", "--partner", economy)).ShouldContain($"{economy}: Healthy");

        var atHome = await issuer.ClientAs(Role.BorderOfficer);
        var inJapan = await japan.ClientAs(Role.BorderOfficer);
        var wrong = new List<string>();
        for (var h = 0; h < 72; h++)
        {
            var at = StartOfLocalDay(D.AddDays(-1), zone).AddHours(h).AddMinutes(30);
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(at.UtcDateTime, zone));
            async Task Expect(HttpClient node, string where, string tin, string expected)
            {
                var actual = (
                    await node.Get<RecognitionResponse>($"/api/v1/recognition/{tin}?at={at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}")
                ).Result;
                if (actual != expected)
                {
                    wrong.Add($"{where} {tin} at {at:u} ({day:yyyy-MM-dd} locally): {actual}, expected {expected}");
                }
            }

            await Expect(atHome, "home", starts, day >= D ? "LocalAeo" : "Unknown");
            await Expect(atHome, "home", ends, day <= D ? "LocalAeo" : "NotAeo");
            await Expect(atHome, "home", suspended, day < D ? "LocalAeo" : "NotAeo");
            await Expect(inJapan, "Japan", starts, day >= D ? "RecognisedUnderMra" : "Unknown");
            await Expect(inJapan, "Japan", ends, day <= D ? "RecognisedUnderMra" : "NotAeo");
            await Expect(inJapan, "Japan", suspended, day < D ? "RecognisedUnderMra" : "NotAeo");
            await Expect(inJapan, "Japan", withdraws, day < D ? "RecognisedUnderMra" : "NotAeo");
        }

        wrong.ShouldBeEmpty();
    }

    private static DateTimeOffset StartOfLocalDay(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static async Task<string> Ok(OpenAeoApp app, params string[] args)
    {
        var (exit, output, error) = await app.Cli(args);
        exit.ShouldBe(0, $"openaeo {string.Join(' ', args)}: {error}");
        return output;
    }
}
