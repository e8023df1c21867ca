using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="CertificateNumber">Leave empty for the next number of the programme (<c>TW-AEO-2026-000001</c>).</param>
/// <param name="ValidFrom">Leave empty for today in the programme's time zone.</param>
/// <param name="FollowUpBy">For a conditional grant (programme setting <c>ConditionalGrant</c>): the day open NotMet findings are followed
/// up by.</param>
public sealed record GrantRequest(
    [Limit(nameof(Limits.Tier))] string? Tier,
    [Limit(nameof(Limits.Reference))] string? CertificateNumber,
    DateOnly? ValidFrom,
    [Limit(nameof(Limits.Text))] string? Text,
    DateOnly? FollowUpBy = null
);

/// <summary>
/// A grant issues the certificate with the programme's validity and number. Under four eyes it only prepares the
/// decision, which <see cref="ApproveDecision"/> makes (ADR 0032).
/// </summary>
internal static class GrantApplication
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/applications/{id:int}/grant", Handle).WithIdempotency();

    [EndpointSummary("Grant AEO status: issues the certificate under the programme's validity rules.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        GrantRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        NodeIdentity node,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var outcome = await Execute(id, request, Actor.From(user)!, db, clock, node.Economy, ct);
        return Problems.OkOr(outcome);
    }

    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        GrantRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        string nodeEconomy,
        CancellationToken ct
    ) => RequestLimits.Within(request, () => ApplicationContext.Run(
                db,
                id,
                actor,
                clock,
                async c =>
                {
                    if (Jurisdiction.Refusal(nodeEconomy, c.Programme, "grant certificates") is { } foreign)
                    {
                        return foreign;
                    }

                    // The certificate's details are checked now, so a second officer never approves a grant that cannot be issued.
                    var from = request.ValidFrom ?? c.Today;
                    var trial = Certificate.Issue(
                        request.CertificateNumber is { Length: > 0 } n ? n : "TRIAL-NUMBER",
                        c.Programme.Code,
                        c.Application.OperatorTin,
                        request.Tier,
                        c.Programme.Tiers,
                        from,
                        c.Programme.Validity.ValidUntil(from),
                        c.Application.Id,
                        c.Now,
                        actor.Name
                    );
                    if (!trial.IsOk)
                    {
                        return trial.Errors[0];
                    }

                    var decided = await c.Decide(db, ApplicationAction.Grant, request.Text, ct, followUpBy: request.FollowUpBy);
                    if (!decided.IsOk)
                    {
                        return decided.Errors[0];
                    }

                    if (decided.Value!.Decision.Decided is null)
                    {
                        c.Apply(db, decided.Value, details: "grant prepared for a second officer's approval");
                        c.Application.RecordPreparedDetails(request.Tier, request.CertificateNumber, request.ValidFrom, request.Text, []);
                        return null;
                    }

                    return await Issue(
                        db,
                        c,
                        decided.Value,
                        request.Tier,
                        request.CertificateNumber,
                        request.ValidFrom,
                        request.Text,
                        request.FollowUpBy,
                        ct
                    );
                },
                ct
            ));

    /// <summary>Issues the certificate of a grant that took effect (directly or by approval), records it and tells the operator.</summary>
    public static async Task<DomainError?> Issue(
        OpenAeoDb db,
        ApplicationContext c,
        (ApplicationCommand, ApplicationDecision) decided,
        string? tier,
        string? requestedNumber,
        DateOnly? validFrom,
        string? text,
        DateOnly? followUpBy,
        CancellationToken ct
    )
    {
        var from = validFrom ?? c.Today;
        var numbered = string.IsNullOrWhiteSpace(requestedNumber);
        var number = numbered ? await NextNumber(db, c.Programme, c.Today, ct) : requestedNumber!;
        var issued = Certificate.Issue(
            number,
            c.Programme.Code,
            c.Application.OperatorTin,
            tier,
            c.Programme.Tiers,
            from,
            c.Programme.Validity.ValidUntil(from),
            c.Application.Id,
            c.Now,
            c.Actor.Name
        );
        if (!issued.IsOk)
        {
            return issued.Errors[0];
        }

        var certificate = issued.Value!;
        certificate.RecordFollowUp(followUpBy);
        // A number the officer typed that is taken is their mistake; a number we chose that another grant committed
        // meanwhile is a lost race: the unique index refuses the save and Run takes the next number on fresh data.
        if (!numbered && await db.Certificates().AnyAsync(x => x.Number == certificate.Number, ct))
        {
            return new DomainError("certificate.number", $"Certificate number {certificate.Number} is taken.", "certificateNumber");
        }

        var moved = c.Apply(db, decided, details: $"certificate {certificate.Number}");
        if (!moved.IsOk)
        {
            return moved.Errors[0];
        }

        // The certificate's id is known only once it is saved; Run holds both saves in one transaction.
        db.Certificates().Add(certificate);
        await db.SaveChangesAsync(ct);
        c.Application.RecordGrant(certificate.Id, text);
        db.Audit(
            c.Now,
            c.Actor.Name,
            "certificate.granted",
            $"certificate:{certificate.Number}",
            text,
            new
            {
                application = c.Application.Reference,
                tin = certificate.OperatorTin.Value,
                programme = certificate.ProgrammeCode,
                certificate.Tier,
                certificate.ValidFrom,
                certificate.ValidUntil,
                certificate.FollowUpBy,
                preparedBy = c.Application.DecidedPreparedBy,
                approvedBy = c.Application.ApprovedBy,
            }
        );
        await db.NotifyOnceAsync(
            Notification.Create(
                Notification.ForOperator(certificate.OperatorTin.Value),
                $"granted:{certificate.Number}",
                $"AEO status granted: certificate {certificate.Number}",
                $"Valid from {certificate.ValidFrom:yyyy-MM-dd}"
                    + $"{(certificate.ValidUntil is DateOnly u ? $" until {u:yyyy-MM-dd}" : ", without end date")}."
                    + (followUpBy is DateOnly f ? $" Open findings are followed up by {f:yyyy-MM-dd}." : ""),
                $"/certificates/{certificate.Id}",
                c.Now,
                NotificationKind.Notices
            ),
            ct
        );
        return null;
    }

    /// <summary>The next free certificate number of the programme for the year, e.g. <c>TW-AEO-2026-000007</c>.</summary>
    public static async Task<string> NextNumber(OpenAeoDb db, Programme programme, DateOnly today, CancellationToken ct)
    {
        var prefix = CertificateNumbers.Prefix(programme.Code, today);
        var used = await db.Certificates().Where(x => x.Number.StartsWith(prefix)).Select(x => x.Number).ToListAsync(ct);
        return CertificateNumbers.Next(programme.Code, today, used);
    }
}
