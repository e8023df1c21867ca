using System.Text.RegularExpressions;

namespace OpenAeo.Domain.Insights;

public enum SurveyQuestionKind
{
    /// <summary>A statement answered on the five-level agreement scale (<see cref="SurveyLikert"/>).</summary>
    Likert,

    /// <summary>A question answered in the respondent's own words.</summary>
    Open,
}

/// <summary>One question of a questionnaire.</summary>
/// <param name="Code">Stable across versions and the column name in response files, e.g. <c>P1-Q3</c>.</param>
/// <param name="Section">The part of the questionnaire it belongs to, e.g. the workshop panel.</param>
/// <param name="Required">A response without an answer to it is refused.</param>
public sealed record SurveyQuestion(
    [Limit(nameof(Limits.Code))] string Code,
    [Limit(nameof(Limits.Label))] string? Section,
    [Limit(nameof(Limits.Text))] string Text,
    SurveyQuestionKind Kind,
    bool Required = false
);

/// <summary>A kind of respondent results are broken down by, e.g. <c>customs</c> "Customs administration" in the public sector.</summary>
/// <param name="Sector">The wider group the segment belongs to ("Public sector", "Private sector"); results are also given by
/// sector.</param>
public sealed record SurveySegment(
    [Limit(nameof(Limits.Code))] string Code,
    [Limit(nameof(Limits.Label))] string Label,
    [Limit(nameof(Limits.Label))] string Sector
);

/// <summary>The five-level agreement scale every Likert question uses.</summary>
public static class SurveyLikert
{
    public const int Levels = 5;

    /// <summary>The levels' words, lowest first (level 1 is "Strongly disagree").</summary>
    public static readonly IReadOnlyList<string> Labels =
    [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ];

    public static string Label(int level) =>
        level is >= 1 and <= Levels ? Labels[level - 1] : throw new ArgumentOutOfRangeException(nameof(level));

    /// <summary>A level written as its number (<c>4</c>) or its words (<c>agree</c>, any case); null when it is neither.</summary>
    public static int? Parse(string text)
    {
        var t = text.Trim();
        if (t.Length == 1 && t[0] is >= '1' and <= '5')
        {
            return t[0] - '0';
        }

        for (var i = 0; i < Labels.Count; i++)
        {
            if (string.Equals(Labels[i], t, StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return null;
    }
}

/// <summary>The rules a questionnaire (its questions and segments) must keep, whether typed, from a template or revised.</summary>
public static partial class SurveyQuestionnaire
{
    /// <summary>Columns a response file always has, so no question may take their names.</summary>
    public static readonly IReadOnlyList<string> FixedColumns = ["respondent", "segment", "economy"];

    public const int MaxQuestions = 200;
    public const int MaxSegments = 30;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,39}$")]
    private static partial Regex CodeShape();

    public static bool IsCode(string? code) => code is not null && CodeShape().IsMatch(code);

    public static IReadOnlyList<DomainError> Validate(IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<SurveySegment> segments)
    {
        var errors = new List<DomainError>();
        if (questions.Count == 0)
        {
            errors.Add(new DomainError("survey.questions", "A survey needs at least one question.", "questions"));
        }

        if (questions.Count > MaxQuestions)
        {
            errors.Add(new DomainError("survey.questions", $"A survey has at most {MaxQuestions} questions.", "questions"));
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            var field = $"questions[{i}]";
            if (!IsCode(q.Code))
            {
                errors.Add(
                    new DomainError(
                        "survey.question.code",
                        $"'{q.Code}' is not a question code: a letter, then letters, digits, '-' or '_' (at most 40).",
                        $"{field}.code"
                    )
                );
            }
            else if (FixedColumns.Contains(q.Code, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(
                    new DomainError(
                        "survey.question.code",
                        $"'{q.Code}' is a column of every response file; choose another code.",
                        $"{field}.code"
                    )
                );
            }
            else if (!codes.Add(q.Code))
            {
                errors.Add(
                    new DomainError("survey.question.code", $"The code {q.Code} is used twice; each question has its own.", $"{field}.code")
                );
            }

            if (string.IsNullOrWhiteSpace(q.Text))
            {
                errors.Add(new DomainError("survey.question.text", $"Question {q.Code} has no text.", $"{field}.text"));
            }

            if (!Enum.IsDefined(q.Kind))
            {
                errors.Add(
                    new DomainError(
                        "survey.question.kind",
                        $"Question {q.Code} is neither a Likert statement nor an open question.",
                        $"{field}.kind"
                    )
                );
            }
        }

        if (segments.Count == 0)
        {
            errors.Add(
                new DomainError(
                    "survey.segments",
                    "A survey needs at least one segment (the kinds of respondent results are broken down by).",
                    "segments"
                )
            );
        }

        if (segments.Count > MaxSegments)
        {
            errors.Add(new DomainError("survey.segments", $"A survey has at most {MaxSegments} segments.", "segments"));
        }

        var segmentCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            if (!IsCode(s.Code))
            {
                errors.Add(
                    new DomainError(
                        "survey.segment.code",
                        $"'{s.Code}' is not a segment code: a letter, then letters, digits, '-' or '_'.",
                        $"segments[{i}].code"
                    )
                );
            }
            else if (!segmentCodes.Add(s.Code))
            {
                errors.Add(new DomainError("survey.segment.code", $"The segment {s.Code} is listed twice.", $"segments[{i}].code"));
            }

            if (string.IsNullOrWhiteSpace(s.Label) || string.IsNullOrWhiteSpace(s.Sector))
            {
                errors.Add(new DomainError("survey.segment.label", $"Segment {s.Code} needs a label and a sector.", $"segments[{i}]"));
            }
        }

        return errors;
    }

    /// <summary>Questions and segments with surrounding spaces removed, as they are kept.</summary>
    public static (List<SurveyQuestion> Questions, List<SurveySegment> Segments) Tidy(
        IReadOnlyList<SurveyQuestion> questions,
        IReadOnlyList<SurveySegment> segments
    ) =>
        (
            [
                .. questions.Select(q =>
                    q with
                    {
                        Code = q.Code.Trim(),
                        Section = string.IsNullOrWhiteSpace(q.Section) ? null : q.Section.Trim(),
                        Text = q.Text.Trim(),
                    }
                ),
            ],
            [.. segments.Select(s => s with { Code = s.Code.Trim(), Label = s.Label.Trim(), Sector = s.Sector.Trim() })]
        );
}
