namespace OpenAeo.Domain.Insights;

public enum KpiFamily
{
    Participation,
    Pipeline,
    Time,
    Reasons,
    Border,
    Workload,
}

public enum KpiUnit
{
    /// <summary>A number of things.</summary>
    Count,

    /// <summary>A share between 0 and 1.</summary>
    Share,

    /// <summary>Business days on the programme's calendar.</summary>
    BusinessDays,

    Hours,

    /// <summary>A number of things per something (a mean).</summary>
    Ratio,
}

/// <summary>One KPI: its stable code (the API's key), its name in words, unit and definition (the glossary's entry).</summary>
/// <param name="Stock">Measured on the last day of each month (and of the period) rather than counted over it.</param>
/// <param name="Detail">What the <c>detail</c> of its values names (a reason, a lane, a comparison group), if anything.</param>
public sealed record KpiDefinition(
    string Code,
    KpiFamily Family,
    string Title,
    KpiUnit Unit,
    bool Stock,
    string? Detail,
    string Definition
);

/// <summary>
/// Every KPI in one place. The codes are the API's stable keys; the definitions are what the glossary says and what
/// <see cref="Kpis"/> and <see cref="BorderKpis"/> compute.
/// </summary>
public static class KpiCatalogue
{
    public const string Operators = "operators";
    public const string Aeos = "aeos";
    public const string AeoShare = "aeo_share";
    public const string SmeShareOfAeos = "sme_share_of_aeos";
    public const string CertificatesNew = "certificates_new";
    public const string Renewals = "renewals";
    public const string Suspensions = "suspensions";
    public const string Revocations = "revocations";
    public const string Expiries = "expiries";
    public const string Started = "applications_started";
    public const string Consultations = "consultations";
    public const string Submitted = "applications_submitted";
    public const string Withdrawn = "applications_withdrawn";
    public const string Rejected = "applications_rejected";
    public const string Granted = "applications_granted";
    public const string ConsultationToGrant = "consultation_to_grant";
    public const string DaysToDecisionMedian = "days_to_decision_median";
    public const string DaysToDecisionP90 = "days_to_decision_p90";
    public const string SlaMetShare = "sla_met_share";
    public const string PauseShare = "pause_share";
    public const string PauseDaysMedian = "pause_days_median";
    public const string InformationRequestsPerApplication = "information_requests_per_application";
    public const string RejectionsByReason = "rejections_by_reason";
    public const string WithdrawalsByReason = "withdrawals_by_reason";
    public const string Declarations = "declarations";
    public const string Importers = "importers";
    public const string ApplicantsDecided = "applicants_decided";
    public const string LaneShare = "lane_share";
    public const string ExaminationRate = "examination_rate";
    public const string ReleaseHoursMedian = "release_hours_median";
    public const string RandomSelections = "random_selections";
    public const string OgaWaivers = "oga_waivers";
    public const string OpenApplicationsPerManager = "open_applications_per_manager";
    public const string AeosPerManager = "aeos_per_manager";
    public const string AeosPerProgrammeOfficer = "aeos_per_programme_officer";
    public const string OpenApplicationsPerProgrammeOfficer = "open_applications_per_programme_officer";

