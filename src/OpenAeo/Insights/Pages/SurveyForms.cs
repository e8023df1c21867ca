using OpenAeo.Domain.Insights;

namespace OpenAeo.Insights.Pages;

/// <summary>The new-survey form: a template, or questions and segments written one per line.</summary>
internal sealed class SurveyNewForm
{
    public string? Template { get; set; } = SurveyTemplates.Workshop;

    public string? Title { get; set; }

    public string? Slug { get; set; }

    public string? Questions { get; set; }

    public string? Segments { get; set; }

    public string? Reason { get; set; }
}

internal sealed class SurveyOpenForm
{
    public DateOnly? OpensOn { get; set; }

    public DateOnly? ClosesOn { get; set; }

    public bool OpenLink { get; set; }

    public string? Reason { get; set; }
}

internal sealed class SurveyReviseForm
{
    public string? Questions { get; set; }

    public string? Segments { get; set; }

    public string? Reason { get; set; }
}

internal sealed class SurveyInviteForm
{
    public int? Count { get; set; } = 10;
}

internal sealed class SurveyCloseForm
{
    public string? Reason { get; set; }
}

/// <summary>
/// Questions and segments as officers type them on the pages, one per line: <c>CODE | likert | statement</c> or
/// <c>CODE | open | question</c> (a line <c># Section</c> names the section of the lines after it), and <c>code | label | sector</c>.
/// </summary>
internal static class SurveyLines
{
    public static Result<List<SurveyQuestion>> Questions(string? text)
    {
        var questions = new List<SurveyQuestion>();
        var errors = new List<DomainError>();
        string? section = null;
        var number = 0;
        foreach (var raw in (text ?? "").Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                section = line.TrimStart('#').Trim();
                continue;
            }

            var parts = line.Split('|', 3, StringSplitOptions.TrimEntries);
            SurveyQuestionKind? kind =
                parts.Length == 3
                    ? parts[1].ToLowerInvariant() switch
                    {
                        "likert" or "scale" => SurveyQuestionKind.Likert,
                        "open" => SurveyQuestionKind.Open,
                        _ => null,
                    }
                    : null;
            if (kind is null)
            {
                errors.Add(
                    new DomainError(
                        "survey.questions",
                        $"Question line {number} should read 'CODE | likert | statement' or 'CODE | open | question'.",
                        "questions"
                    )
                );
                continue;
            }

            questions.Add(new SurveyQuestion(parts[0], section, parts[2], kind.Value));
        }

        return errors.Count > 0 ? Result<List<SurveyQuestion>>.Fail(errors) : Result<List<SurveyQuestion>>.Ok(questions);
    }

    public static Result<List<SurveySegment>> Segments(string? text)
    {
        var segments = new List<SurveySegment>();
        var errors = new List<DomainError>();
        var number = 0;
        foreach (var raw in (text ?? "").Split('\n'))
        {
            number++;
            if (raw.Trim().Length == 0)
            {
                continue;
            }

            var parts = raw.Split('|', 3, StringSplitOptions.TrimEntries);
            if (parts.Length != 3)
            {
                errors.Add(new DomainError("survey.segments", $"Segment line {number} should read 'code | label | sector'.", "segments"));
                continue;
            }

            segments.Add(new SurveySegment(parts[0], parts[1], parts[2]));
        }

        return errors.Count > 0 ? Result<List<SurveySegment>>.Fail(errors) : Result<List<SurveySegment>>.Ok(segments);
    }

    public static string Write(IReadOnlyList<SurveyQuestion> questions)
    {
        var text = new System.Text.StringBuilder();
        string? section = null;
        foreach (var q in questions)
        {
            if (q.Section != section && q.Section is not null)
            {
                text.Append("# ").Append(q.Section).Append('\n');
            }

            section = q.Section;
            text.Append(q.Code)
                .Append(" | ")
                .Append(q.Kind == SurveyQuestionKind.Likert ? "likert" : "open")
                .Append(" | ")
                .Append(q.Text)
                .Append('\n');
        }

        return text.ToString();
    }

    public static string Write(IReadOnlyList<SurveySegment> segments) =>
        string.Concat(segments.Select(s => $"{s.Code} | {s.Label} | {s.Sector}\n"));

    /// <summary>A share as people read it: 64%.</summary>
    public static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";

    public static string Figure(double? value, string format = "0.00") =>
        value?.ToString(format, System.Globalization.CultureInfo.InvariantCulture) ?? "—";
}
