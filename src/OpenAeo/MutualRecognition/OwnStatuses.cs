using Microsoft.EntityFrameworkCore.Infrastructure;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// One of our own certificate's events as the status log publishes it: whose certificate, which, what happened and from
/// which day, with the certificate's details as they stand. The kind is already the exchange's <see cref="StatusEvent"/>:
/// no integer crosses from Certification.
/// </summary>
internal sealed record CertificateFact(
    long EventId,
    int CertificateId,
    Tin Holder,
    string Programme,
    string? Tier,
    string Number,
    StatusEvent Kind,
    DateOnly EffectiveOn,
    DateOnly ValidFrom,
    DateOnly? ValidUntil,
    DateTimeOffset RecordedAt
);

/// <summary>
/// What the status exchange reads of our own certificates. MutualRecognition sits below Certification (ADR 0049), so it
/// names the question here and Certification answers it (<c>CertificateStatuses</c>, registered by its module). The
/// queries stay composable: the exchange's one-statement look-ups (ADR 0010) take <see cref="EventIds"/> inside their SQL.
/// </summary>
internal interface IOwnStatuses
{
    /// <summary>Every certificate event's id: the publisher's watermark, and what it has not published yet.</summary>
    IQueryable<long> EventIds(OpenAeoDb db);

    /// <summary>The TINs that hold a certificate (any state).</summary>
    IQueryable<Tin> Holders(OpenAeoDb db);

    /// <summary>The events with these ids, in id order.</summary>
    Task<List<CertificateFact>> EventsAsync(OpenAeoDb db, List<long> ids, CancellationToken ct);

    /// <summary>Every event of the certificates of these programmes (of these holders only, unless null), in id order.</summary>
    Task<List<CertificateFact>> OfHoldersAsync(OpenAeoDb db, List<string> programmes, List<Tin>? holders, CancellationToken ct);
}

internal static class OwnStatuses
{
    /// <summary>
    /// The registered answer, from the unit of work's services: the publisher and the recognition sources are reached
    /// from every capability with nothing but a <see cref="OpenAeoDb"/> (ADR 0049 says why this, not a parameter everywhere).
    /// </summary>
    public static IOwnStatuses Of(OpenAeoDb db) => db.GetService<IOwnStatuses>();
}
