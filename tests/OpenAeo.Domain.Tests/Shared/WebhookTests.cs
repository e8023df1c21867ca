using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpenAeo.Domain.Shared.Webhooks;

namespace OpenAeo.Domain.Tests.Shared;

public class Webhook_signatures
{
    [Fact]
    public void The_signature_reproduces_the_Standard_Webhooks_published_test_vector()
    {
        // The reference libraries' vector: a receiver's off-the-shelf verifier accepts what reproduces it.
        WebhookSignature
            .Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}")
            .ShouldBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    [Fact]
    public void A_new_secret_keys_the_HMAC_with_its_decoded_bytes_and_any_change_of_id_time_or_body_changes_the_signature()
    {
        var key = Enumerable.Range(1, WebhookSignature.SecretBytes).Select(i => (byte)i).ToArray();
        var secret = WebhookSignature.Secret(key);

        secret.ShouldStartWith("whsec_");
        WebhookSignature.KeyOf(secret).ShouldBe(key);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("msg_1.1700000000.{\"a\":1}")));
        WebhookSignature.Sign(secret, "msg_1", 1700000000, "{\"a\":1}").ShouldBe(expected);
        WebhookSignature.Sign(secret, "msg_2", 1700000000, "{\"a\":1}").ShouldNotBe(expected);
        WebhookSignature.Sign(secret, "msg_1", 1700000001, "{\"a\":1}").ShouldNotBe(expected);
        WebhookSignature.Sign(secret, "msg_1", 1700000000, "{\"a\":2}").ShouldNotBe(expected);
    }

    [Theory]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_AAAA")]
    public void Only_a_whsec_secret_of_a_real_key_length_is_a_secret(string secret)
    {
        WebhookSignature.KeyOf(secret).ShouldBeNull();
    }
}

public class Webhook_retries
{
    [Fact]
    public void Failed_attempts_wait_5_s_5_min_30_min_2_h_5_h_10_h_and_10_h_then_give_up()
    {
        var now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        // Jitter 0.5 is the middle of the ±20 % band: the schedule itself.
        var waits = Enumerable.Range(1, 7).Select(n => WebhookRetries.NextAttempt(n, now, 0.5)!.Value - now).ToList();

        waits.ShouldBe([
            TimeSpan.FromSeconds(5),
            TimeSpan.FromMinutes(5),
            TimeSpan.FromMinutes(30),
            TimeSpan.FromHours(2),
            TimeSpan.FromHours(5),
            TimeSpan.FromHours(10),
            TimeSpan.FromHours(10),
        ]);
        WebhookRetries.MaxAttempts.ShouldBe(8);
        WebhookRetries.NextAttempt(8, now, 0.5).ShouldBeNull();
    }

    [Fact]
    public void Jitter_spreads_a_wait_over_a_fifth_either_side_and_no_further()
    {
        var now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

        (WebhookRetries.NextAttempt(2, now, 0)!.Value - now).ShouldBe(TimeSpan.FromMinutes(4));
        (WebhookRetries.NextAttempt(2, now, 0.999999)!.Value - now).TotalSeconds.ShouldBe(360, tolerance: 0.01);
        (WebhookRetries.NextAttempt(2, now, 7)!.Value - now).ShouldBe(TimeSpan.FromMinutes(6));
    }
}

