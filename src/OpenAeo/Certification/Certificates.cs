using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record CertificateEventResponse(string Event, DateOnly EffectiveOn, DateTimeOffset RecordedAt, string Actor, string? Reason);

public sealed record CertificateResponse(
    int Id,
    string Number,
    string Programme,
    string Tin,
    string OperatorName,
    string? Tier,
    DateOnly ValidFrom,
    DateOnly? ValidUntil,
    string Status,
    DateOnly StatusSince,
    string? StatusReason,
    int? ApplicationId,
    IReadOnlyList<CertificateEventResponse> Events,
    DateOnly? FollowUpBy = null,
    RevocationNoticeResponse? RevocationNotice = null
);

public sealed record ReasonRequest([Limit(nameof(Limits.Reason))] string? Reason);

/// <summary>
/// What the certificate use cases share: loading a certificate the actor may see, describing it, and the frame of a
/// status change (<see cref="SuspendCertificate"/>, <see cref="ReinstateCertificate"/>). Each change is a
/// <see cref="CertificateEvent"/>, the record the status exchange publishes.
/// </summary>
internal static class Certificates
{
    /// <summary>The certificates the actor may see (a trader: its own operator's), optionally of one operator and in one status.</summary>
    public static async Task<Result<List<CertificateResponse>>> Load(
        OpenAeoDb db,
        Actor actor,
        Tin? tin,
        string? status,
        CancellationToken ct
    ) =>
        ListCertificates.Filter(db, actor, tin, status) is { IsOk: true } query
            ? Result<List<CertificateResponse>>.Ok(
                await Describe(db, await query.Value!.OrderBy(c => c.Number).Take(1000).ToListAsync(ct), ct)
            )
            : new DomainError("forbidden", "Your role may not list certificates.");

    public static async Task<Certificate?> LoadVisible(OpenAeoDb db, int id, Actor actor, CancellationToken ct)
    {
        var certificate = await db.Certificates().Include(c => c.Events).SingleOrDefaultAsync(c => c.Id == id, ct);
        var visible =
            certificate is not null
            && (
                RegistryPermissions.Officers.Contains(actor.Role)
                || (actor.Role == Role.Trader && actor.OperatorTin == certificate.OperatorTin.Value)
            );
        return visible ? certificate : null;
    }

    public static async Task<List<CertificateResponse>> Describe(
        OpenAeoDb db,
        IReadOnlyList<Certificate> certificates,
        CancellationToken ct
    )
    {
        var tins = certificates.Select(c => c.OperatorTin).Distinct().ToList();
        var names = await db.Operators()
            .AsNoTracking()
            .Where(o => tins.Contains(o.Tin))
            .ToDictionaryAsync(o => o.Tin, o => o.LegalName, ct);
        return
        [
            .. certificates.Select(c => new CertificateResponse(
                c.Id,
                c.Number,
                c.ProgrammeCode,
                c.OperatorTin.Value,
                names.GetValueOrDefault(c.OperatorTin, ""),
                c.Tier,
                c.ValidFrom,
                c.ValidUntil,
                c.Status.ToString(),
                c.StatusSince,
                c.StatusReason,
                c.ApplicationId,
                [
                    .. c
                        .Events.OrderBy(e => e.RecordedAt)
                        .ThenBy(e => e.Id)
                        .Select(e => new CertificateEventResponse(e.Kind.ToString(), e.EffectiveOn, e.RecordedAt, e.Actor, e.Reason)),
                ],
                c.FollowUpBy,
                RevocationNoticeResponse.Of(c)
            )),
        ];
    }

    /// <summary>Suspension, reinstatement and revocation are for the programme office (the API's policy says the same).</summary>
    public static bool MayChangeStatus(Actor actor) => RegistryPermissions.ReferenceDataEditors.Contains(actor.Role);

    public static Task<Result<Certificate>>? RefusedOutsideProgrammeOffice(Actor actor) =>
        MayChangeStatus(actor)
            ? null
            : Task.FromResult<Result<Certificate>>(
                new DomainError("forbidden", "Certificates are suspended, reinstated and revoked by the programme office.")
            );

    /// <summary>Loads the certificate, lets the domain decide the change, stores the event, audits and notifies the operator.</summary>
    public static async Task<Result<Certificate>> Execute(
        int id,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        Func<Certificate, DateOnly, DateTimeOffset, string, Result<CertificateEvent>> change,
        CancellationToken ct,
        Func<Certificate, CertificateEvent, DateTimeOffset, Task>? then = null
    )
    {
        var certificate = await LoadVisible(db, id, actor, ct);
        if (certificate is null)
        {
            return new DomainError(ApplicationContext.NotFound, $"There is no certificate {id} that you can see.");
        }

        var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == certificate.ProgrammeCode, ct);
        var now = clock.GetUtcNow();
        var result = change(certificate, ApplicationContext.LocalToday(programme, now), now, actor.Name);
        if (!result.IsOk)
        {
            return Result<Certificate>.Fail(result.Errors);
        }

        await Record(db, certificate, result.Value!, now, actor.Name, null, ct);
        await (then?.Invoke(certificate, result.Value!, now) ?? Task.CompletedTask);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException x) when (DatabaseConflicts.Classify(x) is RaceLoss.Changed or RaceLoss.Duplicate)
        {
            // Two officers (or an officer and the expiry job) changed the certificate at once: the certificate's version
            // let only the first through, so the status log never sees two contradicting events (ADR 0019).
            db.ChangeTracker.Clear();
            var status = await db.Certificates().AsNoTracking().Where(c => c.Id == id).Select(c => c.Status).SingleAsync(ct);
            return new DomainError(
                "certificate.transition",
                $"Certificate {certificate.Number} was changed by someone else at the same time (it is now {status}"
                    + "); nothing was changed. Reload it and decide again."
            );
        }

        return Result<Certificate>.Ok(certificate);
    }

    /// <summary>The audit entry and the operator's notification of a certificate event (details: what else the trail keeps, e.g. both
    /// officers).</summary>
    public static async Task Record(
        OpenAeoDb db,
        Certificate certificate,
        CertificateEvent e,
        DateTimeOffset now,
        string actor,
        object? details,
        CancellationToken ct
    )
    {
        db.Audit(
            now,
            actor,
            $"certificate.{e.Kind.ToString().ToLowerInvariant()}",
            $"certificate:{certificate.Number}",
            e.Reason,
            details
                ?? new
                {
                    e.EffectiveOn,
                    operatorTin = certificate.OperatorTin.Value,
                    programme = certificate.ProgrammeCode,
                }
        );
        await db.NotifyOnceAsync(
            Notification.Create(
                Notification.ForOperator(certificate.OperatorTin.Value),
                $"{e.Kind}:{certificate.Number}:{now.UtcTicks}",
                $"Certificate {certificate.Number}: {e.Kind.ToString().ToLowerInvariant()}",
                e.Reason ?? $"{e.Kind} from {e.EffectiveOn:yyyy-MM-dd}.",
                $"/certificates/{certificate.Id}",
                now,
                NotificationKind.Notices
            ),
            ct
        );
    }
}
