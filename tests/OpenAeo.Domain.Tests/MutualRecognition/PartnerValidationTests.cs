using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using static OpenAeo.Domain.Tests.Builders;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

/// <summary>Issue 14, item 7: a partner's validation visit is recognised only under an MRA in force, for a certificate the partner's log
/// shows active.</summary>
public class A_partner_validation_is_recognised_only_under_an_MRA_in_force
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    /// <summary>The TW–JP MRA enters into force on 1 March 2026, a day in Taipei.</summary>
    private static readonly MraTerms TwJp = new(
        "MRA-7",
        ["TW", "JP"],
        Day("2025-06-01"),
        Day("2026-03-01"),
        null,
        null,
        OperatorRoles.None,
        []
    );

    private static readonly StatusEntry JpCertificate = Granted(5) with
    {
        Tin = ParseTin("JP1234567890123"),
        Economy = "JP",
        Programme = "JP",
        CertificateNumber = "JP-AEO-0099",
        EffectiveAt = Utc("2025-01-01T00:00:00Z"),
        ValidFrom = Day("2025-01-01"),
    };

    private static Result<PartnerCertificateLink> Decide(
        DateTimeOffset at,
        IReadOnlyCollection<MraTerms>? mras = null,
        bool dataSharing = false,
        IReadOnlyList<StatusEntry>? entries = null
    ) =>
        PartnerValidation.Decide(
            "TW",
            "JP",
            CalendarDays.DayOf(at, Taipei),
            mras ?? [TwJp],
            dataSharing,
            entries ?? [JpCertificate],
            "JP-AEO-0099",
            at
        );

    [Fact]
    public void An_MRA_entering_into_force_counts_from_the_start_of_the_Taipei_day_while_UTC_is_still_on_the_day_before()
    {
        // 2026-02-28T17:30Z is 01:30 on 1 March in Taipei: the MRA is in force there although the UTC date is 28 February.
        var link = Decide(Utc("2026-02-28T17:30:00Z"));
        link.IsOk.ShouldBeTrue();
        link.Value.ShouldBe(new PartnerCertificateLink("JP", ParseTin("JP1234567890123"), "JP-AEO-0099", "MRA-7", 5));

        // 2026-02-28T15:30Z is 23:30 on 28 February in Taipei: not yet.
        Decide(Utc("2026-02-28T15:30:00Z"))
            .Errors[0]
            .Message.ShouldBe(
                "A validation by JP customs is recognised only under an MRA in force between TW and JP (or the "
                    + "joint validations of its action plan); the MRA between TW and JP (MRA-7) is not in force on "
                    + "2026-02-28 and records no joint validations on that day."
            );
    }

    [Fact]
    public void Before_entry_into_force_the_action_plans_joint_validations_count_from_their_Taipei_day_and_say_so()
    {
        // Signed, not in force; joint validations agreed from 1 December 2025, a day in Taipei.
        var planned = TwJp with { InForceFrom = null, JointValidationFrom = Day("2025-12-01") };

        // 2025-11-30T16:30Z is 00:30 on 1 December in Taipei.
        var link = Decide(Utc("2025-11-30T16:30:00Z"), mras: [planned]);
        link.Value.ShouldBe(
            new PartnerCertificateLink("JP", ParseTin("JP1234567890123"), "JP-AEO-0099", "MRA-7", 5, JointValidation: true)
        );
        link.Value!.Basis.ShouldBe("MRA-7 (joint validation under its action plan)");

        // 23:30 on 30 November in Taipei: not yet; a suspension ends joint validations like recognition.
        Decide(Utc("2025-11-30T15:30:00Z"), mras: [planned]).Errors[0].Code.ShouldBe("visit.no-mra");
        Decide(Utc("2026-01-10T02:00:00Z"), mras: [planned with { SuspendedOn = Day("2026-01-05") }])
            .Errors[0]
            .Code.ShouldBe("visit.no-mra");

        // Once the MRA is in force the visit rests on the MRA itself, not on the joint validations.
        Decide(Utc("2026-03-10T02:00:00Z"), mras: [TwJp with { JointValidationFrom = Day("2025-12-01") }])
            .Value!.JointValidation.ShouldBeFalse();
    }

    [Fact]
    public void Joint_validations_come_with_the_action_plan_and_not_before_it()
    {
        var dates = new MraDates(Day("2025-01-10"), Day("2025-06-01"));
        MraLifecycle.CheckJointValidation(MraStatus.ActionPlan, dates, Day("2025-06-01")).ShouldBeEmpty();
        MraLifecycle.CheckJointValidation(MraStatus.ActionPlan, dates, null).ShouldBeEmpty();
        MraLifecycle
            .CheckJointValidation(MraStatus.ActionPlan, dates, Day("2025-05-31"))
            .Single()
            .Message.ShouldBe("Joint validations start no earlier than the action plan (2025-06-01).");
        MraLifecycle
            .CheckJointValidation(MraStatus.UnderNegotiation, new MraDates(Day("2025-01-10")), Day("2025-06-01"))
            .Single()
            .Field.ShouldBe("jointValidationFrom");
    }

    [Fact]
    public void A_data_sharing_arrangement_is_not_enough_and_the_refusal_says_so()
    {
        var refused = Decide(Utc("2026-03-10T02:00:00Z"), mras: [], dataSharing: true);
        refused.Errors[0].Code.ShouldBe("visit.no-mra");
        refused
            .Errors[0]
            .Message.ShouldBe(
                "A validation by JP customs is recognised only under an MRA in force between TW and JP (or the "
                    + "joint validations of its action plan); TW and JP share AEO status under a data-sharing "
                    + "arrangement only, which gives no recognition of validations."
            );
        Decide(Utc("2026-03-10T02:00:00Z"), mras: []).Errors[0].Message.ShouldEndWith("there is no MRA between TW and JP.");
    }

    [Fact]
    public void An_MRA_with_other_economies_or_a_suspended_one_does_not_cover_the_pair()
    {
        var other = TwJp with { Id = "MRA-8", Parties = ["TW", "KR"] };
        Decide(Utc("2026-03-10T02:00:00Z"), mras: [other]).Errors[0].Message.ShouldEndWith("there is no MRA between TW and JP.");
        var suspended = TwJp with { SuspendedOn = Day("2026-03-05") };
        Decide(Utc("2026-03-10T02:00:00Z"), mras: [suspended])
            .Errors[0]
            .Message.ShouldEndWith("(MRA-7) is not in force on 2026-03-10 and records no joint validations on that day.");
        var bloc = TwJp with { Id = "MRA-9", Parties = ["TW", "JP", "KR"] };
        Decide(Utc("2026-03-10T02:00:00Z"), mras: [bloc]).Value!.Mra.ShouldBe("MRA-9");
    }

    [Fact]
    public void A_certificate_the_partner_does_not_publish_or_shows_revoked_is_refused()
    {
        Decide(Utc("2026-03-10T02:00:00Z"), entries: [])
            .Errors[0]
            .Message.ShouldBe(
                "JP customs' replicated log does not know certificate JP-AEO-0099; a recognised validation names a "
                    + "certificate the partner publishes."
            );
        var revoked = JpCertificate with { Sequence = 6, Event = StatusEvent.Revoked, EffectiveAt = Utc("2026-03-01T00:00:00Z") };
        Decide(Utc("2026-03-10T02:00:00Z"), entries: [JpCertificate, revoked])
            .Errors[0]
            .Message.ShouldBe(
                "JP customs do not show certificate JP-AEO-0099 (JP1234567890123) as an active AEO: its latest status is revoked."
            );

        // A log vouches for its own economy's programmes only.
        var foreign = JpCertificate with { Economy = "KR" };
        Decide(Utc("2026-03-10T02:00:00Z"), entries: [foreign]).Errors[0].Code.ShouldBe("visit.partner-certificate");
    }

    [Fact]
    public void Our_own_economy_is_not_a_partner()
    {
        PartnerValidation
            .Decide("TW", "TW", Day("2026-03-10"), [TwJp], false, [JpCertificate], null, Utc("2026-03-10T02:00:00Z"))
            .Errors[0]
            .Field.ShouldBe("partnerEconomy");
    }
}
