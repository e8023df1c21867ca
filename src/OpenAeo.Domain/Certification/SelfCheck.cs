using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

/// <summary>What a visitor says about one criterion, in the words of the self-check (no documents are sent).</summary>
public enum SelfCheckAnswer
{
    /// <summary>We do it and can show a document (a procedure, a record, a contract).</summary>
    YesWithDocuments,

    /// <summary>We do it, but nothing is written down.</summary>
    YesNotWritten,

    /// <summary>A contractor does it for us (a guard service, an IT provider, a broker).</summary>
    Contractor,

    /// <summary>Not yet.</summary>
    No,

    /// <summary>The visitor does not know.</summary>
    NotSure,
}

/// <summary>Where a criterion stands after the self-check.</summary>
public enum CriterionOutcome
{
    Met,

    /// <summary>Met on the SME track by an outcome-based answer instead of a document.</summary>
    MetOnSmeTrack,

    Gap,
}

/// <summary>Why a criterion is a gap; the app turns it into words.</summary>
public enum SelfCheckGapKind
{
    Unanswered,
    NotSure,

    /// <summary>The control exists but the programme needs a document showing it.</summary>
    EvidenceMissing,

    /// <summary>The control does not exist yet.</summary>
    ControlMissing,

    /// <summary>A contractor does it, but this criterion cannot be outsourced.</summary>
    OutsourcingNotAllowed,
}

/// <summary>What the visitor should do next, in the order of how far it is from applying.</summary>
public enum SelfCheckNextStep
{
    /// <summary>The programme does not certify any of the visitor's roles.</summary>
    NotEligible,

    /// <summary>No gap: create an account and apply; the answers go into the draft.</summary>
    Apply,

    /// <summary>A few gaps: a prior consultation with an account manager helps close them.</summary>
    PriorConsultation,

    /// <summary>Many gaps: read the guide and close them first (a consultation still helps).</summary>
    Prepare,
}

/// <summary>Who the visitor is, as the self-check asks it.</summary>
public sealed record SelfCheckProfile(OperatorRoles Roles, int? Employees, decimal? Turnover, string? Sector);

/// <summary>The programme facts the self-check needs.</summary>
public sealed record SelfCheckProgramme(string Code, Tracks Tracks, SmeDefinition Sme, SlaPolicy Sla, OperatorRoles EligibleRoles);

/// <summary>One criterion's result.</summary>
/// <param name="OutcomeBasedAlternative">On the SME track this gap can be closed by saying how and by when the standard will be met instead
/// of a document.</param>
/// <param name="OutsourcingAllowed">The control may be provided by a named contractor on this track.</param>
public sealed record SelfCheckCriterion(
    string Code,
    string Group,
    string Question,
    SelfCheckAnswer? Answer,
    CriterionOutcome Outcome,
    SelfCheckGapKind? Gap,
    bool EvidenceRequired,
    bool OutcomeBasedAllowed,
    bool OutcomeBasedAlternative,
    bool OutsourcingAllowed
)
{
    /// <summary>The visitor's roles the criterion is asked for; None when it is asked of every operator.</summary>
    public OperatorRoles Because { get; init; }

    /// <summary>The visitor is an SME and was asked the criterion's alleviated form.</summary>
    public bool Alleviated { get; init; }
}

/// <summary>The expected time to a decision: the programme's limit for the track, and more when customs asks for information.</summary>
/// <param name="ObservedMedianBusinessDays">What this programme's recent decisions on the track actually took (median), when known.</param>
public sealed record SelfCheckTime(int SlaBusinessDays, int InformationRequestDays, int? ObservedMedianBusinessDays, int ObservedDecisions);

public sealed record SelfCheckResult(
    string Programme,
    Track Track,
    SmeClass SmeClass,
    bool Eligible,
    IReadOnlyList<SelfCheckCriterion> Criteria,
    SelfCheckTime Time,
    SelfCheckNextStep NextStep
)
{
    public int Met => Criteria.Count(c => c.Outcome != CriterionOutcome.Gap);

    public IEnumerable<SelfCheckCriterion> Gaps => Criteria.Where(c => c.Outcome == CriterionOutcome.Gap);
}

