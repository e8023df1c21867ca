using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.TimeRelease;

namespace OpenAeo.Domain.Insights;

/// <summary>A breakdown of the KPIs, besides the whole programme.</summary>
public enum KpiDimension
{
    /// <summary>Micro, small, medium, large (the programme's SME definition).</summary>
    Size,

    /// <summary>The application's track; applies to applications only.</summary>
    Track,

    /// <summary>Each role the operator declares (an operator with two roles counts in both).</summary>
    Role,

    Sector,
}

/// <summary>
/// One value: <paramref name="Kpi"/> for <paramref name="Month"/> (null: the whole period), for the operators in
/// <paramref name="Group"/> of <paramref name="By"/> (<c>all</c>/<c>all</c> for everyone), and for a
/// <paramref name="Detail"/> when the KPI has one (a reason, a lane, a comparison group, an account manager).
/// </summary>
/// <param name="Value">The KPI's value in its unit; null when there is nothing to compute it from (no data).</param>
/// <param name="N">How many records it was computed from (the denominator of a share, the sample of a median, the count itself).</param>
public sealed record KpiValue(string Kpi, string? Month, string By, string Group, string? Detail, double? Value, long N);

/// <summary>
/// The KPIs of a programme over a period, computed from plain records: one pure function, the definition every
/// place that shows a KPI uses (page, API, CLI), and the oracle the DuckDB border query is tested against.
/// </summary>
public static class Kpis
{
    public const string All = "all";

