using System.Security.Cryptography;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

public class A_status_entry_on_the_wire
{
    // The canonical form is one line; it is written over several here and joined.
    private static readonly string FullEntryJson = """
        {"certificateNumber":"TW-AEO-0042","economy":"TW","effectiveAt":"2026-02-01T00:00:00.000Z","event":"Granted",
        "legalName":"Formosa Precision Ltd","programme":"TW","recordedAt":"2026-02-01T08:15:30.250Z",
        "roles":["Exporter","Manufacturer"],"sequence":7,"tier":"A","tin":"TW12345678","validFrom":"2026-02-01",
        "validUntil":"2028-01-31"}
        """.ReplaceLineEndings("");

    private static readonly StatusEntry FullEntry = Granted(7) with { Tier = "A", ValidUntil = Day("2028-01-31") };

    [Fact]
    public void Is_canonical_json_with_sorted_camel_case_members_millisecond_utc_times_and_plain_dates()
    {
        Text(FullEntry.ToCanonicalJson()).ShouldBe(FullEntryJson);
    }

    [Fact]
    public void Leaves_absent_values_out_rather_than_writing_null()
    {
        var entry = Granted() with
        {
            Tier = null,
            CertificateNumber = null,
            ValidFrom = null,
            ValidUntil = null,
            Roles = OperatorRoles.None,
        };

        var json = Text(entry.ToCanonicalJson());

        json.ShouldNotContain("null");
        json.ShouldNotContain("tier");
        json.ShouldNotContain("certificateNumber");
        json.ShouldNotContain("valid");
        json.ShouldContain("\"roles\":[]");
    }

    [Fact]
    public void Is_already_canonical_so_a_partner_hashing_what_it_received_gets_the_same_leaf()
    {
        var json = FullEntry.ToCanonicalJson();

        CanonicalJson.Canonicalize(json).Value.ShouldBe(json);
        FullEntry.LeafHash().ShouldBe(SHA256.HashData([0x00, .. json]));
    }