public class Webhook_events_from_the_audit_trail
{
    [Fact]
    public void A_suspension_is_certificate_suspended_with_the_certificate_the_operator_the_day_and_the_reason()
    {
        var e = WebhookEvents.FromAudit(
            "certificate.suspended",
            "certificate:TW-AEO-2018-0042",
            "Seal irregularities",
            """{"effectiveOn":"2026-03-02","operatorTin":"TW12345678","programme":"TW"}"""
        )!;

        e.Type.ShouldBe(WebhookEventTypes.CertificateSuspended);
        var payload = JsonDocument.Parse(e.Payload(new DateTimeOffset(2026, 3, 2, 17, 30, 0, TimeSpan.FromHours(8)))).RootElement;
        payload.GetProperty("type").GetString().ShouldBe("certificate.suspended");
        payload.GetProperty("timestamp").GetString().ShouldBe("2026-03-02T09:30:00.000Z");
        var data = payload.GetProperty("data");
        data.GetProperty("certificateNumber").GetString().ShouldBe("TW-AEO-2018-0042");
        data.GetProperty("operatorTin").GetString().ShouldBe("TW12345678");
        data.GetProperty("effectiveOn").GetString().ShouldBe("2026-03-02");
        data.GetProperty("reason").GetString().ShouldBe("Seal irregularities");
    }

    [Fact]
    public void A_grant_reads_the_TIN_and_first_day_the_grant_records()
    {
        var e = WebhookEvents.FromAudit(
            "certificate.granted",
            "certificate:TW-AEO-2026-0001",
            "All criteria met.",
            """{"application":"APP-1","tin":"TW00000001","programme":"TW","validFrom":"2026-03-02"}"""
        )!;

        e.Type.ShouldBe("certificate.granted");
        e.Data["operatorTin"]!.GetValue<string>().ShouldBe("TW00000001");
        e.Data["effectiveOn"]!.GetValue<string>().ShouldBe("2026-03-02");
        e.Data.ContainsKey("reason").ShouldBeFalse();
    }

    [Theory]
    [InlineData("application.submit", """{"from":"Draft","to":"Submitted","operatorTin":"TW1"}""", "Submitted")]
    [InlineData("application.lapse", """{"from":"Paused","to":"Lapsed"}""", "Lapsed")]
    [InlineData("application.answered", """{"question":"Q1"}""", null)]
    [InlineData("application.review", """{"from":"UnderReview","to":"UnderReview"}""", null)]
    public void An_application_step_is_a_state_change_only_when_its_state_moved(string action, string details, string? to)
    {
        var e = WebhookEvents.FromAudit(action, "application:APP-7", null, details);

        if (to is null)
        {
            e.ShouldBeNull();
        }
        else
        {
            e!.Type.ShouldBe(WebhookEventTypes.ApplicationStateChanged);
            e.Data["to"]!.GetValue<string>().ShouldBe(to);
            e.Data["reference"]!.GetValue<string>().ShouldBe("APP-7");
        }
    }

    [Fact]
    public void Lodging_decides_a_lane_an_ended_examination_has_a_result_a_diverged_partner_and_a_finished_study_are_events()
    {
        var lane = WebhookEvents.FromAudit(
            "declaration.lodged",
            "declaration:D-1",
            null,
            """{"id":"6f1c","lane":"Green","score":12,"importerTin":"TW9"}"""
        )!;
        lane.Type.ShouldBe(WebhookEventTypes.LaneDecided);
        lane.Data["lane"]!.GetValue<string>().ShouldBe("Green");
        lane.Data.ContainsKey("score").ShouldBeFalse();

        var exam = WebhookEvents.FromAudit(
            "declaration.examination-ended",
            "declaration:D-1",
            "seals ok",
            """{"id":"6f1c","result":"Compliant"}"""
        )!;
        exam.Type.ShouldBe(WebhookEventTypes.ExaminationResult);
        exam.Data["result"]!.GetValue<string>().ShouldBe("Compliant");

        WebhookEvents.FromAudit("partner.diverged", "partner:JP", "root mismatch", null)!.Data["economy"]!
            .GetValue<string>()
            .ShouldBe("JP");
        WebhookEvents
            .FromAudit("trs.study.finished", "trs-study:12", null, """{"status":"Succeeded"}""")!
            .Type.ShouldBe(WebhookEventTypes.StudyFinished);
    }

