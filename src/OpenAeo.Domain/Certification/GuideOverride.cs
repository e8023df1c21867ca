namespace OpenAeo.Domain.Certification;

/// <summary>
/// The words of a criterion's guide a programme writes in place of the shipped ones: each part left null keeps
/// the shipped text (or the pack's question), so a programme rewrites only what it needs to.
/// </summary>
public sealed record GuideWords(
    [Limit(nameof(Limits.Note))] string? Question,
    [Limit(nameof(Limits.Note))] string? LooksFor,
    [Limit(nameof(Limits.Note))] string? Evidence,
    [Limit(nameof(Limits.Note))] string? Outcome
)
{
    public bool IsEmpty => Question is null && LooksFor is null && Evidence is null && Outcome is null;

    /// <summary>Blank parts are no part: an officer who empties a box gives the shipped text back.</summary>
    public GuideWords Trimmed() => new(Clean(Question), Clean(LooksFor), Clean(Evidence), Clean(Outcome));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Issue 13, item 5: one programme's own guide text for one criterion in one language.</summary>
public sealed class GuideOverride
{
    private GuideOverride() { }

    public int Id { get; private set; }

    public string ProgrammeCode { get; private set; } = "";

    public string CriterionCode { get; private set; } = "";

    public string Language { get; private set; } = "";

    public string? Question { get; private set; }

    public string? LooksFor { get; private set; }

    public string? Evidence { get; private set; }

    public string? Outcome { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public GuideWords Words => new(Question, LooksFor, Evidence, Outcome);

    /// <param name="criteria">The codes of the criteria the programme's packs ask (standard and SME).</param>
    /// <param name="languages">The languages the guides are written in.</param>
    public static Result<GuideOverride> Create(
        string programme,
        string criterion,
        string language,
        GuideWords words,
        IReadOnlyCollection<string> criteria,
        IReadOnlyList<string> languages,
        DateTimeOffset now
    )
    {
        var errors = Check(criterion, language, words, criteria, languages);
        if (errors.Count > 0)
        {
            return Result<GuideOverride>.Fail(errors);
        }

        var trimmed = words.Trimmed();
        return Result<GuideOverride>.Ok(
            new GuideOverride
            {
                ProgrammeCode = programme,
                CriterionCode = criteria.First(c => string.Equals(c, criterion.Trim(), StringComparison.OrdinalIgnoreCase)),
                Language = language.Trim().ToLowerInvariant(),
                Question = trimmed.Question,
                LooksFor = trimmed.LooksFor,
                Evidence = trimmed.Evidence,
                Outcome = trimmed.Outcome,
                UpdatedAt = now,
            }
        );
    }

    public IReadOnlyList<DomainError> Rewrite(GuideWords words, DateTimeOffset now)
    {
        var trimmed = words.Trimmed();
        if (trimmed.IsEmpty)
        {
            return [Empty];
        }

        (Question, LooksFor, Evidence, Outcome, UpdatedAt) = (trimmed.Question, trimmed.LooksFor, trimmed.Evidence, trimmed.Outcome, now);
        return [];
    }

    private static readonly DomainError Empty = new(
        "guide.empty",
        "Write at least one part of the guide; to go back to the shipped text, delete the programme's text.",
        "looksFor"
    );

    private static List<DomainError> Check(
        string criterion,
        string language,
        GuideWords words,
        IReadOnlyCollection<string> criteria,
        IReadOnlyList<string> languages
    )
    {
        var errors = new List<DomainError>();
        if (!criteria.Contains(criterion.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new("guide.criterion", $"'{criterion}' is not a criterion the programme's packs ask.", "criterion"));
        }

        if (!languages.Contains(language.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(
                new("guide.language", $"'{language}' is not a language OpenAeo speaks ({string.Join(", ", languages)}).", "language")
            );
        }

        if (words.Trimmed().IsEmpty)
        {
            errors.Add(Empty);
        }

        return errors;
    }

    /// <summary>The guide a visitor reads: the programme's words where it wrote some, the shipped ones elsewhere.</summary>
    public static GuideWords Merge(GuideWords shipped, GuideOverride? own) =>
        own is null
            ? shipped
            : new(
                own.Question ?? shipped.Question,
                own.LooksFor ?? shipped.LooksFor,
                own.Evidence ?? shipped.Evidence,
                own.Outcome ?? shipped.Outcome
            );
}
