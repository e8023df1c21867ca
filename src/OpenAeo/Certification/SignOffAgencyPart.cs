using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Findings">One per criterion of the agency the application asks: met, or not met with the reason.</param>
public sealed record AgencySignOffRequest([Limit(nameof(Limits.Entries))] IReadOnlyList<AgencyFinding>? Findings);

/// <summary>
/// An agency officer signs off the agency's part of a validation (ADR 0042): a finding on each of the agency's criteria
/// the application asks. The grant waits for it; a criterion not met blocks the grant as a NotMet visit finding does,
/// until the agency signs again. Signing again replaces the standing sign-off; the audit trail keeps each.
/// </summary>
internal static class SignOffAgencyPart
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/applications/{id:int}/agency-sign-offs/{agency}", Execute).AnswersOk<AgencyPartResponse>();

    [EndpointSummary("An agency signs off its part of a validation: each of its criteria met, or not met with reasons.")]
    [Authorize(nameof(Permission.DecideAgencyCases))]
    public static async Task<Result<AgencyPartResponse>> Execute(
        int id,
        [Limit(nameof(Limits.AgencyCode))] string agency,
        AgencySignOffRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var code = agency.Trim().ToUpperInvariant();
        if (!AgencyAuthority.ActsFor(actor.Role, actor.Agency, code))
        {
            return new DomainError(Problems.ForbiddenCode, $"{code}'s part of a validation is signed by its own officers.");
        }

        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<AgencyPartResponse>.Fail(outOfLimits);
        }

        // Load: an agency officer reads applications but does not act for customs or the applicant.
        var loaded = await ApplicationContext.Load(db, id, actor, clock, ct, forWriting: false);
        if (!loaded.IsOk)
        {
            return Result<AgencyPartResponse>.Fail(loaded.Errors);
        }

        var c = loaded.Value!;
        var parts = await ListAgencySignOffs.PartsOf(db, c.Application, c.Programme, c.Applicant, ct);
        var existing = await db.AgencySignOffs().SingleOrDefaultAsync(s => s.ApplicationId == id && s.Agency == code, ct);

        // Decide.
        var signed = AgencySignOff.Sign(
            existing,
            id,
            code,
            c.Application.State,
            parts.CriteriaOf(code),
            request.Findings ?? [],
            actor.Name,
            c.Today,
            c.Now
        );
        if (!signed.IsOk)
        {
            return Result<AgencyPartResponse>.Fail(signed.Errors);
        }

        // Act: the application's version moves too, so a grant decided on the sign-offs as they were does not commit past this one.
        var signOff = signed.Value!;
        if (existing is null)
        {
            db.AgencySignOffs().Add(signOff);
        }

        db.Entry(c.Application).Property(a => a.UpdatedAt).IsModified = true;
        db.Audit(
            c.Now,
            actor.Name,
            "application.agency-signed-off",
            $"application:{c.Application.Reference}",
            null,
            new
            {
                agency = code,
                standing = signOff.Standing.ToString(),
                findings = signOff.Findings,
                again = existing is not null,
            }
        );
        if (c.Application.AccountManager is { } manager)
        {
            await db.NotifyOnceAsync(
                Notification.Create(
                    Notification.ForUser(manager),
                    $"agency-signed:{c.Application.Reference}:{code}:{c.Now.ToUnixTimeMilliseconds()}",
                    $"{code} signed off its part of {c.Application.Reference}: {signOff.Standing}",
                    string.Join("\n", signOff.Findings.Where(f => !f.Met).Select(f => $"{f.QuestionCode}: {f.Reason}")),
                    $"/applications/{id}",
                    c.Now,
                    NotificationKind.Notices
                ),
                ct
            );
        }

        await db.SaveChangesAsync(ct);
        var after = await ListAgencySignOffs.PartsOf(db, c.Application, c.Programme, c.Applicant, ct);
        return Result<AgencyPartResponse>.Ok((await ListAgencySignOffs.Describe(db, after, ct)).Single(p => p.Agency == code));
    }
}