    public static IReadOnlyList<KpiDefinition> All { get; } =
    [
        new(
            Operators,
            KpiFamily.Participation,
            "Operators",
            KpiUnit.Count,
            true,
            null,
            "Operators in the registry on the last day (registered on or before it)."
        ),
        new(
            Aeos,
            KpiFamily.Participation,
            "AEOs",
            KpiUnit.Count,
            true,
            null,
            "Operators holding a certificate in force on the last day: within its validity and not suspended, "
                + "revoked or expired then (the certificate's events replayed)."
        ),
        new(AeoShare, KpiFamily.Participation, "AEO share", KpiUnit.Share, true, null, "AEOs divided by operators, on the last day."),
        new(
            SmeShareOfAeos,
            KpiFamily.Participation,
            "SME share of AEOs",
            KpiUnit.Share,
            true,
            null,
            "AEOs that are SMEs under the programme's definition (micro, small or medium) divided by all AEOs, on the last day."
        ),
        new(
            CertificatesNew,
            KpiFamily.Participation,
            "New certificates",
            KpiUnit.Count,
            false,
            null,
            "Certificates whose validity starts in the month, other than renewals."
        ),
        new(
            Renewals,
            KpiFamily.Participation,
            "Renewals",
            KpiUnit.Count,
            false,
            null,
            "Certificates issued on a renewal (reassessment) whose validity starts in the month."
        ),
        new(Suspensions, KpiFamily.Participation, "Suspensions", KpiUnit.Count, false, null, "Suspensions taking effect in the month."),
        new(Revocations, KpiFamily.Participation, "Revocations", KpiUnit.Count, false, null, "Revocations taking effect in the month."),
        new(
            Expiries,
            KpiFamily.Participation,
            "Expiries",
            KpiUnit.Count,
            false,
            null,
            "Certificates expiring in the month (the day after the last valid day falls in it)."
        ),
        new(
            Started,
            KpiFamily.Pipeline,
            "Applications started",
            KpiUnit.Count,
            false,
            null,
            "Applications started (drafts opened) in the month."
        ),
        new(
            Consultations,
            KpiFamily.Pipeline,
            "Prior consultations",
            KpiUnit.Count,
            false,
            null,
            "Applications that asked for prior consultation in the month."
        ),
        new(
            Submitted,
            KpiFamily.Pipeline,
            "Applications submitted",
            KpiUnit.Count,
            false,
            null,
            "Applications submitted in the month (the SLA clock starts)."
        ),
        new(
            Withdrawn,
            KpiFamily.Pipeline,
            "Applications withdrawn",
            KpiUnit.Count,
            false,
            null,
            "Applications withdrawn by the applicant, or lapsed after a pause, in the month."
        ),
        new(Rejected, KpiFamily.Pipeline, "Applications rejected", KpiUnit.Count, false, null, "Applications rejected in the month."),
        new(Granted, KpiFamily.Pipeline, "Applications granted", KpiUnit.Count, false, null, "Applications granted in the month."),
        new(
            ConsultationToGrant,
            KpiFamily.Pipeline,
            "Consultation to grant",
            KpiUnit.Share,
            false,
            null,
            "Of the applications that went through prior consultation and were closed (granted, rejected or "
                + "withdrawn) in the month, the share granted."
        ),
        new(
            DaysToDecisionMedian,
            KpiFamily.Time,
            "Days to decision (median)",
            KpiUnit.BusinessDays,
            false,
            null,
            "Median business days from submission to decision of the applications decided (granted or rejected) in "
                + "the month, counted as the SLA clock counts them: on the programme's calendar, pauses excluded."
        ),
        new(
            DaysToDecisionP90,
            KpiFamily.Time,
            "Days to decision (90th percentile)",
            KpiUnit.BusinessDays,
            false,
            null,
            "The 90th percentile of the same business days (linear interpolation between ranks)."
        ),
        new(
            ApplicantsDecided,
            KpiFamily.Time,
            "Applicants decided",
            KpiUnit.Count,
            false,
            null,
            "Distinct operators whose applications were decided (granted or rejected) in the month (how many "
                + "operators the time figures are about)."
        ),
        new(
            SlaMetShare,
            KpiFamily.Time,
            "SLA met",
            KpiUnit.Share,
            false,
            null,
            "Of the applications decided in the month, the share decided within their limit (the track's limit "
                + "plus the information-request extension once information was requested)."
        ),
        new(
            PauseShare,
            KpiFamily.Time,
            "Applications paused",
            KpiUnit.Share,
            false,
            null,
            "Of the applications decided in the month, the share that was paused by agreement at least once."
        ),
        new(
            PauseDaysMedian,
            KpiFamily.Time,
            "Pause length (median)",
            KpiUnit.BusinessDays,
            false,
            null,
            "Median business days of the pauses of the applications decided in the month, from the day the pause began to the day it ended."
        ),
        new(
            InformationRequestsPerApplication,
            KpiFamily.Time,
            "Information requests per application",
            KpiUnit.Ratio,
            false,
            null,
            "Information requests customs sent, per application decided in the month."
        ),
        new(
            RejectionsByReason,
            KpiFamily.Reasons,
            "Rejections by reason",
            KpiUnit.Count,
            false,
            "reason",
            "Applications rejected in the month that gave each coded reason (an application may give several); n "
                + "is the applications rejected."
        ),
        new(
            WithdrawalsByReason,
            KpiFamily.Reasons,
            "Withdrawals by reason",
            KpiUnit.Count,
            false,
            "reason",
            "Applications withdrawn in the month by how and where: withdrawn by the applicant at a stage, or lapsed after a pause."
        ),
        new(
            Declarations,
            KpiFamily.Border,
            "Declarations",
            KpiUnit.Count,
            false,
            "group",
            "Declarations lodged in the month (the programme's calendar), by comparison group."
        ),
        new(
            Importers,
            KpiFamily.Border,
            "Importers",
            KpiUnit.Count,
            false,
            "group",
            "Distinct importers whose declarations were lodged in the month, by comparison group (how many "
                + "operators a border figure is about)."
        ),
        new(
            LaneShare,
            KpiFamily.Border,
            "Lane share",
            KpiUnit.Share,
            false,
            "lane",
            "Share of the declarations lodged in the month that were assigned each lane."
        ),
        new(
            ExaminationRate,
            KpiFamily.Border,
            "Examination rate",
            KpiUnit.Share,
            false,
            "group",
            "Share of declarations lodged in the month sent to physical examination (red lane), for each "
                + "comparison group: AEO and non-AEO importers, SME importers and the rest (large or not registered), "
                + "consignors recognised under an MRA (all, and each MRA) and the rest."
        ),
        new(
            ReleaseHoursMedian,
            KpiFamily.Border,
            "Lodgement to release (median)",
            KpiUnit.Hours,
            false,
            "group",
            "Median hours from lodgement to release of the declarations lodged in the month and released, for each comparison group."
        ),
        new(
            RandomSelections,
            KpiFamily.Border,
            "Random selections",
            KpiUnit.Count,
            false,
            null,
            "Declarations lodged in the month selected by the random draw (the control group, AEOs included); n is all the declarations."
        ),
        new(
            OgaWaivers,
            KpiFamily.Border,
            "Agency checks waived for AEOs",
            KpiUnit.Count,
            false,
            null,
            "Documentary checks of other government agencies waived because the importer is an AEO, on "
                + "declarations lodged in the month; n is all the declarations."
        ),
        new(
            OpenApplicationsPerManager,
            KpiFamily.Workload,
            "Open applications per account manager",
            KpiUnit.Count,
            true,
            "manager",
            "Applications open on the last day, by the account manager assigned to them."
        ),
        new(
            AeosPerManager,
            KpiFamily.Workload,
            "AEOs per account manager",
            KpiUnit.Count,
            true,
            "manager",
            "AEOs on the last day, by the account manager of the application that led to their certificate."
        ),
        new(
            AeosPerProgrammeOfficer,
            KpiFamily.Workload,
            "AEOs per programme officer",
            KpiUnit.Ratio,
            true,
            null,
            "AEOs on the last day divided by the programme officers (accounts with that role); n is the officers."
        ),
        new(
            OpenApplicationsPerProgrammeOfficer,
            KpiFamily.Workload,
            "Open applications per programme officer",
            KpiUnit.Ratio,
            true,
            null,
            "Applications open on the last day divided by the programme officers."
        ),
    ];

    private static readonly Dictionary<string, int> Index = All.Select((k, i) => (k.Code, i))
        .ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);

    public static KpiDefinition Get(string code) => All[Index[code]];

    public static int Order(string code) => Index.TryGetValue(code, out var i) ? i : int.MaxValue;
}