    public static IReadOnlyList<KpiDimension> ParseDimensions(IEnumerable<string>? by, out string? error)
    {
        error = null;
        var result = new List<KpiDimension>();
        foreach (
            var word in (by ?? []).SelectMany(b => b.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        )
        {
            if (!Enum.TryParse<KpiDimension>(word, true, out var d) || !Enum.IsDefined(d) || int.TryParse(word, out _))
            {
                error = $"'{word}' is not a breakdown; use size, track, role or sector.";
                return [];
            }

            if (!result.Contains(d))
            {
                result.Add(d);
            }
        }

        return result;
    }

    public static string Name(KpiDimension dimension) => dimension.ToString().ToLowerInvariant();

    /// <summary>Every registry and certification KPI, per month and for the whole period, for everyone and each group of
    /// <paramref name="by"/>.</summary>
    /// <param name="today">The programme's local day: stocks of the month under way are measured today, not on a day that has not
    /// come.</param>
    public static IReadOnlyList<KpiValue> Compute(KpiInput input, KpiPeriod period, IReadOnlyList<KpiDimension> by, DateOnly today)
    {
        var p = input.Programme;
        var operators = input.Operators.ToDictionary(o => o.Tin, StringComparer.Ordinal);
        var values = new List<KpiValue>();
        var windows = period
            .Months()
            .Select(m => (Label: (string?)m.ToString(), From: m.FirstDay, To: m.Next.FirstDay))
            .Append((null, period.From.FirstDay, period.EndExclusive));
        foreach (var (label, from, to) in windows)
        {
            var w = new Window(label, from, to, today);
            Emit(values, w, All, All, input.Operators, input.Certificates, input.Applications, p, applicationsOnly: false);
            foreach (var dimension in by)
            {
                var name = Name(dimension);
                if (dimension == KpiDimension.Track)
                {
                    foreach (var track in input.Applications.Select(a => a.Track).Distinct().Order())
                    {
                        Emit(
                            values,
                            w,
                            name,
                            TrackName(track),
                            [],
                            [],
                            [.. input.Applications.Where(a => a.Track == track)],
                            p,
                            applicationsOnly: true
                        );
                    }

                    continue;
                }

                var groups = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
                foreach (
                    var tin in input
                        .Operators.Select(o => o.Tin)
                        .Concat(input.Applications.Select(a => a.Tin))
                        .Concat(input.Certificates.Select(c => c.Tin))
                        .Distinct()
                )
                {
                    foreach (var g in GroupsOf(operators.GetValueOrDefault(tin), dimension, p))
                    {
                        (groups.TryGetValue(g, out var set) ? set : groups[g] = new HashSet<string>(StringComparer.Ordinal)).Add(tin);
                    }
                }

                foreach (var (group, tins) in groups)
                {
                    Emit(
                        values,
                        w,
                        name,
                        group,
                        [.. input.Operators.Where(o => tins.Contains(o.Tin))],
                        [.. input.Certificates.Where(c => tins.Contains(c.Tin))],
                        [.. input.Applications.Where(a => tins.Contains(a.Tin))],
                        p,
                        applicationsOnly: false
                    );
                }
            }

            Workload(values, w, input);
        }

        return values;
    }

    public static string TrackName(Track track) => track.ToString().ToLowerInvariant();

    public static string SizeName(SizeClass size) => size.ToString().ToLowerInvariant();

    /// <summary>The groups an operator belongs to in <paramref name="dimension"/>; an operator not in the registry is of unknown size and
    /// sector.</summary>
    public static IEnumerable<string> GroupsOf(KpiOperator? o, KpiDimension dimension, KpiProgramme programme) =>
        dimension switch
        {
            KpiDimension.Size => [SizeName(o is null ? SizeClass.Unknown : SizeClasses.Classify(programme.Sme, o.Employees, o.Turnover))],
            KpiDimension.Sector => [string.IsNullOrWhiteSpace(o?.Sector) ? "unknown" : o.Sector.Trim()],
            KpiDimension.Role => o is null || o.Roles == OperatorRoles.None
                ? ["unknown"]
                : Enum.GetValues<OperatorRoles>().Where(r => r != OperatorRoles.None && o.Roles.HasFlag(r)).Select(r => r.ToString()),
            _ => [],
        };

    private sealed record Window(string? Label, DateOnly From, DateOnly To, DateOnly Today)
    {
        /// <summary>The day stocks are measured: the window's last day, or today in the month under way.</summary>
        public DateOnly LastDay => To.AddDays(-1) < Today ? To.AddDays(-1) : Today;

        public bool Contains(DateOnly day) => day >= From && day < To;
    }

    private static void Emit(
        List<KpiValue> values,
        Window w,
        string by,
        string group,
        IReadOnlyList<KpiOperator> operators,
        IReadOnlyList<KpiCertificate> certificates,
        IReadOnlyList<KpiApplication> applications,
        KpiProgramme p,
        bool applicationsOnly
    )
    {
        void Add(string kpi, double? value, long n, string? detail = null) =>
            values.Add(new KpiValue(kpi, w.Label, by, group, detail, value, n));

        if (!applicationsOnly)
        {
            var registered = operators.Count(o => o.RegisteredOn < w.To);
            var aeoTins = AeosOn(certificates, w.LastDay);
            var sizes = operators.ToDictionary(
                o => o.Tin,
                o => SizeClasses.Classify(p.Sme, o.Employees, o.Turnover),
                StringComparer.Ordinal
            );
            var smeAeos = aeoTins.Count(t => sizes.TryGetValue(t, out var s) && SizeClasses.IsSme(s));
            Add(KpiCatalogue.Operators, registered, registered);
            Add(KpiCatalogue.Aeos, aeoTins.Count, aeoTins.Count);
            Add(KpiCatalogue.AeoShare, Share(aeoTins.Count, registered), registered);
            Add(KpiCatalogue.SmeShareOfAeos, Share(smeAeos, aeoTins.Count), aeoTins.Count);
            var fresh = certificates.Count(c => !c.Renewal && w.Contains(c.ValidFrom));
            var renewed = certificates.Count(c => c.Renewal && w.Contains(c.ValidFrom));
            Add(KpiCatalogue.CertificatesNew, fresh, fresh);
            Add(KpiCatalogue.Renewals, renewed, renewed);
            foreach (
                var (kpi, kind) in new[]
                {
                    (KpiCatalogue.Suspensions, CertificateEventKind.Suspended),
                    (KpiCatalogue.Revocations, CertificateEventKind.Revoked),
                    (KpiCatalogue.Expiries, CertificateEventKind.Expired),
                }
            )
            {
                var n = certificates.Sum(c => c.Events.Count(e => e.Kind == kind && w.Contains(e.EffectiveOn)));
                Add(kpi, n, n);
            }
        }

        // Pipeline: each application counted on the day of the step.
        var started = applications.Count(a => w.Contains(a.StartedOn));
        Add(KpiCatalogue.Started, started, started);
        foreach (
            var (kpi, action) in new[]
            {
                (KpiCatalogue.Consultations, nameof(ApplicationAction.RequestConsultation)),
                (KpiCatalogue.Submitted, nameof(ApplicationAction.Submit)),
            }
        )
        {
            var n = applications.Count(a => a.Events.Any(e => e.Action == action && w.Contains(e.LocalDate)));
            Add(kpi, n, n);
        }

        foreach (
            var (kpi, state) in new[]
            {
                (KpiCatalogue.Withdrawn, ApplicationState.Withdrawn),
                (KpiCatalogue.Rejected, ApplicationState.Rejected),
                (KpiCatalogue.Granted, ApplicationState.Granted),
            }
        )
        {
            var n = applications.Count(a => Closing(a) is { } e && e.To == state && w.Contains(e.LocalDate));
            Add(kpi, n, n);
        }

        var consulted = applications
            .Where(a =>
                Closing(a) is { } e
                && w.Contains(e.LocalDate)
                && a.Events.Any(x => x.Action == nameof(ApplicationAction.RequestConsultation))
            )
            .ToList();
        Add(
            KpiCatalogue.ConsultationToGrant,
            Share(consulted.Count(a => Closing(a)!.To == ApplicationState.Granted), consulted.Count),
            consulted.Count
        );

        // Time: the applications decided in the window.
        var decided = applications
            .Select(a => (Application: a, Decision: Closing(a)))
            .Where(x => x.Decision is { To: ApplicationState.Granted or ApplicationState.Rejected } d && w.Contains(d.LocalDate))
            .ToList();
        var timed = decided
            .Where(x => x.Application.Events.Any(e => e.Action == nameof(ApplicationAction.Submit)))
            .Select(x => (x.Application, Days: DaysToDecision(x.Application, x.Decision!, p)))
            .ToList();
        var days = timed.Select(t => (long)t.Days.Used).Order().ToList();
        Add(KpiCatalogue.DaysToDecisionMedian, days.Count == 0 ? null : Statistics.Quantile(days, 0.5), days.Count);
        Add(KpiCatalogue.DaysToDecisionP90, days.Count == 0 ? null : Statistics.Quantile(days, 0.9), days.Count);
        var applicants = decided.Select(x => x.Application.Tin).Distinct(StringComparer.Ordinal).Count();
        Add(KpiCatalogue.ApplicantsDecided, applicants, applicants);
        Add(KpiCatalogue.SlaMetShare, Share(timed.Count(t => t.Days.Used <= t.Days.Limit), timed.Count), timed.Count);
        var pauses = decided.Select(x => Pauses(x.Application, p.Calendar)).ToList();
        Add(KpiCatalogue.PauseShare, Share(pauses.Count(ps => ps.Count > 0), decided.Count), decided.Count);
        var pauseDays = pauses.SelectMany(ps => ps).Select(d => (long)d).Order().ToList();
        Add(KpiCatalogue.PauseDaysMedian, pauseDays.Count == 0 ? null : Statistics.Quantile(pauseDays, 0.5), pauseDays.Count);
        var requests = decided.Sum(x => x.Application.Events.Count(e => e.Action == nameof(ApplicationAction.RequestInformation)));
        Add(KpiCatalogue.InformationRequestsPerApplication, decided.Count == 0 ? null : (double)requests / decided.Count, decided.Count);

        // Reasons.
        var rejected = applications.Where(a => Closing(a) is { To: ApplicationState.Rejected } e && w.Contains(e.LocalDate)).ToList();
        foreach (var code in rejected.SelectMany(a => a.RejectionCodes).Distinct().Order(StringComparer.Ordinal))
        {
            Add(KpiCatalogue.RejectionsByReason, rejected.Count(a => a.RejectionCodes.Contains(code)), rejected.Count, code);
        }

        var withdrawn = applications
            .Select(Closing)
            .Where(e => e is { To: ApplicationState.Withdrawn } && w.Contains(e.LocalDate))
            .Select(e => WithdrawalReason(e!))
            .ToList();
        foreach (var reason in withdrawn.Distinct().Order(StringComparer.Ordinal))
        {
            Add(KpiCatalogue.WithdrawalsByReason, withdrawn.Count(r => r == reason), withdrawn.Count, reason);
        }
    }

    private static void Workload(List<KpiValue> values, Window w, KpiInput input)
    {
        void Add(string kpi, double? value, long n, string? detail = null) =>
            values.Add(new KpiValue(kpi, w.Label, All, All, detail, value, n));

        var open = input.Applications.Where(a => a.StartedOn <= w.LastDay && !(Closing(a) is { } e && e.LocalDate <= w.LastDay)).ToList();
        foreach (var manager in open.GroupBy(a => a.AccountManager ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Add(
                KpiCatalogue.OpenApplicationsPerManager,
                manager.Count(),
                manager.Count(),
                manager.Key.Length == 0 ? "unassigned" : manager.Key
            );
        }

        var inForce = input.Certificates.Where(c => c.InForceOn(w.LastDay)).ToList();
        foreach (
            var manager in inForce
                .Where(c => c.AccountManager is not null)
                .GroupBy(c => c.AccountManager!)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
        )
        {
            var n = manager.Select(c => c.Tin).Distinct().Count();
            Add(KpiCatalogue.AeosPerManager, n, n, manager.Key);
        }

        var aeos = inForce.Select(c => c.Tin).Distinct().Count();
        var officers = input.Programme.ProgrammeOfficers;
        Add(KpiCatalogue.AeosPerProgrammeOfficer, officers == 0 ? null : (double)aeos / officers, officers);
        Add(KpiCatalogue.OpenApplicationsPerProgrammeOfficer, officers == 0 ? null : (double)open.Count / officers, officers);
    }

    /// <summary>The operators holding a certificate in force on <paramref name="day"/>.</summary>
    public static IReadOnlySet<string> AeosOn(IEnumerable<KpiCertificate> certificates, DateOnly day) =>
        certificates.Where(c => c.InForceOn(day)).Select(c => c.Tin).ToHashSet(StringComparer.Ordinal);

    /// <summary>The event that closed the application (granted, rejected, withdrawn), if it is closed.</summary>
    public static ApplicationEvent? Closing(KpiApplication a) =>
        a.Events.Where(e => e.From != e.To && !ApplicationWorkflow.IsOpen(e.To)).OrderBy(e => e.At).FirstOrDefault();

    /// <summary>Business days the SLA clock used from submission to <paramref name="decision"/>, and the limit it had.</summary>
    public static (int Used, int Limit) DaysToDecision(KpiApplication a, ApplicationEvent decision, KpiProgramme p)
    {
        var history = a.Events.Where(e => e.At <= decision.At).ToList();
        var limit = SlaClock.Limit(p.Sla, a.Track, history.Any(e => e.Action == nameof(ApplicationAction.RequestInformation)));
        var status = SlaClock.Compute(AeoApplication.ClockChangesOf(history), p.Calendar, limit, decision.LocalDate);
        return (status.UsedDays, limit);
    }

    /// <summary>The business days of each pause: from the day the application entered Paused to the day it left it.</summary>
    public static IReadOnlyList<int> Pauses(KpiApplication a, BusinessCalendar calendar)
    {
        var result = new List<int>();
        DateOnly? since = null;
        foreach (var e in a.Events.Where(e => e.From != e.To).OrderBy(e => e.At))
        {
            if (e.To == ApplicationState.Paused)
            {
                since = e.LocalDate;
            }
            else if (e.From == ApplicationState.Paused && since is DateOnly s)
            {
                result.Add(calendar.CountBusinessDays(s, e.LocalDate));
                since = null;
            }
        }

        return result;
    }

    /// <summary>How an application was withdrawn: <c>lapsed</c> after a pause, or <c>withdrawn:&lt;stage&gt;</c> by the
    /// applicant.</summary>
    public static string WithdrawalReason(ApplicationEvent e) =>
        e.Action == nameof(ApplicationAction.Lapse) ? "lapsed" : $"withdrawn:{e.From?.ToString() ?? "Draft"}";

    private static double? Share(long part, long whole) => whole == 0 ? null : (double)part / whole;
}
