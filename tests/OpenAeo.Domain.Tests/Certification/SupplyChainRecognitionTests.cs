using OpenAeo.Domain.Certification;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.Certification;

/// <summary>Issue 14 item 8: asked on TW's node about a chain with Japanese members whose status TW replicates from JP.</summary>
public class A_supply_chain_with_partner_members
{
    private static readonly Tin Master = ParseTin("TW20000001");
    private static readonly Tin JpCarrier = ParseTin("JP30000001");
    private static readonly Tin JpBroker = ParseTin("JP30000002");

    /// <summary>The TW–JP MRA, in force from 1 January 2026, recognising every role.</summary>
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

    private static readonly DateTimeOffset March = Utc("2026-03-02T09:30:00Z");

    private static StatusEntry JapaneseGrant(Tin tin, OperatorRoles roles, long sequence) =>
        Granted(sequence) with
        {
            Tin = tin,
            Economy = "JP",
            Programme = "JP",
            Roles = roles,
            LegalName = "Nippon Haulage KK",
            CertificateNumber = $"JP-AEO-{sequence}",
        };

    private static RecognitionAnswer Recognise(Tin tin, OperatorRoles role, MraTerms? mra, params StatusEntry[] entries) =>
        Recognition.Recognise(tin, March, Day("2026-03-02"), [], [new PartnerRecord("JP", mra, 50, entries)], role);

    private static SupplyChain Chain()
    {
        var chain = SupplyChain.Create("Formosa export chain", Master, DateTimeOffset.UnixEpoch).Value!;
        chain.Add(JpCarrier, OperatorRoles.SeaCarrier, Participation.Direct);
        chain.Add(JpBroker, OperatorRoles.CustomsBroker, Participation.Indirect);
        return chain;
    }

    [Fact]
    public void A_member_recognised_under_an_mra_in_force_counts_as_certified_and_says_where()
    {
        var carrier = ChainStanding.Of(
            JpCarrier,
            localCertificate: false,
            Recognise(JpCarrier, OperatorRoles.SeaCarrier, TwJp, JapaneseGrant(JpCarrier, OperatorRoles.SeaCarrier, 7))
        );
        var broker = ChainStanding.Of(JpBroker, localCertificate: false, Recognise(JpBroker, OperatorRoles.CustomsBroker, TwJp));
        var master = ChainStanding.Of(Master, localCertificate: true, null);

        carrier.ShouldBe(new ChainStanding(JpCarrier, ChainRecognition.RecognisedUnderMra, "MRA-TW-JP", "JP"));
        broker.Recognition.ShouldBe(ChainRecognition.NotCertified);
        master.Recognition.ShouldBe(ChainRecognition.Local);

        var coverage = Chain()
            .Coverage(
                new Dictionary<Tin, ChainStanding>
                {
                    [Master] = master,
                    [JpCarrier] = carrier,
                    [JpBroker] = broker,
                }
            );
        coverage.Certified.ShouldBe(2);
        coverage.Total.ShouldBe(3);
        coverage.Uncertified.ShouldBe([JpBroker]);
    }

    [Fact]
    public void A_partner_aeo_without_an_mra_in_force_is_not_counted()
    {
        var entry = JapaneseGrant(JpCarrier, OperatorRoles.SeaCarrier, 7);

        ChainStanding
            .Of(JpCarrier, false, Recognise(JpCarrier, OperatorRoles.SeaCarrier, TwJp with { InForceFrom = Day("2026-06-01") }, entry))
            .Counts.ShouldBeFalse();
        ChainStanding.Of(JpCarrier, false, Recognise(JpCarrier, OperatorRoles.SeaCarrier, null, entry)).Counts.ShouldBeFalse();
        ChainStanding
            .Of(JpCarrier, false, Recognise(JpCarrier, OperatorRoles.SeaCarrier, TwJp with { SuspendedOn = Day("2026-03-02") }, entry))
            .Counts.ShouldBeFalse();
    }

    [Fact]
    public void An_mra_that_does_not_cover_the_members_role_in_the_chain_does_not_count_it()
    {
        var exportersOnly = TwJp with { Roles = OperatorRoles.Exporter | OperatorRoles.Importer };
        var entry = JapaneseGrant(JpCarrier, OperatorRoles.SeaCarrier | OperatorRoles.Exporter, 7);

        ChainStanding
            .Of(JpCarrier, false, Recognise(JpCarrier, OperatorRoles.SeaCarrier, exportersOnly, entry))
            .Recognition.ShouldBe(ChainRecognition.NotCertified);
        ChainStanding
            .Of(JpCarrier, false, Recognise(JpCarrier, OperatorRoles.Exporter, exportersOnly, entry))
            .Recognition.ShouldBe(ChainRecognition.RecognisedUnderMra);
    }

    [Fact]
    public void A_suspended_partner_certificate_stops_counting()
    {
        var grant = JapaneseGrant(JpCarrier, OperatorRoles.SeaCarrier, 7);
        var suspended = grant with { Sequence = 9, Event = StatusEvent.Suspended, EffectiveAt = Utc("2026-03-01T00:00:00Z") };

        ChainStanding.Of(JpCarrier, false, Recognise(JpCarrier, OperatorRoles.SeaCarrier, TwJp, grant, suspended)).Counts.ShouldBeFalse();
    }
}