    [Theory]
    [InlineData("certificate:C-1", null)]
    [InlineData("application:APP-7", """{"from":"Submitted","to":"UnderReview"}""")]
    [InlineData("declaration:D-1", """{"id":"6f1c","lane":"Green","result":"Compliant"}""")]
    [InlineData("partner:JP", null)]
    [InlineData("trs-study:12", """{"status":"Succeeded"}""")]
    public void Each_event_type_is_read_from_the_audit_action_the_dispatcher_asks_for_it(string subject, string? details)
    {
        // The dispatcher reads only the actions of the types someone subscribed to: each type's action must make that type.
        WebhookEvents.ActionOf.Keys.ShouldBe(WebhookEventTypes.All, ignoreOrder: true);
        var kind = subject[..subject.IndexOf(':', StringComparison.Ordinal)];
        foreach (
            var (type, action) in WebhookEvents.ActionOf.Where(t =>
                t.Key.StartsWith(kind == "trs-study" ? "study" : kind, StringComparison.Ordinal)
            )
        )
        {
            var asAudited = action.EndsWith('.') ? action + "reviewed" : action;
            WebhookEvents.FromAudit(asAudited, subject, "why", details)!.Type.ShouldBe(type);
        }
    }

    [Theory]
    [InlineData("operator.registered", "operator:TW1")]
    [InlineData("partner.unreachable", "partner:JP")]
    [InlineData("declaration.released", "declaration:D-1")]
    [InlineData("certificate.amended", "certificate:X")]
    [InlineData("certificate.suspended", "webhook:3")]
    public void Other_audit_entries_are_no_events(string action, string subject)
    {
        WebhookEvents.FromAudit(action, subject, null, "not json").ShouldBeNull();
    }

    [Fact]
    public void A_subscription_chooses_from_the_catalogue_only()
    {
        WebhookEventTypes
            .Parse(["study.finished", "certificate.suspended", "certificate.suspended"])
            .Value.ShouldBe(["certificate.suspended", "study.finished"]);
        WebhookEventTypes.Parse(["certificate.deleted"]).Errors.Single().Code.ShouldBe("webhook.event-type");
        WebhookEventTypes.Parse([]).Errors.Single().Code.ShouldBe("webhook.event-types");
        WebhookEventTypes.All.Count.ShouldBe(10);
    }
}

public class Webhook_targets
{
    private static readonly WebhookTargetRules Production = new(false, false);

    [Theory]
    [InlineData("https://hooks.example.org/openaeo", true)]
    [InlineData("http://hooks.example.org/openaeo", false)]
    [InlineData("https://127.0.0.1/x", false)]
    [InlineData("https://localhost/x", false)]
    [InlineData("https://10.1.2.3/x", false)]
    [InlineData("https://169.254.169.254/latest/meta-data", false)]
    [InlineData("https://[::1]/x", false)]
    [InlineData("https://[fd00::1]/x", false)]
    [InlineData("https://user:pass@hooks.example.org/x", false)]
    [InlineData("ftp://hooks.example.org/x", false)]
    [InlineData("/relative", false)]
    public void Production_takes_https_to_public_addresses_only(string url, bool ok)
    {
        WebhookTargets.Check(url, Production).IsOk.ShouldBe(ok);
    }

    [Fact]
    public void A_test_network_setting_allows_plain_http_on_loopback()
    {
        WebhookTargets.Check("http://127.0.0.1:5099/hook", new WebhookTargetRules(true, true)).IsOk.ShouldBeTrue();
        WebhookTargets
            .Check("http://127.0.0.1:5099/hook", new WebhookTargetRules(true, false))
            .Errors.Single()
            .Code.ShouldBe("webhook.url-private");
        WebhookTargets
            .Check("http://hooks.example.org/", new WebhookTargetRules(false, true))
            .Errors.Single()
            .Code.ShouldBe("webhook.url-scheme");
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.64.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("0.0.0.0", false)]
    public void Addresses_a_name_resolves_to_are_public_or_not(string address, bool expected)
    {
        WebhookTargets.IsPublic(IPAddress.Parse(address)).ShouldBe(expected);
    }
}
