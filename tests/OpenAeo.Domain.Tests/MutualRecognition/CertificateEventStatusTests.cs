using OpenAeo.Domain.Certification;
using OpenAeo.Domain.MutualRecognition;

namespace OpenAeo.Domain.Tests.MutualRecognition;

public class A_certificate_event_publishes
{
    [Theory]
    [InlineData(CertificateEventKind.Granted, StatusEvent.Granted)]
    [InlineData(CertificateEventKind.Suspended, StatusEvent.Suspended)]
    [InlineData(CertificateEventKind.Reinstated, StatusEvent.Reinstated)]
    [InlineData(CertificateEventKind.Revoked, StatusEvent.Revoked)]
    [InlineData(CertificateEventKind.Expired, StatusEvent.Expired)]
    [InlineData(CertificateEventKind.Amended, StatusEvent.Amended)]
    public void The_status_of_the_same_name(CertificateEventKind kind, StatusEvent published) => kind.ToStatusEvent().ShouldBe(published);

    [Fact]
    public void Every_kind_is_mapped_and_none_publishes_a_consent_withdrawal()
    {
        // The theory above names each kind; this fails when a kind is added without a row there.
        Enum.GetValues<CertificateEventKind>().Length.ShouldBe(6);
        Enum.GetValues<CertificateEventKind>().Select(k => k.ToStatusEvent()).ShouldBeUnique();
        Enum.GetValues<CertificateEventKind>().ShouldAllBe(k => k.ToStatusEvent() != StatusEvent.ConsentWithdrawn);
    }
}
