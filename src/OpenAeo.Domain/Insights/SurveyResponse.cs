namespace OpenAeo.Domain.Insights;

/// <summary>One answer: a level of the agreement scale for a Likert statement, words for an open question.</summary>
public sealed record SurveyAnswer(string Code, int? Level, string? Text);

public enum SurveyResponseSource
{
    /// <summary>Answered on the web, through an invitation or the open link.</summary>
    Web,

    /// <summary>Typed in from paper or another tool and imported from CSV.</summary>
    Import,
}

/// <summary>
/// A respondent's answers. Nothing identifies who answered: no account, address, invitation or instant is kept with it —
/// only the day it arrived (so a response cannot be matched to an invitation's use), the segment and economy the respondent
/// chose, and, for an imported response, the reference of its paper sheet so a file is not imported twice.
/// </summary>
public sealed class SurveyResponse
{
    private SurveyResponse() { }

    public long Id { get; private set; }

    public int SurveyId { get; private set; }

    public int Version { get; private set; }

    public string Segment { get; private set; } = "";

    public string? Economy { get; private set; }

    public DateOnly ReceivedOn { get; private set; }

    public SurveyResponseSource Source { get; private set; }

    /// <summary>The respondent column of an imported file (a sheet number), never a name: repeated imports are refused by it.</summary>
    public string? Reference { get; private set; }

    public List<SurveyAnswer> Answers { get; private set; } = [];

    public static SurveyResponse From(
        int surveyId,
        SurveyResponseDraft draft,
        DateOnly receivedOn,
        SurveyResponseSource source,
        string? reference
    ) =>
        new()
        {
            SurveyId = surveyId,
            Version = draft.Version,
            Segment = draft.Segment,
            Economy = draft.Economy,
            ReceivedOn = receivedOn,
            Source = source,
            Reference = reference,
            Answers = [.. draft.Answers],
        };
}

/// <summary>A response that passed the questionnaire's rules, ready to be kept.</summary>
public sealed record SurveyResponseDraft(int Version, string Segment, string? Economy, IReadOnlyList<SurveyAnswer> Answers);

/// <summary>The rules an answer sheet keeps, the same on the web form, the API and in an imported file.</summary>
public static class SurveyAnswers
{
    public const int MaxOpenAnswer = 2000;

    /// <summary>
    /// Checks a respondent's answers (by question code; a level as its number or words; blank = not answered) against
    /// <paramref name="version"/>. Errors name the field: <c>segment</c>, <c>economy</c> or the question's code.
    /// </summary>
    /// <param name="knownEconomies">Economy codes the registry knows; the economy is optional.</param>
    public static Result<SurveyResponseDraft> Check(
        SurveyVersion version,
        string? segment,
        string? economy,
        IReadOnlyDictionary<string, string?> answers,
        IReadOnlySet<string> knownEconomies
    )
    {
        var errors = new List<DomainError>();
        var chosen = version.Segment(segment);
        if (string.IsNullOrWhiteSpace(segment))
        {
            errors.Add(new DomainError("survey.segment", $"Say which best describes you: {Choices(version)}.", "segment"));
        }
        else if (chosen is null)
        {
            errors.Add(
                new DomainError(
                    "survey.segment",
                    $"'{segment.Trim()}' is not one of this survey's segments: {Choices(version)}.",
                    "segment"
                )
            );
        }

        string? economyCode = null;
        if (!string.IsNullOrWhiteSpace(economy))
        {
            economyCode = economy.Trim().ToUpperInvariant();
            if (!knownEconomies.Contains(economyCode))
            {
                errors.Add(
                    new DomainError(
                        "survey.economy",
                        $"'{economy.Trim()}' is not an economy code this registry knows (e.g. TW, CL, JP).",
                        "economy"
                    )
                );
            }
        }

        var given = new List<SurveyAnswer>();
        foreach (var (code, _) in answers)
        {
            if (version.Question(code) is null)
            {
                errors.Add(
                    new DomainError(
                        "survey.answer.question",
                        $"'{code}' is not a question of version {version.Number} of this survey.",
                        code
                    )
                );
            }
        }

        foreach (var question in version.Questions)
        {
            var value = answers.FirstOrDefault(a => string.Equals(a.Key, question.Code, StringComparison.OrdinalIgnoreCase)).Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                if (question.Required)
                {
                    errors.Add(new DomainError("survey.answer.required", $"Please answer: {question.Text}", question.Code));
                }

                continue;
            }

            if (question.Kind == SurveyQuestionKind.Likert)
            {
                if (SurveyLikert.Parse(value) is { } level)
                {
                    given.Add(new SurveyAnswer(question.Code, level, null));
                }
                else
                {
                    errors.Add(
                        new DomainError(
                            "survey.answer.level",
                            $"'{value.Trim()}' is not a level of agreement: 1 (strongly disagree) to 5 (strongly "
                                + "agree), as a number or in words.",
                            question.Code
                        )
                    );
                }
            }
            else if (value.Trim().Length > MaxOpenAnswer)
            {
                errors.Add(
                    new DomainError(
                        "survey.answer.length",
                        $"The answer is {value.Trim().Length:N0} characters long; at most {MaxOpenAnswer:N0} are kept.",
                        question.Code
                    )
                );
            }
            else
            {
                given.Add(new SurveyAnswer(question.Code, null, value.Trim()));
            }
        }

        if (errors.Count == 0 && given.Count == 0)
        {
            errors.Add(new DomainError("survey.answer.empty", "The response answers no question.", "answers"));
        }

        return errors.Count > 0
            ? Result<SurveyResponseDraft>.Fail(errors)
            : Result<SurveyResponseDraft>.Ok(new SurveyResponseDraft(version.Number, chosen!.Code, economyCode, given));
    }

    private static string Choices(SurveyVersion version) => string.Join(", ", version.Segments.Select(s => s.Label));
}
