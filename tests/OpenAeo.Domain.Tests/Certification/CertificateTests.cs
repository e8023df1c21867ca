using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Tests.Certification;

public class A_certificate
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly From = new(2026, 3, 2);

    private static Certificate Issue(int? years, IReadOnlyList<string>? tiers = null, string? tier = null) =>
        Certificate
            .Issue(
                "MX-AEO-1",
                "MX",
                Tin.Parse("MX1").Value,
                tier,
                tiers ?? [],
                From,
                new ValidityPolicy(years).ValidUntil(From),
                1,
                Now,
                "officer"
            )
            .Value!;

    [Fact]
    public void A_two_year_certificate_is_valid_through_its_last_day_and_expires_the_day_after()
    {
        var mexico = Issue(2);

        mexico.ValidUntil.ShouldBe(new DateOnly(2028, 3, 1));
        mexico.ExpireIfDue(new DateOnly(2028, 3, 1), Now).ShouldBeNull();
        mexico.IsValidOn(new DateOnly(2028, 3, 1)).ShouldBeTrue();
        var expired = mexico.ExpireIfDue(new DateOnly(2028, 3, 2), Now)!;
        expired.Kind.ShouldBe(CertificateEventKind.Expired);
        expired.EffectiveOn.ShouldBe(new DateOnly(2028, 3, 2));
        mexico.Status.ShouldBe(CertificateStatus.Expired);
        mexico.IsValidOn(new DateOnly(2028, 3, 2)).ShouldBeFalse();
    }

    [Fact]
    public void An_indefinite_certificate_never_expires()
    {
        var taipei = Issue(null);

        taipei.ExpireIfDue(new DateOnly(2099, 1, 1), Now).ShouldBeNull();
        taipei.DaysToExpiry(new DateOnly(2099, 1, 1)).ShouldBeNull();
        taipei.Status.ShouldBe(CertificateStatus.Active);
    }

    [Fact]
    public void Suspension_then_reinstatement_then_revocation_are_events_with_reasons()
    {
        var c = Issue(null);

        c.Suspend("seal tampering under investigation", From.AddDays(10), From.AddDays(10), Now, "officer").IsOk.ShouldBeTrue();
        c.IsValidOn(From.AddDays(11)).ShouldBeFalse();
        c.Reinstate("investigation closed", From.AddDays(20), Now, "officer").IsOk.ShouldBeTrue();
        c.Revoke("fraud", From.AddDays(30), Now, "officer").IsOk.ShouldBeTrue();

        c.Events.Select(e => e.Kind)
            .ShouldBe([
                CertificateEventKind.Granted,
                CertificateEventKind.Suspended,
                CertificateEventKind.Reinstated,
                CertificateEventKind.Revoked,
            ]);
        c.Events[1].Reason.ShouldBe("seal tampering under investigation");
        c.Status.ShouldBe(CertificateStatus.Revoked);
    }

    [Fact]
    public void Transitions_that_the_lifecycle_does_not_allow_are_refused_with_the_reason()
    {
        var c = Issue(null);

        c.Reinstate(null, From, Now, "officer").Errors[0].Code.ShouldBe("certificate.transition");
        c.Suspend("", From, From, Now, "officer").Errors[0].Code.ShouldBe("certificate.reason");
        c.Suspend("later", From.AddDays(5), From, Now, "officer").Errors[0].Code.ShouldBe("certificate.effectiveFrom");
        c.Revoke("fraud", From, Now, "officer");
        c.Suspend("again", From, From, Now, "officer").Errors[0].Message.ShouldContain("is revoked");
    }

    [Fact]
    public void A_suspension_cannot_be_dated_before_the_last_reinstatement()
    {
        var c = Issue(null);
        c.Suspend("seal tampering under investigation", From.AddDays(10), From.AddDays(10), Now, "officer").IsOk.ShouldBeTrue();
        c.Reinstate("investigation closed", From.AddDays(20), Now, "officer").IsOk.ShouldBeTrue();

        // Dated before the reinstatement, it would sort before it in the status log and leave the certificate valid there.
        var backdated = c.Suspend("new finding", From.AddDays(15), From.AddDays(25), Now, "officer");

        backdated
            .Errors.ShouldHaveSingleItem()
            .Message.ShouldBe("A suspension cannot take effect before the certificate's last change (2026-03-22).");
        c.Suspend("new finding", From.AddDays(20), From.AddDays(25), Now, "officer").IsOk.ShouldBeTrue();
    }

    [Fact]
    public void A_programme_with_tiers_needs_one_of_them()
    {
        string[] tiers = ["Advanced Certified Enterprise", "General Certified Enterprise"];

        Certificate
            .Issue("CN-1", "CN", Tin.Parse("CN1").Value, null, tiers, From, null, null, Now, "x")
            .Errors[0]
            .Code.ShouldBe("certificate.tier");
        Certificate
            .Issue("CN-1", "CN", Tin.Parse("CN1").Value, "Platinum", tiers, From, null, null, Now, "x")
            .Errors[0]
            .Code.ShouldBe("certificate.tier");
        Certificate
            .Issue("CN-1", "CN", Tin.Parse("CN1").Value, "advanced certified enterprise", tiers, From, null, null, Now, "x")
            .Value!.Tier.ShouldBe(tiers[0]);
        Certificate
            .Issue("TW-1", "TW", Tin.Parse("TW1").Value, "Gold", [], From, null, null, Now, "x")
            .Errors[0]
            .Message.ShouldBe("This programme has no tiers.");
    }
}

