using OpenAeo.Domain.MutualRecognition;

namespace OpenAeo.Domain.Certification;

/// <summary>
/// The status a certificate event publishes in the exchange log. Mapped by name, not cast by number: a reordered or
/// extended <see cref="CertificateEventKind"/> must not silently publish the wrong status to partners, so the switch
/// has no default arm and the compiler fails the build when a kind is not mapped (CS8509).
/// </summary>
public static class CertificateEventStatus
{
    public static StatusEvent ToStatusEvent(this CertificateEventKind kind)
    {
        // Only a number outside the enum reaches past the named arms; that is a bug, not a status to publish.
#pragma warning disable CS8524
        return kind switch
        {
            CertificateEventKind.Granted => StatusEvent.Granted,
            CertificateEventKind.Suspended => StatusEvent.Suspended,
            CertificateEventKind.Reinstated => StatusEvent.Reinstated,
            CertificateEventKind.Revoked => StatusEvent.Revoked,
            CertificateEventKind.Expired => StatusEvent.Expired,
            CertificateEventKind.Amended => StatusEvent.Amended,
        };
#pragma warning restore CS8524
    }
}
