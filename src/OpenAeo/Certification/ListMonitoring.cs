using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>One line of the officers' monitoring queue.</summary>
/// <param name="Kind"><c>SelfReview</c> (due from the holder), <c>SelfReviewToReview</c> (submitted, waiting for its outcome) or
/// <c>Reassessment</c>.</param>
/// <param name="ItemId">The self-review or reassessment to record the outcome of; null for a self-review not yet submitted.</param>
public sealed record MonitoringItem(
    string Kind,
    int CertificateId,
    string Number,
    string Programme,
    string Tin,
    string OperatorName,
    DateOnly DueOn,
    bool Overdue,
    int? ItemId,
    string Detail
);

public sealed record MonitoringQueueResponse(int Overdue, IReadOnlyList<MonitoringItem> Items);

/// <summary>
/// The officers' queue after the grant: self-reviews due (in the reminder window) or overdue, submitted self-reviews waiting
/// for an outcome, and open reassessments; sorted by due day, each judged on its programme's local day.
/// </summary>
internal static class ListMonitoring
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/monitoring", Handle);

    [Authorize(Policies.Officers)]
    [EndpointSummary(
        "The monitoring queue: self-reviews due or overdue, self-reviews to review and open reassessments, "
            + "by due day, with the overdue count."
    )]
    public static async Task<Ok<MonitoringQueueResponse>> Handle(
        bool? overdueOnly,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => TypedResults.Ok(await Load(db, clock.GetUtcNow(), overdueOnly ?? false, ct));

    public static async Task<MonitoringQueueResponse> Load(OpenAeoDb db, DateTimeOffset now, bool overdueOnly, CancellationToken ct)
    {
        var programmes = await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        var monitored = await CertificateMonitoring.LoadAllAsync(db, programmes, now, tracked: false, ct);
        var tins = monitored.Select(m => m.Certificate.OperatorTin).Distinct().ToList();
        var names = await db.Operators()
            .AsNoTracking()
            .Where(o => tins.Contains(o.Tin))
            .ToDictionaryAsync(o => o.Tin, o => o.LegalName, ct);

        var items = new List<MonitoringItem>();
        foreach (var m in monitored)
        {
            var (c, programme) = (m.Certificate, m.Programme);
            var plan = m.Plan;
            MonitoringItem Item(string kind, DateOnly due, bool overdue, int? id, string detail) =>
                new(
                    kind,
                    c.Id,
                    c.Number,
                    c.ProgrammeCode,
                    c.OperatorTin.Value,
                    names.GetValueOrDefault(c.OperatorTin, ""),
                    due,
                    overdue,
                    id,
                    detail
                );

            if (plan.SelfReviewDue is { } due && plan.SelfReviewInWindow(m.Today))
            {
                items.Add(
                    Item(
                        "SelfReview",
                        due,
                        plan.SelfReviewOverdue(m.Today),
                        null,
                        $"Annual self-review of the certificate year ending {due:yyyy-MM-dd}"
                    )
                );
            }

            foreach (var r in m.Reviews.Where(r => r.Outcome is null))
            {
                var changes = r.Answers.ChangeCount;
                items.Add(
                    Item(
                        "SelfReviewToReview",
                        r.SubmittedOn,
                        false,
                        r.Id,
                        changes == 0 ? "Submitted: no changes reported" : $"Submitted: {changes} change(s) reported"
                    )
                );
            }

            if (m.Open is { } open)
            {
                items.Add(
                    Item(
                        "Reassessment",
                        open.DueOn,
                        m.Today > open.DueOn,
                        open.Id,
                        $"{open.Kind}: {string.Join("; ", open.Triggers.Select(t => t.Reason))}"
                    )
                );
            }
        }

        var overdue = items.Count(i => i.Overdue);
        var shown = items
            .Where(i => !overdueOnly || i.Overdue)
            .OrderBy(i => i.DueOn)
            .ThenBy(i => i.Number, StringComparer.Ordinal)
            .ToList();
        return new MonitoringQueueResponse(overdue, shown);
    }
}
