namespace OpenAeo.Domain.Certification;

/// <summary>
/// Agencies take part in certification (the report's Step 2, ADR 0042): an other government agency adds its own
/// criteria to a programme's pack, marked with its code, and edits only those; customs' criteria and another agency's
/// stay as they were.
/// </summary>
public static class AgencyCriteria
{
    /// <summary>
    /// The pack's questions with <paramref name="agency"/>'s own replaced by <paramref name="proposed"/> (each marked with
    /// the agency). An own question left out is retired, never dropped, so answers already given keep their meaning.
    /// </summary>
    public static Result<IReadOnlyList<CriterionQuestion>> Replace(
        IReadOnlyList<CriterionQuestion> current,
        string agency,
        IReadOnlyList<CriterionQuestion> proposed
    )
    {
        var code = agency.Trim().ToUpperInvariant();
        var errors = new List<DomainError>();
        var others = current.Where(q => !Owns(q, code)).ToList();
        var taken = others.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var q in proposed.Where(q => taken.Contains(q.Code)))
        {
            errors.Add(
                new(
                    "pack.agency-code",
                    $"Question code {q.Code} belongs to {Owner(others.First(o => o.Code == q.Code))}; an agency adds its own codes.",
                    "questions"
                )
            );
        }

        foreach (
            var q in proposed.Where(q =>
                q.Agency is { Length: > 0 } a && !string.Equals(a.Trim(), code, StringComparison.OrdinalIgnoreCase)
            )
        )
        {
            errors.Add(new("pack.agency", $"Question {q.Code} is marked for {q.Agency}; {code} edits only its own criteria.", "questions"));
        }

        if (errors.Count > 0)
        {
            return Result<IReadOnlyList<CriterionQuestion>>.Fail(errors);
        }

        var marked = proposed.Select(q => q with { Agency = code }).ToList();
        var kept = marked.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
        var retired = current.Where(q => Owns(q, code) && !kept.Contains(q.Code)).Select(q => q with { Retired = true });
        return Result<IReadOnlyList<CriterionQuestion>>.Ok([.. others, .. marked, .. retired]);
    }

    /// <summary>
    /// An edit of the whole pack by the programme office leaves every agency's criteria as the agency wrote them: the
    /// agency answers for them, so they change only through <see cref="Replace"/>.
    /// </summary>
    public static IReadOnlyList<DomainError> AgencyQuestionsKept(
        IReadOnlyList<CriterionQuestion> current,
        IReadOnlyList<CriterionQuestion> proposed
    )
    {
        // A proposal may repeat a code or (read from JSON) hold a null: the pack's own checks name those; here a code
        // counts as changed unless it stands exactly as before, once.
        var before = ByCode(current);
        var after = ByCode(proposed.OfType<CriterionQuestion>());
        var changed = before
            .Keys.Union(after.Keys)
            .Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || !b.SequenceEqual(a))
            .Concat(proposed.OfType<CriterionQuestion>().Where(q => q.Agency is null && before.ContainsKey(q.Code)).Select(q => q.Code))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        return changed.Count == 0
            ? []
            :
            [
                new(
                    "pack.agency",
                    $"Questions {string.Join(", ", changed)} are an agency's criteria; the agency edits them (PUT "
                        + ".../agency-criteria/{agency}).",
                    "questions"
                ),
            ];
    }

    private static Dictionary<string, List<CriterionQuestion>> ByCode(IEnumerable<CriterionQuestion> questions) =>
        questions
            .Where(q => q.Agency is not null)
            .GroupBy(q => q.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    /// <summary>The agencies whose criteria an application asks, which must each sign off before a grant.</summary>
    public static IReadOnlyList<string> AgenciesOf(IEnumerable<AskedQuestion> asked) =>
        [.. asked.Select(q => q.Question.Agency).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];

    private static bool Owns(CriterionQuestion q, string agency) => string.Equals(q.Agency, agency, StringComparison.OrdinalIgnoreCase);

    private static string Owner(CriterionQuestion q) => q.Agency is null ? "the customs criteria" : $"agency {q.Agency}";
}

/// <summary>An agency's judgement of one of its criteria: met, or not met with the reasons.</summary>
public sealed record AgencyFinding([Limit(nameof(Limits.Code))] string QuestionCode, bool Met, [Limit(nameof(Limits.Note))] string? Reason);

/// <summary>Where an agency stands on an application: not signed yet, signed all met, or signed with a criterion not met.</summary>
public enum AgencyStanding
{
    Waiting,
    Met,
    NotMet,
}

/// <summary>
/// An agency's part of a validation: its officer's finding on each of its criteria the application asks. The agency
/// signs once per application and may sign again (a corrected judgement, a plan that met a criterion); the latest stands,
/// the audit trail keeps each.
/// </summary>
public sealed class AgencySignOff
{
    private AgencySignOff() { }

    public int Id { get; private set; }

    public int ApplicationId { get; private set; }

    public string Agency { get; private set; } = "";

    public List<AgencyFinding> Findings { get; private set; } = [];

    public string SignedBy { get; private set; } = "";

