using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

/// <summary>Asked on JP's node about a Taiwanese exporter whose status JP replicates from TW.</summary>
public class Recognising_an_operator
{
    private static readonly Tin Exporter = ParseTin(TwTin);

    /// <summary>The TW–JP MRA: signed in 2025, in force from 1 January 2026, all roles and tiers.</summary>
    private static readonly MraTerms TwJp = new(
        "MRA-TW-JP",
        ["TW", "JP"],
        Day("2025-09-01"),
        Day("2026-01-01"),
        null,
        null,
        OperatorRoles.None,
        []
    );

    /// <summary>Granted on 1 February 2026 at index 41 of TW's log.</summary>
    private static readonly StatusEntry Grant = Granted(41);

    private static readonly DateTimeOffset March = Utc("2026-03-02T09:30:00Z");

    /// <summary>The day in Tokyo, where the question is asked: the day MRA dates are compared with.</summary>
    private static DateOnly InTokyo(DateTimeOffset at) =>
        OpenAeo.Domain.Shared.CalendarDays.DayOf(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));

    private static PartnerRecord Taiwan(MraTerms? mra, params StatusEntry[] entries) => new("TW", mra, 120, entries);

    private static RecognitionAnswer Recognise(DateTimeOffset at, params PartnerRecord[] partners) =>
        Recognition.Recognise(Exporter, at, InTokyo(at), [], partners);

    [Fact]
    public void A_partner_aeo_under_an_mra_in_force_is_recognised_with_its_provenance()
    {
        var answer = Recognise(March, Taiwan(TwJp, Grant));

        answer.ShouldBe(
            new RecognitionAnswer(Exporter, RecognitionResult.RecognisedUnderMra, "MRA-TW-JP", "TW", new Provenance("TW", 41, 120))
        );
    }

    [Fact]
    public void Before_the_mra_enters_into_force_the_aeo_is_only_known()
    {
        var mra = TwJp with { InForceFrom = Day("2026-06-01") };

        var answer = Recognise(March, Taiwan(mra, Grant));

        answer.Result.ShouldBe(RecognitionResult.KnownForeignAeo);
        answer.Mra.ShouldBeNull();
        answer.Provenance.ShouldBe(new Provenance("TW", 41, 120));
    }

    [Fact]
    public void A_signed_mra_without_an_entry_into_force_gives_no_recognition()
    {
        Recognise(March, Taiwan(TwJp with { InForceFrom = null }, Grant)).Result.ShouldBe(RecognitionResult.KnownForeignAeo);
    }

    [Theory]
    [InlineData("2026-03-02", null, RecognitionResult.KnownForeignAeo)]
    [InlineData("2026-03-03", null, RecognitionResult.RecognisedUnderMra)]
    [InlineData(null, "2026-03-02", RecognitionResult.KnownForeignAeo)]
    [InlineData(null, "2026-03-03", RecognitionResult.RecognisedUnderMra)]
    public void A_suspended_or_terminated_mra_stops_recognition_from_that_day(
        string? suspended,
        string? terminated,
        RecognitionResult expected
    )
    {
        var mra = TwJp with
        {
            SuspendedOn = suspended is null ? null : Day(suspended),
            TerminatedOn = terminated is null ? null : Day(terminated),
        };

        Recognise(March, Taiwan(mra, Grant)).Result.ShouldBe(expected);
    }

    [Fact]
    public void A_data_sharing_arrangement_makes_the_aeo_known_but_never_recognised()
    {
        var answer = Recognise(March, Taiwan(mra: null, Grant));

        answer.ShouldBe(new RecognitionAnswer(Exporter, RecognitionResult.KnownForeignAeo, null, "TW", new Provenance("TW", 41, 120)));
    }

    [Fact]
    public void A_suspension_makes_the_operator_not_an_aeo()
    {
        var suspension = Grant with { Sequence = 57, Event = StatusEvent.Suspended, EffectiveAt = Utc("2026-03-01T12:00:00Z") };

        var answer = Recognise(March, Taiwan(TwJp, Grant, suspension));

        answer.ShouldBe(new RecognitionAnswer(Exporter, RecognitionResult.NotAeo, null, "TW", new Provenance("TW", 57, 120)));
    }

    [Fact]
    public void A_date_before_a_suspension_still_sees_the_valid_certificate()
    {
        var suspension = Grant with { Sequence = 57, Event = StatusEvent.Suspended, EffectiveAt = Utc("2026-04-01T00:00:00Z") };

        var answer = Recognise(March, Taiwan(TwJp, suspension, Grant));

        answer.Result.ShouldBe(RecognitionResult.RecognisedUnderMra);
        answer.Provenance!.Index.ShouldBe(41);
    }

    [Fact]
    public void A_reinstatement_after_a_suspension_restores_recognition()
    {
        var suspension = Grant with { Sequence = 57, Event = StatusEvent.Suspended, EffectiveAt = Utc("2026-02-10T00:00:00Z") };
        var reinstatement = Grant with { Sequence = 63, Event = StatusEvent.Reinstated, EffectiveAt = Utc("2026-02-20T00:00:00Z") };

        var answer = Recognise(March, Taiwan(TwJp, Grant, suspension, reinstatement));

        answer.Result.ShouldBe(RecognitionResult.RecognisedUnderMra);
        answer.Provenance!.Index.ShouldBe(63);
    }

    [Fact]
    public void Events_effective_at_the_same_instant_are_ordered_by_their_log_position()
    {
        var revocation = Grant with { Sequence = 42, Event = StatusEvent.Revoked };

        Recognise(March, Taiwan(TwJp, revocation, Grant)).Result.ShouldBe(RecognitionResult.NotAeo);
    }

    [Theory]
    [InlineData(StatusEvent.Revoked)]
    [InlineData(StatusEvent.Expired)]
    [InlineData(StatusEvent.ConsentWithdrawn)]
    public void Revocation_expiry_and_withdrawn_consent_end_aeo_status(StatusEvent ending)
    {
        var end = Grant with { Sequence = 70, Event = ending, EffectiveAt = Utc("2026-03-01T00:00:00Z") };

        Recognise(March, Taiwan(TwJp, Grant, end)).Result.ShouldBe(RecognitionResult.NotAeo);
    }

    [Fact]
    public void A_certificate_past_its_validity_is_not_an_aeo_even_before_the_expiry_event_arrives()
    {
        Recognise(March, Taiwan(TwJp, Grant with { ValidUntil = Day("2026-03-01") })).Result.ShouldBe(RecognitionResult.NotAeo);
    }

    [Fact]
    public void A_role_outside_the_mra_scope_is_only_known()
    {
        var importersOnly = TwJp with { Roles = OperatorRoles.Importer };

        Recognise(March, Taiwan(importersOnly, Grant)).Result.ShouldBe(RecognitionResult.KnownForeignAeo);
    }

    [Theory]
    [InlineData(OperatorRoles.Exporter, RecognitionResult.RecognisedUnderMra)]
    [InlineData(OperatorRoles.Manufacturer, RecognitionResult.KnownForeignAeo)]
    [InlineData(OperatorRoles.Importer, RecognitionResult.KnownForeignAeo)]
    public void Asked_for_a_role_the_operator_must_hold_it_and_the_mra_must_cover_it(OperatorRoles asRole, RecognitionResult expected)
    {
        var exportersOnly = TwJp with { Roles = OperatorRoles.Exporter | OperatorRoles.Importer };

        Recognition.Recognise(Exporter, March, InTokyo(March), [], [Taiwan(exportersOnly, Grant)], asRole).Result.ShouldBe(expected);
    }

    [Theory]
    [InlineData("AA", RecognitionResult.RecognisedUnderMra)]
    [InlineData("aa", RecognitionResult.RecognisedUnderMra)]
    [InlineData("A", RecognitionResult.KnownForeignAeo)]
    [InlineData(null, RecognitionResult.KnownForeignAeo)]
    public void A_tier_scoped_mra_recognises_only_its_tiers(string? tier, RecognitionResult expected)
    {
        var topTierOnly = TwJp with { Tiers = ["AA"] };

        Recognise(March, Taiwan(topTierOnly, Grant with { Tier = tier })).Result.ShouldBe(expected);
    }

    [Fact]
    public void An_mra_that_does_not_name_the_partner_does_not_recognise_its_aeos()
    {
        var koreaJapan = TwJp with { Id = "MRA-KR-JP", Parties = ["KR", "JP"] };

        Recognise(March, Taiwan(koreaJapan, Grant)).Result.ShouldBe(RecognitionResult.KnownForeignAeo);
    }

    [Fact]
    public void A_partner_log_entry_for_another_economy_programme_is_never_an_mra_benefit()
    {
        // Taiwan's log naming a New Zealand certificate: Taiwan cannot vouch for it, whatever MRA links Taiwan and Japan.
        var answer = Recognise(March, Taiwan(TwJp, Grant with { Economy = "NZ", Programme = "NZ" }));

        answer.Result.ShouldBe(RecognitionResult.KnownForeignAeo);
        answer.Mra.ShouldBeNull();
    }

    [Fact]
    public void No_entry_anywhere_is_unknown()
    {
        Recognise(March, Taiwan(TwJp)).ShouldBe(new RecognitionAnswer(Exporter, RecognitionResult.Unknown, null, null, null));
        Recognition.Recognise(Exporter, March, InTokyo(March), [], []).Result.ShouldBe(RecognitionResult.Unknown);
    }

    [Fact]
    public void Only_entries_effective_after_the_date_are_unknown_at_that_date()
    {
        Recognise(Utc("2026-01-15T00:00:00Z"), Taiwan(TwJp, Grant)).Result.ShouldBe(RecognitionResult.Unknown);
    }

    [Fact]
    public void Entries_for_other_operators_say_nothing_about_this_one()
    {
        Recognise(March, Taiwan(TwJp, Granted(41, "TW87654321"))).Result.ShouldBe(RecognitionResult.Unknown);
    }

    [Fact]
    public void Our_own_valid_certificate_makes_a_local_aeo_without_log_provenance()
    {
        var answer = Recognition.Recognise(Exporter, March, InTokyo(March), [Grant], [Taiwan(TwJp, Grant)]);

        answer.ShouldBe(new RecognitionAnswer(Exporter, RecognitionResult.LocalAeo, null, null, null));
    }

    [Fact]
    public void Our_own_suspended_certificate_makes_no_aeo()
    {
        var suspension = Grant with { Sequence = 42, Event = StatusEvent.Suspended, EffectiveAt = Utc("2026-02-15T00:00:00Z") };

        Recognition.Recognise(Exporter, March, InTokyo(March), [Grant, suspension], []).Result.ShouldBe(RecognitionResult.NotAeo);
    }

    [Fact]
    public void The_strongest_answer_among_partners_wins()
    {
        var koreaSuspended = new PartnerRecord("KR", null, 9, [Grant with { Sequence = 3, Event = StatusEvent.Suspended }]);
        var dataSharing = new PartnerRecord("AU", null, 5, [Grant with { Sequence = 2 }]);

        var answer = Recognise(March, koreaSuspended, dataSharing, Taiwan(TwJp, Grant));

        answer.Result.ShouldBe(RecognitionResult.RecognisedUnderMra);
        answer.Partner.ShouldBe("TW");
        Recognise(March, koreaSuspended, dataSharing).Partner.ShouldBe("AU");
    }

    [Theory]
    [InlineData("2025-12-31", false)]
    [InlineData("2026-01-01", true)]
    [InlineData("2030-06-30", true)]
    public void An_mra_is_in_force_from_its_entry_into_force_day(string day, bool expected)
    {
        TwJp.IsInForceOn(Day(day)).ShouldBe(expected);
    }

    /// <summary>
    /// A renewal: the new certificate is granted on 1 October while the old one runs to 13 December, when the old one's
    /// expiry is recorded. The expiry ends the old certificate, not the operator's status.
    /// </summary>
    [Fact]
    public void The_expiry_of_a_renewed_certificate_does_not_end_the_status_its_successor_gives()
    {
        var old = Granted(10) with
        {
            CertificateNumber = "TW-AEO-2022-0004",
            ValidFrom = Day("2022-12-14"),
            ValidUntil = Day("2026-12-13"),
            EffectiveAt = Utc("2022-12-13T16:00:00Z"),
        };
        var renewed = Granted(20) with
        {
            CertificateNumber = "TW-AEO-2026-0007",
            ValidFrom = Day("2026-10-01"),
            EffectiveAt = Utc("2026-09-30T16:00:00Z"),
        };
        var expired = old with { Sequence = 30, Event = StatusEvent.Expired, EffectiveAt = Utc("2026-12-13T16:00:00Z") };
        var afterExpiry = Utc("2027-01-05T03:00:00Z");

        Recognition.EntryAt(Exporter, afterExpiry, [old, renewed, expired]).ShouldBe(renewed);
        Recognise(afterExpiry, Taiwan(TwJp, old, renewed, expired)).Result.ShouldBe(RecognitionResult.RecognisedUnderMra);

        // Once the successor is suspended too, nothing makes an AEO, and the latest event (the suspension) says why.
        var suspended = renewed with { Sequence = 40, Event = StatusEvent.Suspended, EffectiveAt = Utc("2027-01-01T16:00:00Z") };
        Recognition.EntryAt(Exporter, afterExpiry, [old, renewed, expired, suspended]).ShouldBe(suspended);
        Recognise(afterExpiry, Taiwan(TwJp, old, renewed, expired, suspended)).Result.ShouldBe(RecognitionResult.NotAeo);
    }
}