    [Fact]
    public void Writes_times_in_utc_at_millisecond_precision()
    {
        var entry = Granted() with
        {
            EffectiveAt = new DateTimeOffset(2026, 3, 2, 17, 30, 0, TimeSpan.FromHours(8)).AddTicks(1234567),
            RecordedAt = new DateTimeOffset(2026, 3, 2, 9, 30, 0, 999, TimeSpan.Zero).AddTicks(9999),
        };

        var json = Text(entry.ToCanonicalJson());

        json.ShouldContain("\"effectiveAt\":\"2026-03-02T09:30:00.123Z\"");
        json.ShouldContain("\"recordedAt\":\"2026-03-02T09:30:00.999Z\"");
        entry.EffectiveAt.ShouldBe(Utc("2026-03-02T09:30:00.123Z"));
        entry.EffectiveAt.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Reads_back_equal_to_what_was_written()
    {
        var entry = FullEntry with { EffectiveAt = FullEntry.EffectiveAt.AddTicks(5555) };

        StatusEntry.Parse(entry.ToCanonicalJson()).Value.ShouldBe(entry);
    }

    [Theory]
    [InlineData(StatusEvent.Suspended)]
    [InlineData(StatusEvent.ConsentWithdrawn)]
    public void Writes_the_event_by_name(StatusEvent statusEvent)
    {
        var entry = Granted() with { Event = statusEvent };

        Text(entry.ToCanonicalJson()).ShouldContain($"\"event\":\"{statusEvent}\"");
        StatusEntry.Parse(entry.ToCanonicalJson()).Value!.Event.ShouldBe(statusEvent);
    }

    [Fact]
    public void Reads_what_a_partner_serves_in_any_layout_ignoring_members_it_does_not_know()
    {
        const string served = """
            {
              "tin": "tw-1234 5678", "sequence": 7, "event": "Granted", "legalName": "Formosa Precision Ltd",
              "economy": "TW", "programme": "TW", "tier": "A", "roles": ["Manufacturer", "Exporter"],
              "certificateNumber": "TW-AEO-0042", "effectiveAt": "2026-02-01T00:00:00Z",
              "validFrom": "2026-02-01", "validUntil": "2028-01-31", "recordedAt": "2026-02-01T08:15:30.25Z",
              "futureField": { "anything": [1, 2] }, "validUntilNote": null
            }
            """;

        StatusEntry.Parse(Utf8(served)).Value.ShouldBe(FullEntry);
    }

    [Fact]
    public void Treats_an_explicit_null_as_absent()
    {
        var result = StatusEntry.Parse(Utf8(FullEntryJson.Replace("\"tier\":\"A\"", "\"tier\":null", StringComparison.Ordinal)));

        result.Value!.Tier.ShouldBeNull();
    }

    [Theory]
    [InlineData("\"sequence\":7", "\"sequence\":7.5", "sequence")]
    [InlineData("\"sequence\":7", "\"sequence\":-1", "sequence")]
    [InlineData("\"sequence\":7", "\"sequence\":\"7\"", "sequence")]
    [InlineData("\"event\":\"Granted\"", "\"event\":\"Pending\"", "event")]
    [InlineData("\"event\":\"Granted\"", "\"event\":\"1\"", "event")]
    [InlineData("\"event\":\"Granted\"", "\"event\":\"granted\"", "event")]
    [InlineData("\"roles\":[\"Exporter\",\"Manufacturer\"]", "\"roles\":[\"Exporter\",\"Smuggler\"]", "roles")]
    [InlineData("\"roles\":[\"Exporter\",\"Manufacturer\"]", "\"roles\":[\"Exporter, Importer\"]", "roles")]
    [InlineData("\"roles\":[\"Exporter\",\"Manufacturer\"]", "\"roles\":[\"2\"]", "roles")]
    [InlineData("\"roles\":[\"Exporter\",\"Manufacturer\"]", "\"roles\":\"Exporter\"", "roles")]
    [InlineData("\"effectiveAt\":\"2026-02-01T00:00:00.000Z\"", "\"effectiveAt\":\"2026-02-01T08:00:00+08:00\"", "effectiveAt")]
    [InlineData("\"effectiveAt\":\"2026-02-01T00:00:00.000Z\"", "\"effectiveAt\":\"2026-02-01\"", "effectiveAt")]
    [InlineData("\"validFrom\":\"2026-02-01\"", "\"validFrom\":\"01/02/2026\"", "validFrom")]
    [InlineData("\"validUntil\":\"2028-01-31\"", "\"validUntil\":\"2025-12-31\"", "validUntil")]
    [InlineData("\"tin\":\"TW12345678\"", "\"tin\":\"12345678\"", "tin")]
    [InlineData("\"economy\":\"TW\"", "\"economy\":\"Chinese Taipei\"", "economy")]
    [InlineData("\"legalName\":\"Formosa Precision Ltd\"", "\"legalName\":\"\"", "legalName")]
    public void Refuses_a_member_of_the_wrong_shape_naming_it(string member, string replacement, string field)
    {
        var result = StatusEntry.Parse(Utf8(FullEntryJson.Replace(member, replacement, StringComparison.Ordinal)));

        result.IsOk.ShouldBeFalse();
        result.Errors.ShouldContain(e => e.Field == field);
    }

    [Theory]
    [InlineData("sequence")]
    [InlineData("tin")]
    [InlineData("legalName")]
    [InlineData("economy")]
    [InlineData("programme")]
    [InlineData("event")]
    [InlineData("effectiveAt")]
    [InlineData("recordedAt")]
    public void Requires_the_members_every_entry_has(string member)
    {
        var entry = System.Text.Json.Nodes.JsonNode.Parse(FullEntryJson)!.AsObject();
        entry.Remove(member);

        var result = StatusEntry.Parse(Utf8(entry.ToJsonString()));

        result
            .Errors.ShouldHaveSingleItem()
            .ShouldBe(new OpenAeo.Domain.Shared.DomainError("json.missing", $"'{member}' is required.", member));
    }

    [Fact]
    public void Names_the_programme_time_zone_its_days_are_in_and_reads_it_back()
    {
        var entry = FullEntry with { TimeZone = "Asia/Taipei", EffectiveAt = Utc("2026-01-31T16:00:00Z") };

        var json = Text(entry.ToCanonicalJson());

        json.ShouldEndWith(
            "\"timeZone\":\"Asia/Taipei\",\"tin\":\"TW12345678\",\"validFrom\":\"2026-02-01\",\"validUntil\":\"2028-01-31\"}"
        );
        StatusEntry.Parse(entry.ToCanonicalJson()).Value.ShouldBe(entry);
        StatusEntry.Parse(Utf8(FullEntryJson)).Value!.TimeZone.ShouldBeNull();
    }

    [Fact]
    public void Refuses_a_time_zone_this_node_cannot_resolve_rather_than_read_its_days_in_another()
    {
        var json = FullEntryJson.Replace("\"tier\":\"A\"", "\"tier\":\"A\",\"timeZone\":\"Mars/Olympus_Mons\"", StringComparison.Ordinal);

        StatusEntry.Parse(Utf8(json)).Errors.ShouldHaveSingleItem().Field.ShouldBe("timeZone");
    }

    [Fact]
    public void Refuses_text_that_is_not_a_json_object()
    {
        StatusEntry.Parse(Utf8("[1,2]")).Errors.ShouldHaveSingleItem().Code.ShouldBe("json.object");
        StatusEntry.Parse(Utf8("{\"tin\":")).Errors.ShouldHaveSingleItem().Code.ShouldBe("json.syntax");
    }
}

public class A_status_entry_says_whether_the_operator_is_an_aeo
{
    private static readonly StatusEntry Certificate = Granted() with
    {
        EffectiveAt = Utc("2026-02-01T10:00:00Z"),
        ValidFrom = Day("2026-02-01"),
        ValidUntil = Day("2028-01-31"),
    };

    [Theory]
    [InlineData("2026-02-01T10:00:00Z", true)]
    [InlineData("2026-02-01T09:59:59Z", false)]
    [InlineData("2028-01-31T23:59:59Z", true)]
    [InlineData("2028-02-01T00:00:00Z", false)]
    public void A_granted_certificate_counts_from_its_effective_time_to_its_last_valid_day(string at, bool expected)
    {
        Certificate.IsAeoAt(Utc(at)).ShouldBe(expected);
    }

    [Fact]
    public void Validity_starting_later_than_the_grant_is_respected()
    {
        var entry = Certificate with { ValidFrom = Day("2026-03-01") };

        entry.IsAeoAt(Utc("2026-02-15T00:00:00Z")).ShouldBeFalse();
        entry.IsAeoAt(Utc("2026-03-01T00:00:00Z")).ShouldBeTrue();
    }

    [Theory]
    [InlineData(StatusEvent.Granted, true)]
    [InlineData(StatusEvent.Reinstated, true)]
    [InlineData(StatusEvent.Amended, true)]
    [InlineData(StatusEvent.Suspended, false)]
    [InlineData(StatusEvent.Revoked, false)]
    [InlineData(StatusEvent.Expired, false)]
    [InlineData(StatusEvent.ConsentWithdrawn, false)]
    public void Only_grant_reinstatement_and_amendment_leave_an_aeo(StatusEvent statusEvent, bool expected)
    {
        (Certificate with { Event = statusEvent }).IsAeoAt(Utc("2026-06-01T00:00:00Z")).ShouldBe(expected);
    }
}
