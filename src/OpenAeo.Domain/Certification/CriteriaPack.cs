using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

/// <summary>The path an application takes, with its own criteria pack, evidence rules and SLA.</summary>
public enum Track
{
    Standard,
    Sme,
    Ecommerce,
}

public enum PackStatus
{
    Active,

    /// <summary>A newer version replaced it; applications that started on it keep it.</summary>
    Superseded,

    Retired,
}

/// <summary>One self-assessment question.</summary>
/// <param name="Code">Stable across versions (answers are keyed by it), e.g. <c>CARGO-2</c>.</param>
/// <param name="Group">The WCO SAFE criteria group, e.g. "Cargo security".</param>
/// <param name="EvidenceRequired">A document must back the answer (unless an SME gives an outcome-based answer).</param>
/// <param name="OutcomeBasedAllowed">On the SME track, the operator may say how it will meet the standard instead of proving it already
/// does.</param>
/// <param name="OutsourcingAllowed">The control may be provided by a contractor (guard service, CCTV provider).</param>
public sealed record CriterionQuestion(
    [Limit(nameof(Limits.Code))] string Code,
    [Limit(nameof(Limits.Name))] string Group,
    [Limit(nameof(Limits.Text))] string Text,
    bool EvidenceRequired,
    bool OutcomeBasedAllowed,
    bool OutsourcingAllowed
)
{
    public bool Retired { get; init; }

    /// <summary>The operator roles the question is asked of; <see cref="OperatorRoles.None"/> asks every operator (packs written before
    /// roles had this).</summary>
    public OperatorRoles Roles { get; init; }

    /// <summary>
    /// The alleviated form an SME answers instead (Korea's approach): a lighter question about the same outcome, which the
    /// officer judges against the same standard (ADR 0033); null when the question has none.
    /// </summary>
    [Limit(nameof(Limits.Text))]
    public string? SmeText { get; init; }

    /// <summary>The question in Spanish, as a trader reading the application in Spanish sees it.</summary>
    [Limit(nameof(Limits.Text))]
    public string? TextEs { get; init; }

    /// <summary>The alleviated form in Spanish.</summary>
    [Limit(nameof(Limits.Text))]
    public string? SmeTextEs { get; init; }

    /// <summary>
    /// The other government agency (its registry code) that added the question and judges its answers; null for the
    /// customs criteria. An application asked one of these waits for the agency's sign-off before a grant (ADR 0042).
    /// </summary>
    [Limit(nameof(Limits.AgencyCode))]
    public string? Agency { get; init; }
}

/// <summary>
/// A versioned list of self-assessment questions for one track, by default the WCO SAFE-based pack, and per
/// programme when a programme office edits it. Editing creates a new version; applications keep the version
/// they started with.
/// </summary>
public sealed class CriteriaPack
{
    private CriteriaPack() { }

    public int Id { get; private set; }

    /// <summary>Names the pack across versions, e.g. <c>wco-safe-sme</c> or <c>TW:wco-safe-sme</c>.</summary>
    public string Key { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Track Track { get; private set; }

    /// <summary>The programme that owns this pack; null for the shipped default packs.</summary>
    public string? ProgrammeCode { get; private set; }

    public int Version { get; private set; }

    public PackStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public List<CriterionQuestion> Questions { get; private set; } = [];

    public IEnumerable<CriterionQuestion> ActiveQuestions => Questions.Where(q => !q.Retired);

    public static Result<CriteriaPack> Create(
        string key,
        string name,
        Track track,
        string? programmeCode,
        IReadOnlyList<CriterionQuestion> questions,
        DateTimeOffset now
    )
    {
        var errors = Validate(name, questions);
        return errors.Count > 0
            ? Result<CriteriaPack>.Fail(errors)
            : Result<CriteriaPack>.Ok(
                new CriteriaPack
                {
                    Key = key,
                    Name = name.Trim(),
                    Track = track,
                    ProgrammeCode = programmeCode,
                    Version = 1,
                    Status = PackStatus.Active,
                    CreatedAt = now,
                    Questions = [.. questions],
                }
            );
    }

    /// <summary>
    /// The next version with the given questions (add, edit, retire by setting <c>Retired</c>); this version is
    /// superseded. A question's code cannot disappear: retire it instead, so old answers keep their meaning.
    /// </summary>
    public Result<CriteriaPack> NextVersion(IReadOnlyList<CriterionQuestion> questions, string? programmeCode, DateTimeOffset now)
    {
        if (Status != PackStatus.Active)
        {
            return new DomainError("pack.status", $"Version {Version} of {Name} is {Status}; edit the active version.");
        }

        var errors = Validate(Name, questions);
        var dropped = Dropped(questions);
        if (dropped.Count > 0)
        {
            errors.Add(new("pack.questions", $"Questions cannot be deleted, only retired: {string.Join(", ", dropped)}.", "questions"));
        }

        if (errors.Count > 0)
        {
            return Result<CriteriaPack>.Fail(errors);
        }

        Status = PackStatus.Superseded;
        var owner = programmeCode ?? ProgrammeCode;
        return Result<CriteriaPack>.Ok(
            new CriteriaPack
            {
                Key = owner is null || Key.StartsWith(owner + ":", StringComparison.Ordinal) ? Key : $"{owner}:{Key}",
                Name = Name,
                Track = Track,
                ProgrammeCode = owner,
                Version = Version + 1,
                Status = PackStatus.Active,
                CreatedAt = now,
                Questions = [.. questions],
            }
        );
    }

    /// <summary>
    /// A programme's own first version of a shipped pack, under the key <c>PROGRAMME:key</c>; the shipped pack
    /// stays active for every other programme. The same rule holds: questions are retired, never dropped.
    /// </summary>
    public Result<CriteriaPack> ForkFor(string programmeCode, IReadOnlyList<CriterionQuestion> questions, DateTimeOffset now)
    {
        if (ProgrammeCode is not null)
        {
            return new DomainError("pack.fork", $"{Key} belongs to {ProgrammeCode} already; add a version instead.");
        }

        var dropped = Dropped(questions);
        return dropped.Count > 0
            ? new DomainError("pack.questions", $"Questions cannot be deleted, only retired: {string.Join(", ", dropped)}.", "questions")
            : Create($"{programmeCode}:{Key}", Name, Track, programmeCode, questions, now);
    }

    public void Retire() => Status = PackStatus.Retired;

    private List<string> Dropped(IReadOnlyList<CriterionQuestion> questions) =>
        Questions.Select(q => q.Code).Except(questions.Select(q => q.Code), StringComparer.Ordinal).ToList();

    private static List<DomainError> Validate(string name, IReadOnlyList<CriterionQuestion> questions)
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new("pack.name", "A criteria pack has a name.", "name"));
        }

        if (!questions.Any(q => !q.Retired))
        {
            errors.Add(new("pack.questions", "A criteria pack has at least one active question.", "questions"));
        }

        foreach (var duplicate in questions.GroupBy(q => q.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new("pack.questions", $"Question code {duplicate.Key} is used twice.", "questions"));
        }

        foreach (
            var q in questions.Where(q =>
                string.IsNullOrWhiteSpace(q.Code) || string.IsNullOrWhiteSpace(q.Group) || string.IsNullOrWhiteSpace(q.Text)
            )
        )
        {
            errors.Add(new("pack.questions", $"Question '{q.Code}' needs a code, a group and a text.", "questions"));
        }

        foreach (var q in questions.Where(q => (q.Roles & ~Applicability.AllRoles) != 0))
        {
            errors.Add(new("pack.questions", $"Question '{q.Code}' names a role that does not exist.", "questions"));
        }

        foreach (var q in questions.Where(q => q.SmeTextEs is not null && q.SmeText is null))
        {
            errors.Add(new("pack.questions", $"Question '{q.Code}' has a Spanish alleviated form but no English one.", "questions"));
        }

        return errors;
    }
}

