using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Tests.MutualRecognition;

namespace OpenAeo.Tests.Clearance;

/// <summary>
/// Taiwan's border with a US exporter known from the US node's verified log under an MRA in force from 5 March 2026,
/// and a Vietnamese exporter known only through a data-sharing arrangement. The replicas are written as the
/// replicator leaves them; lanes go through the same recognition the API answers with.
/// </summary>
public class The_mra_credit_at_the_border
{
    private const string UsExporter = "US777";
    private const string VnExporter = "VN777";

    private static async Task<Border> Open(OpenAeoApp app)
    {
        var border = await Border.Open(app);
        var added = await app.Cli(
            "mras",
            "add",
            "--parties",
            "TW,US",
            "--status",
            "InForce",
            "--signed",
            "2025-06-01",
            "--in-force",
            "2026-03-05"
        );
        added.Exit.ShouldBe(0, added.Error);
        var mraId = ExchangeSetUp.MraId(added.Output);
        await app.WithDb(async db =>
        {
            db.Partners().Add(ExchangeSetUp.Replicated("US", "http://127.0.0.1:9", mraId, 1, app.Clock.GetUtcNow()));
            db.Partners().Add(ExchangeSetUp.Replicated("VN", "http://127.0.0.1:9", mraId: null, 1, app.Clock.GetUtcNow()));
            db.ReplicaEntries().Add(Entry("US", UsExporter));
            db.ReplicaEntries().Add(Entry("VN", VnExporter));
            await db.SaveChangesAsync();
        });
        return border;
    }

    private static ReplicaEntry Entry(string economy, string tin)
    {
        var since = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = new StatusEntry(
            0,
            Tin.Parse(tin).Value,
            "Exporter Inc",
            economy,
            economy,
            null,
            OperatorRoles.Exporter,
            $"{economy}-AEO-1",
            StatusEvent.Granted,
            since,
            new DateOnly(2024, 1, 1),
            null,
            since
        );
        return new ReplicaEntry
        {
            Partner = economy,
            Index = 0,
            Tin = tin,
            Json = Encoding.UTF8.GetString(entry.ToCanonicalJson()),
        };
    }

    private static object From(string consignor, string reference) =>
        new
        {
            reference,
            type = "Import",
            mode = "Air",
            originEconomy = consignor[..2],
            destinationEconomy = "TW",
            office = "TWTPE1",
            officeTimeZone = "Asia/Taipei",
            parties = new object[] { new { role = "Importer", tin = Border.OtherImporter }, new { role = "Consignor", tin = consignor } },
            items = new object[] { new { hsCode = "84713000", customsValue = 2_000 } },
        };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Is_earned_from_the_entry_into_force_on_the_office_calendar_and_never_through_data_sharing(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Open(app);

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 23, 30, 0, TimeSpan.FromHours(8)));
        var eve = await Border.Lodge(border.Officer, From(UsExporter, "EVE"));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 5, 0, 30, 0, TimeSpan.FromHours(8)));
        var day = await Border.Lodge(border.Officer, From(UsExporter, "DAY"));
        var shared = await Border.Lodge(border.Officer, From(VnExporter, "SHARED"));

        eve.ConsignorStatus.ShouldBe("KnownForeignAeo");
        eve.Explanation.Credits.ShouldNotContain(c => c.Kind == CreditKind.MraRecognition);
        day.LodgedAt.ShouldBe(new DateTimeOffset(2026, 3, 4, 16, 30, 0, TimeSpan.Zero));
        day.ConsignorStatus.ShouldBe("RecognisedUnderMra");
        day.Explanation.Credits.ShouldContain(c =>
            c.Kind == CreditKind.MraRecognition && c.Tin == UsExporter && c.Points == 30 && c.Partner == "US"
        );
        day.Explanation.Score.ShouldBe(eve.Explanation.Score - 30);
        shared.ConsignorStatus.ShouldBe("KnownForeignAeo");
        shared.Explanation.Credits.ShouldBeEmpty();
        shared.Explanation.Notes.ShouldContain(n => n.Contains("risk information only"));

        // The recognition API answers from the same sources.
        var recognition = await border.Officer.Get<RecognitionResponse>($"/api/v1/recognition/{UsExporter}?at=2026-03-06");
        recognition.Result.ShouldBe("RecognisedUnderMra");
    }
}
