using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// The MRAs the APEC report names, with the dates it gives (reference-data.md, "MRAs"); loaded on every start when
/// missing (by name), never overwriting what officers changed. Where the report gives a year only, 1 January of that
/// year stands in and the source says so.
/// </summary>
internal sealed class SeedMras : IStartupTask
{
    public const string Report = "APEC report, section II.2 and section V";

    private static readonly string[] DefaultBenefits =
    [
        "Fewer physical and document-based inspections for the partner's AEOs.",
        "Priority examination when an inspection is needed.",
        "Recognition of the partner's AEO validation (no second audit).",
        "Business continuity: priority clearance after a disruption.",
    ];

    private static readonly MonitoringIndicator[] DefaultMonitoring =
    [
        new("Inspection rate of the partner's AEO shipments compared with non-AEO shipments", "at most half", "examination_ratio <= 0.5"),
        new(
            "Time to release of the partner's AEO shipments (Time Release Study)",
            "shorter than for non-AEO shipments",
            "release_ratio <= 1"
        ),
        new("Status updates exchanged within a day of a change", "100%", "exchange_freshness_hours <= 24"),
    ];

    public bool ServeOnly => false;

    public static IReadOnlyList<Mra> Shipped() =>
        [
            Make(
                "New Zealand–United States",
                ["NZ", "US"],
                MraStatus.InForce,
                inForce: new(2007, 1, 1),
                source: $"{Report}: first MRA, 2007 (year only; 1 January used)."
            ),
            Make(
                "Pacific Alliance plurilateral",
                ["PACIFICALLIANCE"],
                MraStatus.InForce,
                inForce: new(2018, 1, 1),
                source: $"{Report}: first plurilateral MRA, 2018 (year only; 1 January used)."
            ),
            Make(
                "Chinese Taipei–Japan",
                ["TW", "JP"],
                MraStatus.InForce,
                inForce: new(2019, 5, 22),
                source: $"{Report}: entry into force 2019-05-22 (TRS tables)."
            ),
            Make(
                "Chinese Taipei–Korea",
                ["TW", "KR"],
                MraStatus.InForce,
                inForce: new(2016, 10, 1),
                source: $"{Report}: entry into force 2016-10-01 (TRS tables)."
            ),
            Make(
                "Australia–Chinese Taipei",
                ["AU", "TW"],
                MraStatus.InForce,
                inForce: new(2019, 6, 1),
                source: $"{Report}: entry into force 2019-06-01 (TRS tables)."
            ),
            Make(
                "New Zealand–Hong Kong, China",
                ["NZ", "HK"],
                MraStatus.InForce,
                inForce: new(2019, 3, 8),
                source: $"{Report}: in force between the TRS windows (before window ends 2019-02-19, after window starts "
                    + "2019-03-08); 2019-03-08 used."
            ),
            Make(
                "Pacific Alliance–Mercosur",
                ["PACIFICALLIANCE", "MERCOSUR"],
                MraStatus.ActionPlan,
                actionPlan: new(2019, 1, 1),
                source: $"{Report}: action plan 2019, under negotiation (year only; 1 January used)."
            ),
        ];

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<OpenAeoDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var existing = (await db.Mras().Select(m => m.Name).ToListAsync(ct)).ToHashSet();
        var economies = (await db.Set<Economy>().Select(e => e.Code).ToListAsync(ct)).ToHashSet();
        foreach (var mra in Shipped().Where(m => !existing.Contains(m.Name) && m.Parties.All(economies.Contains)))
        {
            mra.UpdatedAt = now;
            db.Mras().Add(mra);
        }

        await db.SaveChangesAsync(ct);
    }

    private static Mra Make(
        string name,
        List<string> parties,
        MraStatus status,
        DateOnly? inForce = null,
        DateOnly? actionPlan = null,
        string? source = null
    ) =>
        new()
        {
            Name = name,
            Parties = parties,
            Status = status,
            ActionPlanOn = actionPlan,
            InForceFrom = inForce,
            Roles = OperatorRoles.None,
            Benefits = status == MraStatus.InForce ? [.. DefaultBenefits] : [],
            Monitoring = status == MraStatus.InForce ? [.. DefaultMonitoring] : [],
            Source = source,
        };
}
