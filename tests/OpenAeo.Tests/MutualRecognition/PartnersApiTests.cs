using System.Security.Cryptography;
using OpenAeo.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>Partners managed over the API: register (MRA or data-sharing), change, retire; Admin only; audited.</summary>
public sealed class PartnersApiTests
{
    private static string NewPublicKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The partner's key as the replicator will send it, after checking that the column holds it encrypted only.</summary>
    private static string StoredKey(OpenAeoApp app, Partner stored)
    {
        stored.ProtectedApiKey.ShouldNotContain("secret");
        stored.ProtectedApiKey.ShouldNotStartWith(PartnerKeys.PlainPrefix);
        return app.Services.GetRequiredService<PartnerKeys>().Reveal(stored);
    }

    private static Task<PartnerResponse> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) =>
        response.Read<PartnerResponse>((int)expected);

    /// <summary>Japan registered by an admin under the default agreement, the seeded MRA.</summary>
    private static async Task<PartnerResponse> RegisterJapan(HttpClient admin, string url, string publicKey, string apiKey) =>
        await Ok(
            await admin.PostAsJsonAsync(
                "/api/v1/partners",
                new
                {
                    economy = "JP",
                    url,
                    publicKey,
                    apiKey,
                }
            ),
            HttpStatusCode.Created
        );

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_admin_registers_a_data_sharing_partner_and_changes_its_url_key_and_agreement(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var admin = await app.ClientAs(Role.Admin);
        var key = NewPublicKey();

        // Korea and Chinese Taipei have an MRA in the registry, but the administrations start with data-sharing only.
        var created = await Ok(
            await admin.PostAsJsonAsync(
                "/api/v1/partners",
                new
                {
                    economy = "KR",
                    url = "https://kr.example/",
                    publicKey = key,
                    apiKey = "secret-1",
                    agreement = "sharing",
                    reason = "pilot",
                }
            ),
            HttpStatusCode.Created
        );
        created.Agreement.ShouldBe("data-sharing");
        created.Url.ShouldBe("https://kr.example");
        var sharingId = await app.WithDb(db => db.Partners().Where(p => p.Economy == "KR").Select(p => p.DataSharingId).SingleAsync());
        sharingId.ShouldNotBeNull();

        // A new URL keeps the key, the replica and the arrangement; the API key at their node is kept when not sent.
        var moved = await Ok(
            await admin.PutAsJsonAsync(
                "/api/v1/partners/kr",
                new
                {
                    url = "https://aeo.kr.example",
                    publicKey = key,
                    agreement = "sharing",
                    reason = "new host",
                }
            )
        );
        moved.Url.ShouldBe("https://aeo.kr.example");
        var stored = await app.WithDb(db => db.Partners().AsNoTracking().SingleAsync(p => p.Economy == "KR"));
        StoredKey(app, stored).ShouldBe("secret-1");
        stored.DataSharingId.ShouldBe(sharingId);

        // Then the MRA: the registry's default when no agreement is named.
        var mra = await Ok(
            await admin.PutAsJsonAsync(
                "/api/v1/partners/KR",
                new
                {
                    url = "https://aeo.kr.example",
                    publicKey = key,
                    apiKey = "secret-2",
                    reason = "MRA in force",
                }
            )
        );
        mra.Agreement!.ShouldStartWith("MRA-");
        StoredKey(app, await app.WithDb(db => db.Partners().AsNoTracking().SingleAsync(p => p.Economy == "KR"))).ShouldBe("secret-2");

        var audit = await app.WithDb(db =>
            db.AuditEntries().AsNoTracking().Where(a => a.Subject == "partner:KR").OrderBy(a => a.Id).ToListAsync()
        );
        audit.Select(a => a.Action).ShouldBe(["partner.registered", "partner.changed", "partner.changed"]);
        audit[1].Reason.ShouldBe("new host");
        audit[2].Details!.ShouldContain("\"apiKeyChanged\":true");
        audit.ShouldAllBe(a => !a.Details!.Contains("secret"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Changing_partners_is_for_admins_and_answers_problems(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var admin = await app.ClientAs(Role.Admin);
        var key = NewPublicKey();
        await RegisterJapan(admin, "https://jp.example", key, "k");

        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        (await officer.PutAsJsonAsync("/api/v1/partners/JP", new { url = "https://x.example", publicKey = key })).StatusCode.ShouldBe(
            HttpStatusCode.Forbidden
        );
        (await officer.PostAsJsonAsync("/api/v1/partners/JP/retirement", new { reason = "no" })).StatusCode.ShouldBe(
            HttpStatusCode.Forbidden
        );
        (
            await app.Anonymous().PutAsJsonAsync("/api/v1/partners/JP", new { url = "https://x.example", publicKey = key })
        ).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await admin.PutAsJsonAsync("/api/v1/partners/NZ", new { url = "https://nz.example", publicKey = key })).StatusCode.ShouldBe(
            HttpStatusCode.NotFound
        );
        var bad = await admin.PutAsJsonAsync(
            "/api/v1/partners/JP",
            new
            {
                url = "ftp://jp.example",
                publicKey = "nope",
                agreement = "MRA-999",
            }
        );
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // The error codes are an extension member of the problem, read from its JSON.
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        problem
            .GetProperty("codes")
            .EnumerateArray()
            .Select(c => c.GetString())
            .ShouldBe(["partner.url", "partner.publicKey", "partner.agreement"], ignoreOrder: true);
        (
            await admin.PutAsJsonAsync(
                "/api/v1/partners/JP",
                new
                {
                    economy = "KR",
                    url = "https://jp.example",
                    publicKey = key,
                }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsJsonAsync("/api/v1/partners/JP/retirement", new { reason = " " })).StatusCode.ShouldBe(
            HttpStatusCode.BadRequest
        );
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Retiring_a_partner_stops_replication_keeps_its_replica_and_no_longer_recognises_under_the_MRA(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var admin = await app.ClientAs(Role.Admin);
        var key = NewPublicKey();
        (await RegisterJapan(admin, "https://jp.example", key, "k")).Agreement!.ShouldStartWith("MRA-");

        // A verified replica as a pull would leave it: one Granted entry for a Japanese exporter.
        const string JapaneseTin = "JP1000000001";
        var entry = new StatusEntry(
            0,
            Tin.FromTrusted(JapaneseTin),
            "Osaka Ceramics K.K.",
            "JP",
            "JP",
            null,
            OperatorRoles.Exporter,
            "JP-AEO-1",
            StatusEvent.Granted,
            new DateTimeOffset(2020, 1, 6, 0, 0, 0, TimeSpan.Zero),
            new DateOnly(2020, 1, 6),
            null,
            new DateTimeOffset(2020, 1, 6, 0, 0, 0, TimeSpan.Zero)
        );
        await app.WithDb(async db =>
        {
            db.ReplicaEntries()
                .Add(
                    new ReplicaEntry
                    {
                        Partner = "JP",
                        Index = 0,
                        Tin = JapaneseTin,
                        Json = Encoding.UTF8.GetString(entry.ToCanonicalJson()),
                    }
                );
            await db.SaveChangesAsync();
            // As the replicator stores a verified round: a compare-and-set on the row, not through the entity.
            await db.Partners()
                .Where(p => p.Economy == "JP")
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.TreeSize, 1L).SetProperty(p => p.Health, PartnerHealth.Healthy));
        });
        var border = await app.ClientAs(Role.BorderOfficer);
        (await border.Get<RecognitionResponse>($"/api/v1/recognition/{JapaneseTin}")).Result.ShouldBe("RecognisedUnderMra");

        var retired = await Ok(
            await admin.PostAsJsonAsync("/api/v1/partners/JP/retirement", new { reason = "Japan Customs moved to a new node" })
        );
        retired.Health.ShouldBe("Retired");
        retired.TreeSize.ShouldBe(1);

        // Replication and changes stop; the replica and its provenance stay, as risk information only.
        (await admin.PostAsync("/api/v1/partners/JP/pull", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.PutAsJsonAsync("/api/v1/partners/JP", new { url = "https://jp.example", publicKey = key })).StatusCode.ShouldBe(
            HttpStatusCode.Conflict
        );
        (await admin.PostAsJsonAsync("/api/v1/partners/JP/retirement", new { reason = "again" })).StatusCode.ShouldBe(
            HttpStatusCode.Conflict
        );
        var (exit, _, error) = await app.Cli("exchange", "pull", "--partner", "JP");
        exit.ShouldBe(1);
        error.ShouldContain("Retired");
        (await app.Cli("exchange", "pull")).Exit.ShouldBe(0);
        var known = await border.Get<RecognitionResponse>($"/api/v1/recognition/{JapaneseTin}");
        known.Result.ShouldBe("KnownForeignAeo");
        known.Provenance!.Partner.ShouldBe("JP");
        (await app.WithDb(db => db.ReplicaEntries().CountAsync(e => e.Partner == "JP"))).ShouldBe(1);
        var audit = await app.WithDb(db => db.AuditEntries().AsNoTracking().SingleAsync(a => a.Action == "partner.retired"));
        audit.Reason.ShouldBe("Japan Customs moved to a new node");

        // Registering it again resumes the exchange with the same replica.
        var again = await RegisterJapan(admin, "https://jp2.example", key, "k2");
        again.Health.ShouldBe("New");
        again.TreeSize.ShouldBe(1);
        (await border.Get<RecognitionResponse>($"/api/v1/recognition/{JapaneseTin}")).Result.ShouldBe("RecognisedUnderMra");
    }
}