/// <summary>What the applicant said for one question.</summary>
public sealed record AnswerSnapshot(
    string QuestionCode,
    string? Text,
    bool OutcomeBased,
    string? OutcomePlan,
    bool Outsourced,
    string? Provider,
    int EvidenceCount
)
{
    /// <summary>The contractor's TIN when the control is outsourced.</summary>
    public string? ProviderTin { get; init; }
}

public enum GapKind
{
    Unanswered,
    EvidenceMissing,
    OutcomePlanMissing,
    OutcomeBasedNotAllowed,
    ProviderMissing,
}

/// <summary>One thing missing before the application can be submitted.</summary>
public sealed record ReadinessGap(string QuestionCode, string Group, GapKind Kind, string Message);

/// <summary>
/// What an application still lacks before submission. On the SME track the standard is the same but evidence is
/// flexible: an outcome-based answer (how the operator will meet the standard) stands in for a document. On every track a
/// control may be outsourced where the criterion allows it, the contractor named by its TIN.
/// </summary>
public static class Readiness
{
    public static IReadOnlyList<ReadinessGap> Assess(
        IEnumerable<CriterionQuestion> questions,
        IReadOnlyDictionary<string, AnswerSnapshot> answers,
        Track track
    )
    {
        var gaps = new List<ReadinessGap>();
        foreach (var q in questions.Where(q => !q.Retired))
        {
            if (
                !answers.TryGetValue(q.Code, out var a)
                || (string.IsNullOrWhiteSpace(a.Text) && !(a.OutcomeBased && !string.IsNullOrWhiteSpace(a.OutcomePlan)))
            )
            {
                gaps.Add(new(q.Code, q.Group, GapKind.Unanswered, $"{q.Code}: not answered yet."));
                continue;
            }

            var outcomeBasedAllowed = track == Track.Sme && q.OutcomeBasedAllowed;
            if (a.OutcomeBased && !outcomeBasedAllowed)
            {
                gaps.Add(
                    new(
                        q.Code,
                        q.Group,
                        GapKind.OutcomeBasedNotAllowed,
                        $"{q.Code}: an outcome-based answer is accepted only on the SME track for this question; "
                            + "show how the control works today."
                    )
                );
            }
            else if (a.OutcomeBased && string.IsNullOrWhiteSpace(a.OutcomePlan))
            {
                gaps.Add(new(q.Code, q.Group, GapKind.OutcomePlanMissing, $"{q.Code}: say how and by when you will meet the standard."));
            }

            if (q.EvidenceRequired && a.EvidenceCount == 0 && !(a.OutcomeBased && outcomeBasedAllowed))
            {
                gaps.Add(
                    new(
                        q.Code,
                        q.Group,
                        GapKind.EvidenceMissing,
                        $"{q.Code}: attach a document that shows it{(outcomeBasedAllowed ? ", or give an outcome-based answer" : "")}."
                    )
                );
            }

            // The contractor is named by its TIN, so customs sees its own AEO status (issue 14 item 3), on every track.
            if (a.Outsourced && (!q.OutsourcingAllowed || string.IsNullOrWhiteSpace(a.ProviderTin)))
            {
                gaps.Add(
                    new(
                        q.Code,
                        q.Group,
                        GapKind.ProviderMissing,
                        q.OutsourcingAllowed
                            ? $"{q.Code}: name the contractor that performs the outsourced control by its TIN."
                            : $"{q.Code}: this control cannot be outsourced."
                    )
                );
            }
        }

        return gaps;
    }
}
