using OpenAeo.Domain.Certification;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Source"><c>Finding</c>, <c>OutcomeAnswer</c>, <c>ReadinessGap</c> or <c>Monitoring</c>.</param>
/// <param name="Key">The criteria group of the finding, the question code of the answer or gap, or <c>self-review:{id}</c> /
/// <c>reassessment:{id}</c> closed with an improvement plan.</param>
/// <param name="VisitId">For a finding: the visit that recorded it.</param>
/// <param name="Who">The person or role at the company who does it.</param>
/// <param name="DueOn">A day in the programme's time zone.</param>
public sealed record ImprovementActionRequest(
    [Limit(nameof(Limits.Keyword))] string? Source,
    [Limit(nameof(Limits.Name))] string? Key,
    [Limit(nameof(Limits.Id))] int? VisitId,
    [Limit(nameof(Limits.Text))] string? What,
    [Limit(nameof(Limits.Name))] string? Who,
    DateOnly? DueOn
);

/// <summary>
/// The applicant files an action of its improvement plan against an outcome-based answer, a PartlyMet or NotMet
/// visit finding, or an open readiness gap; its account manager is told.
/// </summary>
internal static class FileImprovementAction
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/improvement-actions", Execute).AnswersOk<ApplicationResponse>().WithIdempotency();

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("File an improvement action (what, who, due date) for a finding, an outcome-based answer or a readiness gap.")]
    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        ImprovementActionRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, () => ApplicationContext.Run(
                db,
                id,
                actor,
                clock,
                async c =>
                {
                    if (ImprovementPlans.MayAct(c.Side, Side.Applicant, c.Application.State) is { } refused)
                    {
                        return refused;
                    }

                    if (!Enum.TryParse<ImprovementSource>(request.Source, ignoreCase: true, out var source) || !Enum.IsDefined(source))
                    {
                        return new DomainError(
                            "improvement.source",
                            "Source is Finding, OutcomeAnswer, ReadinessGap or Monitoring.",
                            "source"
                        );
                    }

                    var key = (request.Key ?? "").Trim();
                    var found = await FindSource(db, c, source, key, request.VisitId, ct);
                    if (!found.IsOk)
                    {
                        return found.Errors[0];
                    }

                    var (canonicalKey, rating) = found.Value;
                    var filed = ImprovementAction.File(
                        id,
                        source,
                        canonicalKey,
                        source == ImprovementSource.Finding ? request.VisitId : null,
                        rating,
                        request.What,
                        request.Who,
                        request.DueOn,
                        c.Today,
                        c.Now,
                        actor.Name
                    );
                    if (!filed.IsOk)
                    {
                        return filed.Errors[0];
                    }

                    var action = filed.Value!;
                    db.ImprovementActions().Add(action);
                    db.Audit(
                        c.Now,
                        actor.Name,
                        "improvement.filed",
                        $"application:{c.Application.Reference}",
                        null,
                        new
                        {
                            source = source.ToString(),
                            key = canonicalKey,
                            request.VisitId,
                            rating = rating?.ToString(),
                            action.What,
                            action.Who,
                            action.DueOn,
                        }
                    );
                    if (c.Application.AccountManager is { } manager)
                    {
                        await db.NotifyOnceAsync(
                            Notification.Create(
                                Notification.ForUser(manager),
                                $"improvement:{c.Application.Reference}:{c.Now.UtcTicks}",
                                $"Application {c.Application.Reference}: an improvement action was filed for {canonicalKey}",
                                action.What,
                                $"/applications/{id}",
                                c.Now,
                                NotificationKind.Notices
                            ),
                            ct
                        );
                    }

                    return null;
                },
                ct
            ));

    /// <summary>The source the action answers must exist on this application as the applicant claims it.</summary>
    private static async Task<Result<(string Key, FindingRating? Rating)>> FindSource(
        OpenAeoDb db,
        ApplicationContext c,
        ImprovementSource source,
        string key,
        int? visitId,
        CancellationToken ct
    )
    {
        var id = c.Application.Id;
        switch (source)
        {
            case ImprovementSource.Finding:
                var visit = visitId is int v
                    ? await db.Visits().AsNoTracking().SingleOrDefaultAsync(x => x.Id == v && x.ApplicationId == id, ct)
                    : null;
                if (visit is null)
                {
                    return new DomainError("improvement.visit", "Name the visit whose finding the action answers.", "visitId");
                }

                var finding = visit.Findings.FirstOrDefault(f => string.Equals(f.Group, key, StringComparison.OrdinalIgnoreCase));
                return finding is { Rating: FindingRating.PartlyMet or FindingRating.NotMet }
                    ? Result<(string, FindingRating?)>.Ok((finding.Group, finding.Rating))
                    : new DomainError("improvement.key", $"Visit {visit.Id} has no PartlyMet or NotMet finding for '{key}'.", "key");
            case ImprovementSource.OutcomeAnswer:
                var answers = await db.Answers().AsNoTracking().Where(a => a.ApplicationId == id && a.OutcomeBased).ToListAsync(ct);
                var answer = answers.FirstOrDefault(a => string.Equals(a.QuestionCode, key, StringComparison.OrdinalIgnoreCase));
                return answer is { OutcomeBased: true }
                    ? Result<(string, FindingRating?)>.Ok((answer.QuestionCode, null))
                    : new DomainError("improvement.key", $"Question '{key}' has no outcome-based answer on this application.", "key");
            case ImprovementSource.Monitoring:
                return await MonitoringSource(db, id, key, ct);
            default:
                var gaps = await ApplicationContext.ReadinessOf(db, c.Application, ct);
                var gap = gaps.FirstOrDefault(g => string.Equals(g.QuestionCode, key, StringComparison.OrdinalIgnoreCase));
                return gap is not null
                    ? Result<(string, FindingRating?)>.Ok((gap.QuestionCode, null))
                    : new DomainError("improvement.key", $"Question '{key}' is not an open readiness point of this application.", "key");
        }
    }

    /// <summary>A self-review or reassessment of a certificate this application granted, closed with an improvement plan (ADR
    /// 0040).</summary>
    private static async Task<Result<(string Key, FindingRating? Rating)>> MonitoringSource(
        OpenAeoDb db,
        int applicationId,
        string key,
        CancellationToken ct
    )
    {
        var match = (await MonitoringKeys(db, applicationId, ct)).FirstOrDefault(k =>
            string.Equals(k, key, StringComparison.OrdinalIgnoreCase)
        );
        return match is not null
            ? Result<(string, FindingRating?)>.Ok((match, null))
            : new DomainError(
                "improvement.key",
                $"'{key}' is not a self-review or reassessment of this application's certificate closed with an improvement plan.",
                "key"
            );
    }

    /// <summary>The keys an action of this application may answer from monitoring: its certificate's self-reviews and reassessments closed
    /// with an improvement plan.</summary>
    public static async Task<IReadOnlyList<string>> MonitoringKeys(OpenAeoDb db, int applicationId, CancellationToken ct)
    {
        var certificates = await db.Certificates()
            .AsNoTracking()
            .Where(c => c.ApplicationId == applicationId)
            .Select(c => c.Id)
            .ToListAsync(ct);
        var reviews = await db.SelfReviews()
            .AsNoTracking()
            .Where(r => certificates.Contains(r.CertificateId) && r.Outcome == MonitoringOutcome.ImprovementPlan)
            .OrderBy(r => r.Id)
            .Select(r => r.Id)
            .ToListAsync(ct);
        var reassessments = await db.Reassessments()
            .AsNoTracking()
            .Where(r => certificates.Contains(r.CertificateId) && r.Outcome == MonitoringOutcome.ImprovementPlan)
            .OrderBy(r => r.Id)
            .Select(r => r.Id)
            .ToListAsync(ct);
        return
        [
            .. reviews.Select(r => Monitoring.ImprovementKey(true, r)),
            .. reassessments.Select(r => Monitoring.ImprovementKey(false, r)),
        ];
    }
}
