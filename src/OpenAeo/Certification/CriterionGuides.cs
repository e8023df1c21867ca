using Microsoft.Extensions.Localization;
using OpenAeo.Domain.Certification;
using OpenAeo.Platform.Localization;

namespace OpenAeo.Certification;

/// <summary>A criterion in the visitor's language: the question in plain words, what the officer looks for, evidence a small company can
/// show, and the SME track's outcome-based alternative.</summary>
internal sealed record CriterionWords(string Group, string Question, string? LooksFor, string? Evidence, string? Outcome);

/// <summary>
/// The learning material for each criterion of the shipped standard and SME packs, written for OpenAeo in English and
/// Spanish (<c>Resources/Certification/CriterionGuides.resx</c> and <c>.es.resx</c>). A question a programme added to its own
/// pack has no guide yet: its own words are shown as the pack has them. A programme may rewrite any part of a criterion's
/// guide in a language (<see cref="GuideOverride"/>); once a page or use case has named its programme
/// (<see cref="ForProgrammeAsync"/>), <see cref="For"/> gives the programme's words where it wrote some.
/// </summary>
internal sealed class CriterionGuides(IStringLocalizer<CriterionGuides> words)
{
    private Dictionary<string, GuideOverride> own = [];

    /// <summary>Reads the programme's own guide texts in the request's language; one scope serves one programme.</summary>
    public async Task<CriterionGuides> ForProgrammeAsync(OpenAeoDb db, string programme, CancellationToken ct)
    {
        var code = programme.Trim().ToUpperInvariant();
        var language = Languages.Current;
        own = await db.GuideOverrides()
            .AsNoTracking()
            .Where(g => g.ProgrammeCode == code && g.Language == language)
            .ToDictionaryAsync(g => g.CriterionCode, ct);
        return this;
    }

    /// <param name="q">The question as asked (its text already the SME's alleviated form where that is asked, in the visitor's language
    /// where the pack has it).</param>
    /// <param name="alleviated">The SME's alleviated form is asked. The guide's plain words, written for small companies, still stand
    /// for the question where the guide has them; a question without a guide shows the alleviated form (ADR 0033). A programme's
    /// own words stand above both (ADR 0031).</param>
    public CriterionWords For(CriterionQuestion q, bool alleviated = false)
    {
        var merged = GuideOverride.Merge(Shipped(q, alleviated), own.GetValueOrDefault(q.Code));
        return new(Word($"Group:{q.Group}") ?? q.Group, merged.Question ?? q.Text, merged.LooksFor, merged.Evidence, merged.Outcome);
    }

    /// <summary>
    /// The words of a question as put to an operator (<paramref name="asked"/> already in the reader's language and the SME's
    /// alleviated form where that is asked): the programme's own words first, then, for a reader of another language than
    /// English, the guide's plain words where the guide has them, else the question as asked.
    /// </summary>
    public string AsAsked(CriterionQuestion asked) =>
        HasOwn(asked) || (Languages.Current != Languages.Default && HasGuide(asked.Code))
            ? For(asked, alleviated: true).Question
            : asked.Text;

    /// <summary>Whether the programme wrote its own words for the criterion in the request's language.</summary>
    public bool HasOwn(CriterionQuestion q) => own.ContainsKey(q.Code);

    /// <summary>The shipped words only, for the officers' page to show what a programme's text replaces.</summary>
    public GuideWords Shipped(CriterionQuestion q, bool alleviated = false) =>
        new(
            Word($"{q.Code}.Question") ?? (alleviated ? q.Text : Own(q)),
            Word($"{q.Code}.LooksFor"),
            Word($"{q.Code}.Evidence"),
            Word($"{q.Code}.Outcome")
        );

    /// <summary>
    /// The guide's section a shipped rejection reason is about (<see cref="DefaultCriteria.RejectionReasons"/>); null for
    /// reasons about the procedure (no answer, the visit's findings) or a programme's own, which open the guide at its top.
    /// </summary>
    public static string? SectionFor(string? reason) =>
        reason switch
        {
            "COMPLIANCE" => "COMP-1",
            "RECORDS" => "RECS-1",
            "SOLVENCY" => "FIN-1",
            "SECURITY" => "CARGO-1",
            "PARTNERS" => "PART-1",
            _ => null,
        };

    /// <summary>Whether the guide has plain words for the question (then they are shown in place of the pack's words, alleviated or
    /// not).</summary>
    public bool HasGuide(string code) => Word($"{code}.Question") is not null;

    /// <summary>A question without a guide, in the pack's own words: its Spanish text for a Spanish reader when the pack has one.</summary>
    private static string Own(CriterionQuestion q) =>
        System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es" && q.TextEs is { Length: > 0 } es ? es : q.Text;

    private string? Word(string key) => words[key] is { ResourceNotFound: false } found ? found.Value : null;
}
