using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

/// <summary>Who a question is put to, and why: the roles of the operator it is asked because of, and whether the SME's alleviated form is
/// asked.</summary>
/// <param name="Question">The question as the pack has it.</param>
/// <param name="Because">The operator's roles the question is asked for; <see cref="OperatorRoles.None"/> when it is asked of every
/// operator.</param>
/// <param name="Alleviated">The operator is an SME and answers the question's lighter form
/// (<see cref="CriterionQuestion.SmeText"/>).</param>
public sealed record AskedQuestion(CriterionQuestion Question, OperatorRoles Because, bool Alleviated)
{
    public string Code => Question.Code;

    public bool AskedOfEveryone => Because == OperatorRoles.None;

    /// <summary>The words the operator reads, in English or Spanish (<paramref name="language"/> is a two-letter code); English where no
    /// translation exists.</summary>
    public string Text(string language = "en")
    {
        var spanish = string.Equals(language, "es", StringComparison.OrdinalIgnoreCase);
        return Alleviated
            ? (spanish ? Question.SmeTextEs : null) ?? Question.SmeText!
            : (spanish ? Question.TextEs : null) ?? Question.Text;
    }

    /// <summary>The question as asked, with the words the operator reads in place of the pack's own (the page and the form show only
    /// this).</summary>
    public CriterionQuestion AsAsked(string language = "en") => Question with { Text = Text(language) };
}

/// <summary>
/// Criteria by role and size (ADR 0033): a pack says which roles each question is asked of and which questions have an
/// alleviated form for SMEs. An operator is asked the questions of any of its roles; a question with no roles is asked of
/// everyone, and so is every question when the operator's roles are not known (the standard is never lowered by missing
/// data). An SME answers the alleviated form where there is one: a lighter question about the same outcome, with the same
/// evidence rules; the officer judges the outcome against the same standard.
/// </summary>
public static class Applicability
{
    public static readonly OperatorRoles AllRoles = OperatorRoleNames.All.Aggregate(OperatorRoles.None, (all, r) => all | r);

    public static bool AppliesTo(CriterionQuestion q, OperatorRoles roles) =>
        q.Roles == OperatorRoles.None || roles == OperatorRoles.None || (q.Roles & roles) != OperatorRoles.None;

    /// <summary>The active questions put to an operator with <paramref name="roles"/>, in pack order, each with why it is asked.</summary>
    /// <param name="sme">The operator is an SME by its programme's definition, or applies on the SME track.</param>
    public static IReadOnlyList<AskedQuestion> Select(IEnumerable<CriterionQuestion> questions, OperatorRoles roles, bool sme) =>
        [.. questions.Where(q => !q.Retired && AppliesTo(q, roles)).Select(q => Ask(q, roles, sme))];

    public static AskedQuestion Ask(CriterionQuestion q, OperatorRoles roles, bool sme) =>
        new(
            q,
            q.Roles == OperatorRoles.None || roles == OperatorRoles.None ? OperatorRoles.None : q.Roles & roles,
            sme && !string.IsNullOrWhiteSpace(q.SmeText)
        );

    /// <summary>Whether the operator is treated as an SME for the alleviated forms: on the SME track, or an SME by the programme's
    /// definition.</summary>
    public static bool IsSme(Track track, SmeDefinition definition, int? employees, decimal? turnover) =>
        track == Track.Sme || definition.Classify(employees, turnover) == SmeClass.Sme;
}