    public DateTimeOffset SignedAt { get; private set; }

    /// <summary>The programme's local day of the sign-off.</summary>
    public DateOnly SignedOn { get; private set; }

    public AgencyStanding Standing => Findings.All(f => f.Met) ? AgencyStanding.Met : AgencyStanding.NotMet;

    /// <summary>States in which an agency signs its part: after submission and before the decision.</summary>
    public static bool MaySign(ApplicationState state) =>
        ApplicationWorkflow.IsOpen(state) && state is not (ApplicationState.Draft or ApplicationState.PriorConsultation);

    /// <summary>A new sign-off, or <paramref name="existing"/> signed again.</summary>
    /// <param name="criteria">The agency's criteria the application asks (codes); every one gets a finding, no other.</param>
    public static Result<AgencySignOff> Sign(
        AgencySignOff? existing,
        int applicationId,
        string agency,
        ApplicationState state,
        IReadOnlyCollection<string> criteria,
        IReadOnlyList<AgencyFinding> findings,
        string officer,
        DateOnly today,
        DateTimeOffset now
    )
    {
        var code = agency.Trim().ToUpperInvariant();
        if (!MaySign(state))
        {
            return new DomainError(
                "agency.sign-off.transition",
                $"An agency signs off a submitted application before its decision; this one is {ApplicationWorkflow.Describe(state)}."
            );
        }

        if (criteria.Count == 0)
        {
            return new DomainError(
                "agency.sign-off.none",
                $"The application asks none of {code}'s criteria; there is nothing for {code} to sign off."
            );
        }

        var errors = new List<DomainError>();
        var given = findings.Select(f => f.QuestionCode.Trim()).ToList();
        var missing = criteria.Except(given, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            errors.Add(
                new(
                    "agency.sign-off.missing",
                    $"Give a finding on each of {code}'s criteria; missing: {string.Join(", ", missing)}.",
                    "findings"
                )
            );
        }

        var unknown = given.Except(criteria, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(
                new(
                    "agency.sign-off.unknown",
                    $"{string.Join(", ", unknown)} "
                        + $"{(unknown.Count == 1 ? "is not a criterion" : "are not criteria")} of {code} this "
                        + "application asks.",
                    "findings"
                )
            );
        }

        foreach (var twice in given.GroupBy(g => g, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new("agency.sign-off.twice", $"{twice.Key} has more than one finding.", "findings"));
        }

        foreach (var f in findings.Where(f => !f.Met && string.IsNullOrWhiteSpace(f.Reason)))
        {
            errors.Add(new("agency.sign-off.reason", $"{f.QuestionCode}: a criterion not met says why.", "findings"));
        }

        if (errors.Count > 0)
        {
            return Result<AgencySignOff>.Fail(errors);
        }

        var signed = existing ?? new AgencySignOff { ApplicationId = applicationId, Agency = code };
        signed.Findings =
        [
            .. findings
                .Select(f => new AgencyFinding(f.QuestionCode.Trim(), f.Met, f.Met ? f.Reason?.Trim() : f.Reason!.Trim()))
                .OrderBy(f => f.QuestionCode, StringComparer.Ordinal),
        ];
        (signed.SignedBy, signed.SignedAt, signed.SignedOn) = (officer, now, today);
        return Result<AgencySignOff>.Ok(signed);
    }
}

/// <summary>What the agencies' sign-offs mean for a grant.</summary>
public static class AgencySignOffs
{
    /// <summary>Each agency whose criteria the application asks, with its standing (Waiting when it has not signed).</summary>
    public static IReadOnlyList<(string Agency, AgencyStanding Standing)> Standings(
        IReadOnlyList<string> required,
        IReadOnlyList<AgencySignOff> signOffs
    ) =>
        [
            .. required.Select(a =>
                (
                    a,
                    signOffs.FirstOrDefault(s => string.Equals(s.Agency, a, StringComparison.OrdinalIgnoreCase))?.Standing
                        ?? AgencyStanding.Waiting
                )
            ),
        ];

    /// <summary>The agencies a grant waits for.</summary>
    public static IReadOnlyList<string> Awaited(IReadOnlyList<string> required, IReadOnlyList<AgencySignOff> signOffs) =>
        [.. Standings(required, signOffs).Where(s => s.Standing == AgencyStanding.Waiting).Select(s => s.Agency)];

    /// <summary>
    /// An agency's criteria not met, named as the workflow's refusal names blocking findings ("FDA: FDA-COLD-1
    /// (NotMet)"): they block a grant like a visit's NotMet finding under the programme's findings policy (ADR 0032).
    /// The agency lifts one by signing again with the criterion met.
    /// </summary>
    public static IReadOnlyList<string> Blocking(IReadOnlyList<string> required, IReadOnlyList<AgencySignOff> signOffs) =>
        [
            .. signOffs
                .Where(s => required.Contains(s.Agency, StringComparer.OrdinalIgnoreCase))
                .SelectMany(s => s.Findings.Where(f => !f.Met).Select(f => $"{s.Agency}: {f.QuestionCode} (NotMet)"))
                .Order(StringComparer.Ordinal),
        ];
}