/// <summary>
/// The anonymous readiness self-check: the same criteria and the same SME-track rules as a real application
/// (<see cref="Readiness"/>), asked in plain words and without documents. The track is the SME track when the
/// programme offers it and the visitor is an SME by the programme's own definition; otherwise the standard track.
/// </summary>
public static class SelfCheck
{
    /// <summary>At most this many gaps and a prior consultation is the advised next step; more and the visitor prepares first.</summary>
    public const int ConsultationGapLimit = 4;

    public static Track TrackFor(SelfCheckProgramme programme, SelfCheckProfile profile, out SmeClass smeClass)
    {
        smeClass = programme.Sme.Classify(profile.Employees, profile.Turnover);
        return programme.Tracks.HasFlag(Tracks.Sme) && smeClass == SmeClass.Sme ? Track.Sme : Track.Standard;
    }

    public static bool IsEligible(SelfCheckProgramme programme, OperatorRoles roles) =>
        roles != OperatorRoles.None
        && (programme.EligibleRoles == OperatorRoles.None || (programme.EligibleRoles & roles) != OperatorRoles.None);

    /// <param name="questions">The active questions of the pack the track uses (the programme's own version when it has one).</param>
    /// <param name="observed">What recent decisions on this track took, when the programme has any.</param>
    public static SelfCheckResult Assess(
        SelfCheckProgramme programme,
        SelfCheckProfile profile,
        Track track,
        IEnumerable<CriterionQuestion> questions,
        IReadOnlyDictionary<string, SelfCheckAnswer> answers,
        (int MedianBusinessDays, int Decisions)? observed = null
    )
    {
        var smeClass = programme.Sme.Classify(profile.Employees, profile.Turnover);
        var sme = track == Track.Sme;
        // The visitor is asked what its roles and size call for, as an application would be (ADR 0033).
        var asked = Applicability.Select(
            questions,
            profile.Roles,
            Applicability.IsSme(track, programme.Sme, profile.Employees, profile.Turnover)
        );
        var criteria = asked
            .Select(q =>
                Judge(q.AsAsked(), answers.TryGetValue(q.Code, out var a) ? a : null, sme) with
                {
                    Because = q.Because,
                    Alleviated = q.Alleviated,
                }
            )
            .ToList();
        var eligible = IsEligible(programme, profile.Roles);
        var gaps = criteria.Count(c => c.Outcome == CriterionOutcome.Gap);
        var next =
            !eligible ? SelfCheckNextStep.NotEligible
            : gaps == 0 ? SelfCheckNextStep.Apply
            : gaps <= ConsultationGapLimit ? SelfCheckNextStep.PriorConsultation
            : SelfCheckNextStep.Prepare;
        var sla = sme ? programme.Sla.SmeExpeditedDays : programme.Sla.StandardDays;
        var time = new SelfCheckTime(sla, programme.Sla.InformationRequestDays, observed?.MedianBusinessDays, observed?.Decisions ?? 0);
        return new SelfCheckResult(programme.Code, track, smeClass, eligible, criteria, time, next);
    }

