using OpenAeo.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Tests.MutualRecognition;

namespace OpenAeo.Tests.Certification;

/// <summary>
/// Issue 14, item 7: Japan Customs' validation of a Taiwanese applicant is recognised only under the TW–JP MRA in force, and
/// only for a certificate Japan's verified log (our replica) shows active; the visit keeps the link to that certificate.
/// </summary>
public class A_partner_visit_is_recognised_only_under_an_MRA_in_force
{
    public const string JapaneseTin = "JP4000000001";

    public const string JapaneseCertificate = "JP-AEO-2024-0815";

    /// <summary>The TW–JP MRA (in force from <paramref name="inForceFrom"/>, or only signed), Japan's node and its replicated certificate
    /// for the applicant's Japanese arm.</summary>
    internal static async Task WithJapan(OpenAeoApp app, string? inForceFrom = "2025-01-01", string? jointValidationFrom = null)
    {
        var added = inForceFrom is null
            ? await app.Cli([
                "mras",
                "add",
                "--parties",
                "TW,JP",
                "--status",
                "Signed",
                "--signed",
                "2024-06-01",
                .. jointValidationFrom is null ? Array.Empty<string>() : ["--joint-validation-from", jointValidationFrom],
            ])
            : await app.Cli(
                "mras",
                "add",
                "--parties",
                "TW,JP",
                "--status",
                "InForce",
                "--signed",
                "2024-06-01",
                "--in-force",
                inForceFrom
            );
        added.Exit.ShouldBe(0, added.Error);
        var mraId = ExchangeSetUp.MraId(added.Output);

        // The registry starts with the real TW–JP MRA (in force since 2019), seeded on every start (the CLI's too): each case states its
        // own.
        await app.WithDb(async db =>
        {
            db.Mras().RemoveRange((await db.Mras().ToListAsync()).Where(m => m.Id != mraId && m.Parties.Contains("JP")));
            await db.SaveChangesAsync();
        });
        await app.WithDb(async db =>
        {
            db.Partners().Add(ExchangeSetUp.Replicated("JP", "http://127.0.0.1:9", mraId, 1, app.Clock.GetUtcNow()));
            db.ReplicaEntries().Add(JapaneseAeo());
            await db.SaveChangesAsync();
        });
    }

    /// <summary>A Japanese AEO granted in April 2024, as the first entry of Japan's replicated log.</summary>
    internal static ReplicaEntry JapaneseAeo()
    {
        var since = new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.FromHours(9));
        var entry = new StatusEntry(
            0,
            Tin.Parse(JapaneseTin).Value,
            "Formosa Precision Japan KK",
            "JP",
            "JP",
            null,
            OperatorRoles.Exporter,
            JapaneseCertificate,
            StatusEvent.Granted,
            since,
            new DateOnly(2024, 4, 1),
            null,
            since,
            "Asia/Tokyo"
        );
        return new ReplicaEntry
        {
            Partner = "JP",
            Index = 0,
            Tin = JapaneseTin,
            Json = Encoding.UTF8.GetString(entry.ToCanonicalJson()),
        };
    }

    private static object Visit(string? certificate = JapaneseCertificate, string? tin = null) =>
        new
        {
            partnerEconomy = "JP",
            reference = "JP-V-1",
            performedOn = "2026-02-10",
            report = "Validated by Japan Customs.",
            partnerTin = tin,
            certificateNumber = certificate,
        };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Under_the_TW_JP_MRA_in_force_the_visit_links_the_replicated_Japanese_certificate(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW8");
        await WithJapan(app);
        var id = await applicant.UnderReview();

        var recognised = await applicant.ByOfficer($"/api/v1/applications/{id}/visits/partner", Visit(tin: JapaneseTin));

        var visit = recognised.Visits.Single();
        visit.Status.ShouldBe("RecognisedFromPartner");
        visit.PartnerTin.ShouldBe(JapaneseTin);
        visit.PartnerCertificateNumber.ShouldBe(JapaneseCertificate);
        visit.PartnerMra.ShouldStartWith("MRA-");
        visit.PartnerLink!.ShouldStartWith($"Validated by JP customs, certificate {JapaneseCertificate} ({JapaneseTin}) as replicated on ");
        var audit = await app.WithDb(db => Task.FromResult(db.AuditEntries().Select(a => a.Details).ToList()));
        audit.ShouldContain(d => d != null && d.Contains($"certificate {JapaneseCertificate} of {JapaneseTin}", StringComparison.Ordinal));
        var page = WebUtility.HtmlDecode(await applicant.Officer.GetStringAsync($"/applications/{id}"));
        page.ShouldContain(JapaneseCertificate);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_an_MRA_in_force_the_visit_is_refused_naming_both_economies(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW8");
        await WithJapan(app, inForceFrom: null);
        var id = await applicant.UnderReview();

        var refused = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/visits/partner", Visit());

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        var problem = await refused.Read<Problem>();
        problem
            .For("partnerEconomy")[0]
            .ShouldStartWith(
                "A validation by JP customs is recognised only under an MRA in force between TW and JP (or the "
                    + "joint validations of its action plan); the MRA between TW and JP (MRA-"
            );
        (await applicant.Officer.Get<ApplicationResponse>($"/api/v1/applications/{id}")).Visits.Count.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Before_entry_into_force_the_action_plans_joint_validations_let_the_visit_be_recognised_and_the_trail_says_why(
        string provider
    )
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW8");
        await WithJapan(app, inForceFrom: null, jointValidationFrom: "2025-01-01");
        var id = await applicant.UnderReview();

        var recognised = await applicant.ByOfficer($"/api/v1/applications/{id}/visits/partner", Visit(tin: JapaneseTin));

        recognised.Visits.Single().Status.ShouldBe("RecognisedFromPartner");
        var audit = await app.WithDb(db => Task.FromResult(db.AuditEntries().Select(a => a.Details).ToList()));
        audit.ShouldContain(d =>
            d != null
            && d.Contains("(joint validation under its action plan): certificate " + JapaneseCertificate, StringComparison.Ordinal)
        );
        (await app.Anonymous().GetItemsAsync<MraResponse>("/api/v1/mras")).ShouldContain(m =>
            m.JointValidationFrom == new DateOnly(2025, 1, 1)
        );
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_certificate_Japan_does_not_publish_is_refused(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW8");
        await WithJapan(app);
        var id = await applicant.UnderReview();

        var refused = await applicant.Officer.PostAsJsonAsync(
            $"/api/v1/applications/{id}/visits/partner",
            Visit(certificate: "JP-AEO-9999-0001")
        );

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        (await refused.Read<Problem>())
            .For("certificateNumber")[0]
            .ShouldBe(
                "JP customs' replicated log does not know certificate JP-AEO-9999-0001; a recognised validation "
                    + "names a certificate the partner publishes."
            );
        (await applicant.Officer.Get<ApplicationResponse>($"/api/v1/applications/{id}")).Visits.Count.ShouldBe(0);
    }
}
