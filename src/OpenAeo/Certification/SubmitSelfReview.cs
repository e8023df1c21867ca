using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>
/// The annual self-review: for each subject, whether it changed since the last review and, if so, what changed.
/// </summary>
/// <param name="Premises">Sites opened, closed or moved.</param>
/// <param name="Ownership">Owners, legal form, merger or sale: a change makes a reassessment due.</param>
/// <param name="Partners">Key business partners (carriers, warehouses, suppliers, customers).</param>
/// <param name="Incidents">Security incidents (breaches, thefts, tampering, IT incidents).</param>
/// <param name="Declared">The declaration that the answers are true and complete.</param>
public sealed record SelfReviewRequest(
    bool? PremisesChanged,
    [Limit(nameof(Limits.Text))] string? Premises,
    bool? OwnershipChanged,
    [Limit(nameof(Limits.Text))] string? Ownership,
    bool? PartnersChanged,
    [Limit(nameof(Limits.Text))] string? Partners,
    bool? IncidentsReported,
    [Limit(nameof(Limits.Text))] string? Incidents,
    bool? OtherChanged,
    [Limit(nameof(Limits.Text))] string? Other,
    bool? Declared
)
{
    public SelfReviewAnswers ToAnswers() =>
        new(
            new(PremisesChanged ?? false, Premises),
            new(OwnershipChanged ?? false, Ownership),
            new(PartnersChanged ?? false, Partners),
            new(IncidentsReported ?? false, Incidents),
            new(OtherChanged ?? false, Other),
            Declared ?? false
        );
}

/// <summary>
/// The holder does its annual self-review; a reported change of ownership or legal form triggers a reassessment in the same
/// transaction, and the officers are told.
/// </summary>
internal static class SubmitSelfReview
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/certificates/{id:int}/self-reviews", Execute).AnswersOk<MonitoringResponse>().WithIdempotency();

    [Authorize(Policies.SignedIn)]
    [EndpointSummary(
        "The holder's annual self-review: changes of premises, ownership or legal form, key partners, "
            + "security incidents and others since the last one."
    )]
    public static Task<Result<MonitoringResponse>> Execute(
        int id,
        SelfReviewRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, async () =>
        {
            var certificate = await Certificates.LoadVisible(db, id, actor, ct);
            if (certificate is null)
            {
                return new DomainError(Problems.NotFoundCode, $"There is no certificate {id} that you can see.");
            }

            if (actor.Role != Role.Trader)
            {
                return new DomainError(
                    Problems.ForbiddenCode,
                    "The self-review is done by the certificate's holder; customs records its outcome."
                );
            }

            var now = clock.GetUtcNow();
            var m = await CertificateMonitoring.Load(db, certificate, now, ct);
            var submitted = SelfReview.Submit(certificate, m.LastCovered, m.MonitoredFrom, request.ToAnswers(), m.Today, now, actor.Name);
            if (!submitted.IsOk)
            {
                return Result<MonitoringResponse>.Fail(submitted.Errors);
            }

            var review = submitted.Value!;
            db.SelfReviews().Add(review);
            var answers = request.ToAnswers();
            db.Audit(
                now,
                actor.Name,
                "self-review.submitted",
                $"certificate:{certificate.Number}",
                null,
                new { review.DueOn, changes = answers.Questions().Where(q => q.Answer.Changed).Select(q => q.Field).ToList() }
            );
            if (answers.ChangesTheHolder)
            {
                await CertificateMonitoring.Trigger(
                    db,
                    certificate,
                    ReassessmentKind.Triggered,
                    TriggerSource.SelfReview,
                    answers.Ownership.Details!.Trim(),
                    $"self-review:{review.DueOn:yyyy-MM-dd}",
                    now,
                    actor.Name,
                    ct
                );
            }

            foreach (var officer in await CertificateMonitoring.OfficersOf(db, certificate, ct))
            {
                await db.NotifyOnceAsync(
                    Notification.Create(
                        Notification.ForUser(officer),
                        $"self-review:{certificate.Number}:{review.DueOn:yyyyMMdd}:{officer}",
                        $"Certificate {certificate.Number}: self-review to review",
                        answers.ChangeCount == 0 ? "No changes reported." : $"{answers.ChangeCount} change(s) reported.",
                        $"/certificates/{certificate.Id}#monitoring",
                        now,
                        NotificationKind.Notices
                    ),
                    ct
                );
            }

            return await CertificateMonitoring.SaveAndDescribe(
                db,
                certificate,
                now,
                new DomainError(
                    "self-review.exists",
                    $"The self-review of the certificate year ending {review.DueOn:yyyy-MM-dd} was just submitted "
                        + "by someone else; nothing was changed."
                ),
                ct
            );
        });
}
