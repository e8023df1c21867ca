using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>A notice of intent to revoke as the certificate shows it (to its holder and to officers).</summary>
public sealed record RevocationNoticeResponse(
    DateOnly IssuedOn,
    DateOnly RespondBy,
    string Reason,
    string IssuedBy,
    string? Response,
    DateTimeOffset? RespondedAt,
    string? PreparedBy,
    string? PreparedReason
)
{
    public static RevocationNoticeResponse? Of(Certificate c) =>
        c.RevocationNoticeOn is DateOnly on && c.RevocationRespondBy is DateOnly by
            ? new(
                on,
                by,
                c.RevocationNoticeReason ?? "",
                c.RevocationNoticeBy ?? "",
                c.RevocationResponse,
                c.RevocationRespondedAt,
                c.RevocationPreparedBy,
                c.RevocationPreparedReason
            )
            : null;
}

/// <summary>
/// The frame of the revocation steps: load the certificate the actor may see, let the step decide on the programme's
/// local day, write the audit entry (a revocation also closes the open reassessment, audited), save (a concurrent change makes the later
/// save fail, ADR 0019).
/// </summary>
internal static class CertificateStep
{
    /// <param name="step">Returns an error, or the event it caused (null when nothing was published).</param>
    public static async Task<Result<Certificate>> Run(
        OpenAeoDb db,
        int id,
        Actor actor,
        TimeProvider clock,
        string verb,
        Func<Certificate, Programme, DateOnly, DateTimeOffset, Task<Result<CertificateEvent?>>> step,
        CancellationToken ct
    )
    {
        var certificate = await Certificates.LoadVisible(db, id, actor, ct);
        if (certificate is null)
        {
            return new DomainError(ApplicationContext.NotFound, $"There is no certificate {id} that you can see.");
        }

        var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == certificate.ProgrammeCode, ct);
        var now = clock.GetUtcNow();
        var today = ApplicationContext.LocalToday(programme, now);
        var done = await step(certificate, programme, today, now);
        if (!done.IsOk)
        {
            db.ChangeTracker.Clear();
            return Result<Certificate>.Fail(done.Errors);
        }

        if (
            done.Value is { Kind: CertificateEventKind.Revoked }
            && Monitoring.CloseOnRevocation(
                certificate,
                await db.Reassessments().FirstOrDefaultAsync(r => r.CertificateId == certificate.Id && r.Outcome == null, ct),
                today,
                now,
                actor.Name
            )
                is { } closed
        )
        {
            db.Audit(
                now,
                actor.Name,
                "reassessment.closed",
                $"certificate:{certificate.Number}",
                closed.OutcomeReason,
                new { id = closed.Id, outcome = closed.Outcome.ToString() }
            );
        }

        var trail = new { notice = RevocationNoticeResponse.Of(certificate), preparedBy = certificate.RevocationPreparedBy };
        if (done.Value is { } e)
        {
            // Four eyes: the trail names the officer who prepared the revocation and the one who approved it.
            await Certificates.Record(
                db,
                certificate,
                e,
                now,
                actor.Name,
                new
                {
                    e.EffectiveOn,
                    operatorTin = certificate.OperatorTin.Value,
                    programme = certificate.ProgrammeCode,
                    trail.notice,
                    trail.preparedBy,
                    approvedBy = trail.preparedBy is null ? null : actor.Name,
                },
                ct
            );
        }
        else
        {
            db.Audit(now, actor.Name, $"certificate.{verb}", $"certificate:{certificate.Number}", null, trail);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException x) when (DatabaseConflicts.Classify(x) is RaceLoss.Changed or RaceLoss.Duplicate)
        {
            db.ChangeTracker.Clear();
            return new DomainError(
                "certificate.transition",
                $"Certificate {certificate.Number} was changed by someone else at the same time; nothing was "
                    + "changed. Reload it and decide again."
            );
        }

        return Result<Certificate>.Ok(certificate);
    }

    /// <summary>200 with the certificate as it now is (its programme, events and notice), or the step's problem.</summary>
    public static RouteHandlerBuilder AnswersCertificate(this RouteHandlerBuilder endpoint) =>
        endpoint.AnswersOk<Certificate, CertificateResponse>(
            async (certificate, http) =>
                (await Certificates.Describe(http.RequestServices.GetRequiredService<OpenAeoDb>(), [certificate], http.RequestAborted))[0]
        );

    /// <summary><see cref="Run"/> for the programme office only, once the request is within its limits: notices of intent,
    /// their withdrawal, revocation.</summary>
    public static Task<Result<Certificate>> RunForOffice<TRequest>(
        TRequest request,
        OpenAeoDb db,
        int id,
        Actor actor,
        TimeProvider clock,
        string verb,
        Func<Certificate, Programme, DateOnly, DateTimeOffset, Task<Result<CertificateEvent?>>> step,
        CancellationToken ct
    ) =>
        RequestLimits.Within(request, async () =>
            OfficeOnly(actor) is { } refused ? refused : await Run(db, id, actor, clock, verb, step, ct)
        );

    /// <summary>Only the programme office issues, withdraws and decides notices (the certificate's holder responds).</summary>
    public static DomainError? OfficeOnly(Actor actor) =>
        Certificates.MayChangeStatus(actor)
            ? null
            : new DomainError("forbidden", "Notices of intent and revocations are for the programme office.");
}
