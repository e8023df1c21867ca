using System.Globalization;

namespace OpenAeo.Domain.Insights;

public enum SurveyStatus
{
    /// <summary>Being written: nobody can answer yet.</summary>
    Draft,

    /// <summary>Opened for a period (its days in the survey's time zone); answers are taken on those days only.</summary>
    Open,

    /// <summary>Closed by an officer; its answers are final.</summary>
    Closed,
}

/// <summary>What a respondent or an officer sees of a survey at an instant: its status together with its period.</summary>
public enum SurveyPhase
{
    Draft,
    Scheduled,
    Open,
    Ended,
    Closed,
}

/// <summary>One version of a questionnaire. Responses keep the version they answered; question codes keep their meaning across
/// versions.</summary>
public sealed record SurveyVersion(
    int Number,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    List<SurveyQuestion> Questions,
    List<SurveySegment> Segments
)
{
    public SurveyQuestion? Question(string code) =>
        Questions.FirstOrDefault(q => string.Equals(q.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The segment named by its code or its label (any case), as people fill in forms and files.</summary>
    public SurveySegment? Segment(string? codeOrLabel) =>
        codeOrLabel is null
            ? null
            : Segments.FirstOrDefault(s =>
                string.Equals(s.Code, codeOrLabel.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(s.Label, codeOrLabel.Trim(), StringComparison.OrdinalIgnoreCase)
            );
}

/// <summary>
/// A survey of the programme's users (the report's Annex B questionnaires, or one an officer writes): versioned as criteria
/// packs are, opened for a period of days in the programme's time zone, answered anonymously through one-time invitations
/// or an open link, closed by an officer.
/// </summary>
public sealed class Survey
{
    private Survey() { }

    public int Id { get; private set; }

    /// <summary>The survey's name in its public link (<c>/surveys/{slug}</c>).</summary>
    public string Slug { get; private set; } = "";

    public string Title { get; private set; } = "";

    /// <summary>What respondents read before the questions: who runs the survey, why, and that answers are anonymous.</summary>
    public string? Introduction { get; private set; }

    /// <summary>The template it was created from, when it was.</summary>
    public string? Template { get; private set; }

    /// <summary>The zone whose days the period is counted in (the programme's).</summary>
    public string TimeZone { get; private set; } = "UTC";

    public SurveyStatus Status { get; private set; }

    public DateOnly? OpensOn { get; private set; }

    public DateOnly? ClosesOn { get; private set; }

    /// <summary>Anyone with the link may answer (rate limited per address); otherwise only invited respondents, once each.</summary>
    public bool OpenLink { get; private set; }

    public List<SurveyVersion> Versions { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public SurveyVersion Current => Versions[^1];

    public static Result<Survey> Create(
        string? slug,
        string? title,
        string? introduction,
        string? template,
        IReadOnlyList<SurveyQuestion> questions,
        IReadOnlyList<SurveySegment> segments,
        string timeZone,
        DateTimeOffset now,
        string by
    )
    {
        var errors = new List<DomainError>();
        var s = slug?.Trim().ToLowerInvariant() ?? "";
        if (!IsSlug(s))
        {
            errors.Add(
                new DomainError(
                    "survey.slug",
                    $"'{slug}' cannot name a survey in a link: use 3 to 50 lowercase letters, digits and '-', starting with a letter.",
                    "slug"
                )
            );
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(new DomainError("survey.title", "A survey needs a title.", "title"));
        }

        if (TimeZones.Find(timeZone) is null)
        {
            errors.Add(new DomainError("survey.time-zone", $"'{timeZone}' is not a time zone.", "timeZone"));
        }

        errors.AddRange(SurveyQuestionnaire.Validate(questions, segments));
        if (errors.Count > 0)
        {
            return Result<Survey>.Fail(errors);
        }

        var (q, g) = SurveyQuestionnaire.Tidy(questions, segments);
        return Result<Survey>.Ok(
            new Survey
            {
                Slug = s,
                Title = title!.Trim(),
                Introduction = string.IsNullOrWhiteSpace(introduction) ? null : introduction.Trim(),
                Template = template,
                TimeZone = timeZone,
                Status = SurveyStatus.Draft,
                Versions = [new SurveyVersion(1, now, by, q, g)],
                CreatedAt = now,
                CreatedBy = by,
            }
        );
    }

    public static bool IsSlug(string s) =>
        s.Length is >= 3 and <= 50
        && char.IsAsciiLetterLower(s[0])
        && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>
    /// The next version with these questions and segments. A closed survey's questionnaire is final; a question code
    /// keeps its kind (a Likert statement stays one), so results across versions add up.
    /// </summary>
    public Result<SurveyVersion> Revise(
        IReadOnlyList<SurveyQuestion> questions,
        IReadOnlyList<SurveySegment> segments,
        DateTimeOffset now,
        string by
    )
    {
        if (Status == SurveyStatus.Closed)
        {
            return new DomainError("survey.closed", $"The survey {Title} is closed; its questionnaire cannot change.");
        }

        var errors = SurveyQuestionnaire.Validate(questions, segments).ToList();
        for (var i = 0; i < questions.Count; i++)
        {
            var earlier = Versions.Select(v => v.Question(questions[i].Code?.Trim() ?? "")).FirstOrDefault(q => q is not null);
            if (earlier is not null && earlier.Kind != questions[i].Kind)
            {
                errors.Add(
                    new DomainError(
                        "survey.question.kind",
                        $"Question {earlier.Code} was {Article(earlier.Kind)} in an earlier version; give a new "
                            + "code to a question of another kind.",
                        $"questions[{i}].kind"
                    )
                );
            }
        }

        if (errors.Count > 0)
        {
            return Result<SurveyVersion>.Fail(errors);
        }

        var (q, g) = SurveyQuestionnaire.Tidy(questions, segments);
        var version = new SurveyVersion(Current.Number + 1, now, by, q, g);
        Versions = [.. Versions, version];
        return Result<SurveyVersion>.Ok(version);
    }

    private static string Article(SurveyQuestionKind kind) => kind == SurveyQuestionKind.Likert ? "a Likert statement" : "an open question";

    /// <summary>
    /// Opens the survey from <paramref name="opensOn"/> to <paramref name="closesOn"/> (both included, days in the survey's zone), or
    /// changes the period of an open survey. The last day may not be before today there: a period that is already over opens nothing.
    /// </summary>
    public Result<Survey> Open(DateOnly? opensOn, DateOnly? closesOn, bool openLink, DateTimeOffset now)
    {
        if (Status == SurveyStatus.Closed)
        {
            return new DomainError("survey.closed", $"The survey {Title} is closed; create a new survey (or a copy) to ask again.");
        }

        var today = Today(now);
        var from = opensOn ?? today;
        if (closesOn is not { } until)
        {
            return new DomainError("survey.period", "Give the last day respondents may answer.", "closesOn");
        }

        if (until < from)
        {
            return new DomainError("survey.period", $"The last day ({Day(until)}) is before the first ({Day(from)}).", "closesOn");
        }

        if (until < today)
        {
            return new DomainError(
                "survey.period",
                $"The last day ({Day(until)}) has already passed; today is {Day(today)} in {TimeZone}.",
                "closesOn"
            );
        }

        Status = SurveyStatus.Open;
        OpensOn = from;
        ClosesOn = until;
        OpenLink = openLink;
        return Result<Survey>.Ok(this);
    }

    public Result<Survey> Close()
    {
        if (Status != SurveyStatus.Open)
        {
            return new DomainError(
                "survey.transition",
                $"Only an open survey can be closed; {Title} is {Status.ToString().ToLowerInvariant()}."
            );
        }

        Status = SurveyStatus.Closed;
        return Result<Survey>.Ok(this);
    }

    public DateOnly Today(DateTimeOffset now) => CalendarDays.DayOf(now, Zone);

    private TimeZoneInfo Zone => TimeZones.Find(TimeZone) ?? TimeZoneInfo.Utc;

    public SurveyPhase Phase(DateTimeOffset now)
    {
        if (Status != SurveyStatus.Open)
        {
            return Status == SurveyStatus.Draft ? SurveyPhase.Draft : SurveyPhase.Closed;
        }

        var today = Today(now);
        return today < OpensOn ? SurveyPhase.Scheduled
            : today > ClosesOn ? SurveyPhase.Ended
            : SurveyPhase.Open;
    }

    /// <summary>Why an answer cannot be taken now, or null when it can.</summary>
    public DomainError? RefusesAnswersAt(DateTimeOffset now) =>
        Phase(now) switch
        {
            SurveyPhase.Open => null,
            SurveyPhase.Scheduled => new DomainError(
                "survey.closed",
                $"This survey opens on {Day(OpensOn!.Value)}; please come back then."
            ),
            SurveyPhase.Ended => new DomainError(
                "survey.closed",
                $"This survey ended on {Day(ClosesOn!.Value)}; thank you for your interest."
            ),
            SurveyPhase.Closed => new DomainError("survey.closed", "This survey is closed; thank you for your interest."),
            _ => new DomainError("survey.closed", "This survey is not open yet."),
        };

    /// <summary>A day as people write it: 1 March 2026.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
