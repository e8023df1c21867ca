using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Shared;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

public class A_partners_lifecycle
{
    private static readonly DateTimeOffset Now = Utc("2026-03-02T09:00:00Z");

    private static string NewPublicKey()
    {
        using var key = NewKey();
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    private static Result<PartnerTerms> Check(
        string economy = "JP",
        string? url = "https://customs.jp.example/",
        string? publicKey = null,
        string? apiKey = "their-key",
        bool apiKeyRequired = true,
        Result<int?>? agreement = null,
        bool allowPlainHttp = false
    ) =>
        PartnerTerms.Check(
            economy,
            url,
            publicKey ?? NewPublicKey(),
            apiKey,
            apiKeyRequired,
            agreement ?? Result<int?>.Ok(3),
            "TW",
            allowPlainHttp
        );

    private static PartnerTerms Terms(int? mraId = 3, string? publicKey = null, string? apiKey = "their-key") =>
        Check(publicKey: publicKey, apiKey: apiKey, apiKeyRequired: apiKey is not null, agreement: Result<int?>.Ok(mraId)).Value!;

    private static Partner Registered(PartnerTerms terms)
    {
        var partner = Partner.Registering(null, terms.Economy, Now);
        partner.Apply(terms, "protected", null);
        return partner;
    }

    [Fact]
    public void Terms_are_trimmed_and_keep_the_agreement_the_registry_found()
    {
        var terms = Check(url: " https://customs.jp.example/ ", apiKey: " k ").Value!;

        (terms.Economy, terms.Url, terms.ApiKey, terms.MraId).ShouldBe(("JP", "https://customs.jp.example", "k", (int?)3));
    }

    [Theory]
    [InlineData("J", "https://jp.example", "their-key", "economy")]
    [InlineData("TW", "https://jp.example", "their-key", "economy")]
    [InlineData("JP", "ftp://jp.example", "their-key", "url")]
    [InlineData("JP", "http://jp.example", "their-key", "url")]
    [InlineData("JP", "https://jp.example", " ", "apiKey")]
    public void Bad_terms_name_their_field(string economy, string url, string apiKey, string field) =>
        Check(economy, url, apiKey: apiKey).Errors.Select(e => e.Field).ShouldBe([field]);

    [Fact]
    public void Plain_http_is_allowed_only_on_a_closed_test_network_and_a_change_may_keep_the_stored_api_key()
    {
        Check(url: "http://127.0.0.1:9", allowPlainHttp: true).IsOk.ShouldBeTrue();
        Check(apiKey: null, apiKeyRequired: false).Value!.ApiKey.ShouldBeNull();
    }

    [Fact]
    public void A_key_that_is_not_a_P256_public_key_an_oversized_api_key_and_an_unknown_agreement_are_all_reported()
    {
        var errors = Check(
            publicKey: "bm90IGEga2V5",
            apiKey: new string('k', PartnerTerms.MaxApiKeyLength + 1),
            agreement: new DomainError("partner.agreement", "'MRA-99' is neither an MRA id of the registry nor 'sharing'.", "agreement")
        ).Errors;

        errors.Select(e => e.Field).ShouldBe(["publicKey", "apiKey", "agreement"]);
    }

    [Fact]
    public void A_new_partner_starts_new_under_its_agreement_with_the_key_encrypted_by_the_app()
    {
        var partner = Partner.Registering(null, "JP", Now);
        var applied = partner.Apply(Terms(), "protected", null);

        (partner.Health, partner.CreatedAt, partner.Agreement, partner.ProtectedApiKey, partner.DataSharingId).ShouldBe(
            (PartnerHealth.New, Now, "MRA-3", "protected", (int?)null)
        );
        (applied.ApiKeyChanged, applied.ReplicaRestarted, applied.Url).ShouldBe((true, false, "https://customs.jp.example"));
    }

    [Fact]
    public void A_data_sharing_partner_gets_one_arrangement_and_keeps_it_until_an_MRA_links_us()
    {
        var partner = Partner.Registering(null, "JP", Now);
        var sharing = Terms(mraId: null);
        partner.NeedsDataSharingArrangement(sharing).ShouldBeTrue();
        partner.Apply(sharing, "protected", 7);

        partner.NeedsDataSharingArrangement(sharing).ShouldBeFalse();
        partner.Apply(sharing, null, null).Agreement.ShouldBe("data-sharing");
        partner.DataSharingId.ShouldBe(7);

        partner.Apply(Terms(mraId: 3, publicKey: Convert.ToBase64String(partner.PublicKey)), null, null);
        (partner.MraId, partner.DataSharingId).ShouldBe(((int?)3, (int?)null));
    }

    [Fact]
    public void A_new_log_key_restarts_the_replica_and_the_same_key_keeps_it()
    {
        var key = NewPublicKey();
        var partner = new Partner
        {
            Economy = "JP",
            BaseUrl = "https://customs.jp.example",
            PublicKey = Convert.FromBase64String(key),
            ProtectedApiKey = "protected",
            MraId = 3,
            TreeSize = 12,
            CreatedAt = Now,
        };

        var same = partner.Apply(Terms(publicKey: key, apiKey: null), null, null);
        (same.ReplicaRestarted, same.ApiKeyChanged, partner.TreeSize, partner.ProtectedApiKey).ShouldBe((false, false, 12L, "protected"));

        var other = partner.Apply(Terms(), null, null);
        (other.ReplicaRestarted, partner.TreeSize, partner.VerifiedTreeHead, partner.Health).ShouldBe(
            (true, 0L, (string?)null, PartnerHealth.New)
        );
    }

    [Fact]
    public void Retiring_needs_a_reason_keeps_the_replica_and_happens_once()
    {
        var partner = new Partner
        {
            Economy = "JP",
            MraId = 3,
            TreeSize = 12,
            CreatedAt = Now,
        };

        partner.Retire(" ").Errors.Single().Field.ShouldBe("reason");
        partner.Retire("Japan Customs moved to a new node").Value.ShouldBe(new PartnerRetirement("MRA-3", 12, PartnerHealth.New));
        (partner.Health, partner.TreeSize, partner.NextAttemptAt).ShouldBe((PartnerHealth.Retired, 12L, (DateTimeOffset?)null));

        partner.Retire("again").Errors.Single().Code.ShouldBe("partner.closed");
    }

    [Fact]
    public void A_retired_partner_is_not_pulled_nor_changed_but_registered_again_with_its_replica()
    {
        var key = NewPublicKey();
        var partner = new Partner
        {
            Economy = "JP",
            PublicKey = Convert.FromBase64String(key),
            MraId = 3,
            TreeSize = 12,
            CreatedAt = Now,
        };
        partner.Retire("ended").IsOk.ShouldBeTrue();

        partner.CheckPull().Errors.Single().Code.ShouldBe("partner.closed");
        partner.CheckChange(null).Errors.Single().Code.ShouldBe("partner.closed");

        Partner.Registering(partner, "JP", Now.AddDays(1)).ShouldBeSameAs(partner);
        partner.Apply(Terms(publicKey: key), null, null).ReplicaRestarted.ShouldBeFalse();
        (partner.Health, partner.TreeSize, partner.CreatedAt).ShouldBe((PartnerHealth.New, 12L, Now));
        partner.CheckPull().IsOk.ShouldBeTrue();
    }

    [Fact]
    public void A_partners_economy_cannot_be_changed()
    {
        var partner = Registered(Terms());

        partner.CheckChange(" jp ").IsOk.ShouldBeTrue();
        partner.CheckChange("KR").Errors.Single().Field.ShouldBe("economy");
    }

    [Fact]
    public void Failed_rounds_back_off_exponentially_up_to_six_hours_and_tell_admins_on_a_change_or_a_divergence()
    {
        var partner = Registered(Terms());

        partner.RecordFailure(PartnerHealth.Unreachable, "Unreachable: timeout", Now).ShouldBeTrue();
        (partner.Failures, partner.LastAttemptAt, partner.NextAttemptAt).ShouldBe(
            (1, (DateTimeOffset?)Now, (DateTimeOffset?)Now.AddSeconds(30))
        );
        partner.RecordFailure(PartnerHealth.Unreachable, "Unreachable: timeout", Now).ShouldBeFalse();
        partner.NextAttemptAt.ShouldBe(Now.AddSeconds(60));

        for (var i = 0; i < 30; i++)
        {
            partner.RecordFailure(PartnerHealth.Unreachable, "Unreachable: timeout", Now);
        }

        partner.NextAttemptAt.ShouldBe(Now + Partner.MaxBackOff);
        partner.RecordFailure(PartnerHealth.Diverged, new string('x', Partner.MaxErrorLength + 10), Now).ShouldBeTrue();
        partner.LastError!.Length.ShouldBe(Partner.MaxErrorLength);
        partner.RecordFailure(PartnerHealth.Diverged, "Diverged again", Now).ShouldBeTrue();
        (partner.Health, partner.LastError).ShouldBe((PartnerHealth.Diverged, "Diverged again"));
        Should.Throw<ArgumentOutOfRangeException>(() => partner.RecordFailure(PartnerHealth.Healthy, "", Now));
    }
}