public class A_supply_chain
{
    private static Tin T(string tin) => Tin.Parse(tin).Value;

    [Fact]
    public void Coverage_counts_the_master_and_members_and_an_all_AEO_chain_has_no_gaps()
    {
        var chain = SupplyChain.Create("Formosa export chain", T("TW2"), DateTimeOffset.UnixEpoch).Value!;
        chain.Add(T("TW1"), OperatorRoles.Manufacturer, Participation.Direct);
        chain.Add(T("TW3"), OperatorRoles.CustomsBroker, Participation.Indirect);

        var partial = chain.Coverage(new HashSet<Tin> { T("TW2"), T("TW1") });
        var full = chain.Coverage(new HashSet<Tin> { T("TW2"), T("TW1"), T("TW3"), T("JP9") });

        partial.ShouldBe(new ChainCoverage(2, 3, false, [T("TW3")]), new ChainCoverageComparer());
        partial.Share.ShouldBe(2.0 / 3);
        full.AllAeo.ShouldBeTrue();
        full.Certified.ShouldBe(3);
    }

    [Fact]
    public void A_member_joins_once_with_one_role_and_the_master_is_not_a_member()
    {
        var chain = SupplyChain.Create("Chain", T("TW2"), DateTimeOffset.UnixEpoch).Value!;

        chain.Add(T("TW2"), OperatorRoles.Exporter, Participation.Direct).IsOk.ShouldBeFalse();
        chain.Add(T("TW1"), OperatorRoles.Exporter | OperatorRoles.Importer, Participation.Direct).Errors[0].Code.ShouldBe("chain.role");
        chain.Add(T("TW1"), OperatorRoles.Exporter, Participation.Direct).IsOk.ShouldBeTrue();
        chain.Add(T("TW1"), OperatorRoles.Importer, Participation.Direct).Errors[0].Code.ShouldBe("chain.member");
    }

    private sealed class ChainCoverageComparer : IEqualityComparer<ChainCoverage>
    {
        public bool Equals(ChainCoverage? x, ChainCoverage? y) =>
            x is not null
            && y is not null
            && x.Certified == y.Certified
            && x.Total == y.Total
            && x.AllAeo == y.AllAeo
            && x.Uncertified.SequenceEqual(y.Uncertified);

        public int GetHashCode(ChainCoverage obj) => obj.Total;
    }
}

public class Criteria_packs
{
    [Fact]
    public void The_default_pack_covers_the_thirteen_WCO_SAFE_groups()
    {
        DefaultCriteria.Questions(Track.Standard).Select(q => q.Group).Distinct().Count().ShouldBe(13);
        // Outsourcing is allowed per criterion on every track (issue 14 item 3); outcome-based answers stay the SME track's.
        DefaultCriteria.Questions(Track.Standard).ShouldAllBe(q => !q.OutcomeBasedAllowed);
        DefaultCriteria
            .Questions(Track.Standard)
            .Where(q => q.OutsourcingAllowed)
            .Select(q => q.Code)
            .ShouldBe(DefaultCriteria.Questions(Track.Sme).Where(q => q.OutsourcingAllowed).Select(q => q.Code));
        DefaultCriteria.Questions(Track.Sme).ShouldContain(q => q.OutcomeBasedAllowed && q.OutsourcingAllowed);
        DefaultCriteria
            .Questions(Track.Sme)
            .Select(q => q.Code)
            .ShouldBe(
                DefaultCriteria.Questions(Track.Standard).Select(q => q.Code),
                "the SME track keeps the standard; only the evidence is flexible"
            );
    }

    [Fact]
    public void A_new_version_supersedes_the_old_one_and_questions_are_retired_not_deleted()
    {
        var pack = CriteriaPack
            .Create("wco-safe-sme", "SME", Track.Sme, "TW", DefaultCriteria.Questions(Track.Sme), DateTimeOffset.UnixEpoch)
            .Value!;
        var questions = DefaultCriteria.Questions(Track.Sme).ToList();

        pack.NextVersion(questions.Skip(1).ToList(), null, DateTimeOffset.UnixEpoch).Errors[0].Message.ShouldContain(questions[0].Code);
        var next = pack.NextVersion(
            [questions[0] with { Retired = true }, .. questions.Skip(1), new("TW-1", "Cargo security", "Local rule", true, true, false)],
            null,
            DateTimeOffset.UnixEpoch
        ).Value!;

        next.Version.ShouldBe(2);
        pack.Status.ShouldBe(PackStatus.Superseded);
        next.ActiveQuestions.Count().ShouldBe(questions.Count);
        pack.NextVersion(questions, null, DateTimeOffset.UnixEpoch).Errors[0].Code.ShouldBe("pack.status");
    }
}
