using Microsoft.AspNetCore.Hosting;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Tests.Platform.Security;

namespace OpenAeo.Tests.MutualRecognition;

/// <summary>A partner's node is reached over HTTPS: our API key at its node and its status log must not cross the network in the
/// clear.</summary>
public sealed class A_partners_url
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Is_https_unless_a_test_network_allows_plain_http(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var admin = await app.ClientAs(Role.Admin);
        var key = MatrixWorld.NewPublicKey();

        var refused = await admin.PostAsJsonAsync(
            "/api/v1/partners",
            new
            {
                economy = "KR",
                url = "http://aeo.customs.example.kr",
                publicKey = key,
                apiKey = "k",
                agreement = "sharing",
            }
        );
        var cli = await app.Cli(ExchangeSetUp.AddPartner("KR", "http://aeo.customs.example.kr", key, "k"));
        var registered = await admin.PostAsJsonAsync(
            "/api/v1/partners",
            new
            {
                economy = "KR",
                url = "https://aeo.customs.example.kr",
                publicKey = key,
                apiKey = "k",
                agreement = "sharing",
            }
        );
        var changed = await admin.PutAsJsonAsync(
            "/api/v1/partners/KR",
            new
            {
                url = "http://aeo.customs.example.kr",
                publicKey = key,
                agreement = "sharing",
            }
        );

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await refused.Read<Problem>()).For("url")[0].ShouldContain("https://");
        // The error codes are an extension member of the problem, read from its JSON.
        (await refused.Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("codes")
            .EnumerateArray()
            .Select(c => c.GetString())
            .ShouldContain("partner.url");
        cli.Exit.ShouldBe(1);
        cli.Error.ShouldContain("https://");
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        changed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDb(db => db.Partners().AsNoTracking().Select(p => p.BaseUrl).ToListAsync())).ShouldBe([
            "https://aeo.customs.example.kr",
        ]);

        var testNetwork = app.WithWebHostBuilder(b => b.UseSetting(NodeIdentity.AllowPlainHttpSetting, "true"));
        using var testAdmin = testNetwork.CreateClient();
        testAdmin.DefaultRequestHeaders.Add("X-Api-Key", admin.DefaultRequestHeaders.GetValues("X-Api-Key").Single());
        var allowed = await testAdmin.PostAsJsonAsync(
            "/api/v1/partners",
            new
            {
                economy = "JP",
                url = "http://127.0.0.1:9",
                publicKey = MatrixWorld.NewPublicKey(),
                apiKey = "k",
                agreement = "sharing",
            }
        );
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created, await allowed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stored_over_plain_http_before_is_not_replicated_until_it_is_https()
    {
        await using var app = OpenAeoApp.OnSqlite();
        await app.WithDb(async db =>
        {
            db.Partners()
                .Add(
                    new Partner
                    {
                        Economy = "JP",
                        BaseUrl = "http://127.0.0.1:9",
                        PublicKey = Convert.FromBase64String(MatrixWorld.NewPublicKey()),
                        ProtectedApiKey = PartnerKeys.PlainPrefix + "secret",
                        TreeSize = 0,
                        CreatedAt = app.Clock.GetUtcNow(),
                    }
                );
            await db.SaveChangesAsync();
        });

        var result = await app.WithDb(db =>
            app.Services.GetRequiredService<PartnerReplicator>().PullAsync(db, "JP", CancellationToken.None)
        );

        result.Health.ShouldBe(PartnerHealth.Unreachable);
        result.Error!.ShouldContain("plain HTTP");
    }
}