    /// <summary>
    /// One criterion under the track's rules: a document meets it; on the SME track an unwritten control meets it
    /// when an outcome-based answer is accepted for the criterion; on any track a contractor does when the criterion allows outsourcing.
    /// </summary>
    public static SelfCheckCriterion Judge(CriterionQuestion q, SelfCheckAnswer? answer, bool smeTrack)
    {
        var outcomeBased = smeTrack && q.OutcomeBasedAllowed;
        // Outsourcing is allowed where the criterion allows it, on every track (ADR 0033): a guard service is no less a control for a large
        // company.
        var outsourcing = q.OutsourcingAllowed;
        (CriterionOutcome Outcome, SelfCheckGapKind? Gap) judged = answer switch
        {
            null => (CriterionOutcome.Gap, SelfCheckGapKind.Unanswered),
            SelfCheckAnswer.NotSure => (CriterionOutcome.Gap, SelfCheckGapKind.NotSure),
            SelfCheckAnswer.YesWithDocuments => (CriterionOutcome.Met, null),
            SelfCheckAnswer.YesNotWritten when !q.EvidenceRequired => (CriterionOutcome.Met, null),
            SelfCheckAnswer.YesNotWritten when outcomeBased => (CriterionOutcome.MetOnSmeTrack, null),
            SelfCheckAnswer.YesNotWritten => (CriterionOutcome.Gap, SelfCheckGapKind.EvidenceMissing),
            SelfCheckAnswer.Contractor when outsourcing => (CriterionOutcome.Met, null),
            SelfCheckAnswer.Contractor => (CriterionOutcome.Gap, SelfCheckGapKind.OutsourcingNotAllowed),
            _ => (CriterionOutcome.Gap, SelfCheckGapKind.ControlMissing),
        };

        // An outcome-based answer stands in for a document, and for a control that does not exist yet, only where the SME pack allows it.
        var alternative = judged.Outcome == CriterionOutcome.Gap && outcomeBased && judged.Gap is not SelfCheckGapKind.Unanswered;
        return new SelfCheckCriterion(
            q.Code,
            q.Group,
            q.Text,
            answer,
            judged.Outcome,
            judged.Gap,
            q.EvidenceRequired,
            outcomeBased,
            alternative,
            outsourcing
        );
    }
}

/// <summary>
/// The self-check's answers as text that fits in a link: <c>COMP-1:y,COMP-2:w,CARGO-1:c</c> (y documents, w not written,
/// c contractor, n no, u not sure). The link is the save: nothing is stored on the server until the visitor sends it.
/// </summary>
public static class SelfCheckCode
{
    private static readonly (SelfCheckAnswer Answer, char Letter)[] Letters =
    [
        (SelfCheckAnswer.YesWithDocuments, 'y'),
        (SelfCheckAnswer.YesNotWritten, 'w'),
        (SelfCheckAnswer.Contractor, 'c'),
        (SelfCheckAnswer.No, 'n'),
        (SelfCheckAnswer.NotSure, 'u'),
    ];

    public static string Format(IReadOnlyDictionary<string, SelfCheckAnswer> answers) =>
        string.Join(
            ',',
            answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}:{Letters.Single(l => l.Answer == a.Value).Letter}")
        );

    /// <summary>Reads answers back; an entry that is not <c>CODE:letter</c> or names an unknown letter is skipped, so an edited link loses
    /// only what it broke.</summary>
    public static Dictionary<string, SelfCheckAnswer> Parse(string? text)
    {
        var answers = new Dictionary<string, SelfCheckAnswer>(StringComparer.Ordinal);
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0 || colon != part.Length - 2)
            {
                continue;
            }

            var letter = char.ToLowerInvariant(part[^1]);
            foreach (var (answer, l) in Letters)
            {
                if (l == letter)
                {
                    answers[part[..colon].ToUpperInvariant()] = answer;
                }
            }
        }

        return answers;
    }
}

/// <summary>What recent decisions actually took, for the self-check's expected time.</summary>
public static class ObservedDurations
{
    /// <summary>
    /// The median number of business days from submission to decision (local days of the programme office), and how
    /// many decisions it is drawn from; null when there are none. The median, not the mean: one application paused for
    /// months should not tell every visitor to expect months.
    /// </summary>
    public static (int MedianBusinessDays, int Decisions)? Median(
        BusinessCalendar calendar,
        IEnumerable<(DateOnly Submitted, DateOnly Decided)> decisions
    )
    {
        var days = decisions.Select(d => calendar.CountBusinessDays(d.Submitted, d.Decided)).Order().ToList();
        if (days.Count == 0)
        {
            return null;
        }

        var middle = days.Count / 2;
        var median =
            days.Count % 2 == 1 ? days[middle] : (int)Math.Round((days[middle - 1] + days[middle]) / 2.0, MidpointRounding.AwayFromZero);
        return (median, days.Count);
    }
}
