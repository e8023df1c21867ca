using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary>One answer of the self-check: the criterion's code and <c>YesWithDocuments</c>, <c>YesNotWritten</c>, <c>Contractor</c>,
/// <c>No</c> or <c>NotSure</c>.</summary>
internal sealed record ReadinessAnswerRequest(
    [Limit(nameof(Limits.Code))] string? Criterion,
    [Limit(nameof(Limits.Keyword))] string? Answer
);

/// <summary>Who the visitor is and what it answered; nothing here is stored.</summary>
internal sealed record ReadinessRequest(
    [Limit(nameof(Limits.ProgrammeCode))] string? Programme,
    [Limit(nameof(Limits.Keyword))] IReadOnlyList<string>? Roles,
    [Limit(nameof(Limits.Employees))] int? Employees,
    [Limit(nameof(Limits.Money))] decimal? Turnover,
    [Limit(nameof(Limits.Sector))] string? Sector,
    [Limit(nameof(Limits.Entries))] IReadOnlyList<ReadinessAnswerRequest>? Answers
);

/// <param name="Outcome"><c>Met</c>, <c>MetOnSmeTrack</c> or <c>Gap</c>.</param>
/// <param name="Gap"><c>Unanswered</c>, <c>NotSure</c>, <c>EvidenceMissing</c>, <c>ControlMissing</c> or
/// <c>OutsourcingNotAllowed</c>.</param>
/// <param name="Evidence">Evidence a small company could show to close the gap (the guide's examples).</param>
/// <param name="OutcomeBasedAlternative">On the SME track, what an outcome-based answer says instead of a document; null where the track
/// allows none.</param>
internal sealed record ReadinessCriterionResponse(
    string Code,
    string Group,
    string Question,
    string? Answer,
    string Outcome,
    string? Gap,
    string? LooksFor,
    string? Evidence,
    string? OutcomeBasedAlternative,
    bool OutsourcingAllowed,
    string Guide
);

/// <param name="SlaBusinessDays">The programme's limit for the track from submission to decision.</param>
/// <param name="ObservedMedianBusinessDays">What the programme's decisions on the track took in the last year (median), when it made
/// any.</param>
internal sealed record ReadinessTimeResponse(
    int SlaBusinessDays,
    int InformationRequestDays,
    int? ObservedMedianBusinessDays,
    int ObservedDecisions
);

/// <param name="NextStep"><c>Apply</c>, <c>PriorConsultation</c>, <c>Prepare</c> or <c>NotEligible</c>.</param>
/// <param name="Answers">The answers as the link code (<c>COMP-1:y,…</c>) that the resume link and a prior-consultation request
/// carry.</param>
internal sealed record ReadinessResponse(
    string Programme,
    string ProgrammeName,
    string Track,
    string SmeClass,
    string SmeDefinition,
    bool Eligible,
    int Met,
    int Total,
    IReadOnlyList<ReadinessCriterionResponse> Criteria,
    ReadinessTimeResponse ExpectedTime,
    string NextStep,
    string Answers,
    string ResumeLink
);

/// <summary>
/// <c>POST /api/v1/public/readiness</c>: answers in, result out, for anyone and nothing stored. The same decision serves
/// the self-check pages (<see cref="SelfCheck"/> in the domain); the words come in the caller's language.
/// </summary>
internal static class ReadinessCheck
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/public/readiness", Execute).AnswersOk<ReadinessResponse>();

    [AllowAnonymous]
    [EndpointSummary(
        "The readiness self-check: a visitor's roles, size and answers to the programme's criteria → "
            + "criteria met, gaps with the evidence that would close each and the SME track's alternatives, the "
            + "track, expected time and next step. Nothing is stored."
    )]
    public static async Task<Result<ReadinessResponse>> Execute(
        ReadinessRequest request,
        OpenAeoDb db,
        CriterionGuides guides,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<ReadinessResponse>.Fail(outOfLimits);
        }

        var code = (request.Programme ?? "").Trim().ToUpperInvariant();
        if (await db.Programmes().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct) is not { } programme)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no programme '{request.Programme}'.", "programme");
        }

        await guides.ForProgrammeAsync(db, programme.Code, ct);

        var errors = new List<DomainError>();
        var roles = OperatorRoles.None;
        foreach (var name in request.Roles ?? [])
        {
            if (OperatorRoleNames.ParseOne(name) is { } role)
            {
                roles |= role;
            }
            else
            {
                errors.Add(
                    new(
                        "readiness.roles",
                        $"'{name}' is not an operator role; use one of {string.Join(", ", OperatorRoleNames.All)}.",
                        "roles"
                    )
                );
            }
        }

        if (roles == OperatorRoles.None && errors.Count == 0)
        {
            errors.Add(new("readiness.roles", "Say what your company does: at least one operator role (Importer, Exporter, …).", "roles"));
        }

        var answers = new Dictionary<string, SelfCheckAnswer>(StringComparer.Ordinal);
        foreach (var a in request.Answers ?? [])
        {
            if (
                !Enum.TryParse<SelfCheckAnswer>(a.Answer, ignoreCase: true, out var answer)
                || !Enum.IsDefined(answer)
                || int.TryParse(a.Answer, out _)
            )
            {
                errors.Add(
                    new(
                        "readiness.answer",
                        $"'{a.Answer}' is not an answer; use one of {string.Join(", ", Enum.GetNames<SelfCheckAnswer>())}.",
                        "answers"
                    )
                );
                continue;
            }

            answers[(a.Criterion ?? "").Trim().ToUpperInvariant()] = answer;
        }

        if (errors.Count > 0)
        {
            return Result<ReadinessResponse>.Fail(errors);
        }

        var profile = new SelfCheckProfile(roles, request.Employees, request.Turnover, request.Sector);
        var assessment = await Assess(programme, profile, answers, db, clock, ct);
        if (!assessment.IsOk)
        {
            return Result<ReadinessResponse>.Fail(assessment.Errors);
        }

        var (result, _) = assessment.Value!;
        return Result<ReadinessResponse>.Ok(Respond(programme, profile, result, guides));
    }

    /// <summary>The self-check for a profile and answers: the track the programme gives the visitor, its pack, the decision. Answers to
    /// criteria the pack does not ask are refused.</summary>
    public static async Task<Result<(SelfCheckResult Result, IReadOnlyList<CriterionQuestion> Questions)>> Assess(
        Programme programme,
        SelfCheckProfile profile,
        IReadOnlyDictionary<string, SelfCheckAnswer> answers,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var facts = Facts(programme);
        var track = SelfCheck.TrackFor(facts, profile, out _);
        var questions = (await CriteriaPacks.ActiveFor(db, programme.Code, track, ct)).ActiveQuestions.ToList();
        var unknown = answers.Keys.Except(questions.Select(q => q.Code), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return new DomainError(
                "readiness.criterion",
                $"The {programme.Code} programme's criteria do not include {string.Join(", ", unknown)}.",
                "answers"
            );
        }

        var observed = await Observed(db, programme, track, clock, ct);
        return Result<(SelfCheckResult, IReadOnlyList<CriterionQuestion>)>.Ok(
            (SelfCheck.Assess(facts, profile, track, questions, answers, observed), questions)
        );
    }

    public static SelfCheckProgramme Facts(Programme p) => new(p.Code, p.Tracks, p.SmeDefinition, p.Sla, p.EligibleRoles);

    /// <summary>Submission to decision of the programme's applications on the track decided in the last year, in the office's local
    /// days.</summary>
    private static async Task<(int, int)?> Observed(
        OpenAeoDb db,
        Programme programme,
        Track track,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var since = clock.GetUtcNow().AddYears(-1);
        var decided = await db.Applications()
            .AsNoTracking()
            .Where(a =>
                a.ProgrammeCode == programme.Code
                && a.Track == track
                && a.SubmittedAt != null
                && a.DecidedAt != null
                && a.DecidedAt >= since
            )
            .Select(a => new { a.SubmittedAt, a.DecidedAt })
            .ToListAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(programme.TimeZone);
        DateOnly Local(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        return ObservedDurations.Median(programme.Calendar, decided.Select(d => (Local(d.SubmittedAt!.Value), Local(d.DecidedAt!.Value))));
    }

    /// <summary>The link that reopens the self-check with these answers (the answers travel in it; nothing is kept on the
    /// server).</summary>
    public static string ResumeLink(
        string programme,
        SelfCheckProfile profile,
        IReadOnlyDictionary<string, SelfCheckAnswer> answers,
        int? step = null
    )
    {
        var query = new List<string>
        {
            $"roles={Uri.EscapeDataString(string.Join(',', OperatorRoleNames.All.Where(r => profile.Roles.HasFlag(r))))}",
        };
        if (profile.Employees is int employees)
        {
            query.Add($"employees={employees}");
        }

        if (profile.Turnover is decimal turnover)
        {
            query.Add($"turnover={turnover.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (!string.IsNullOrWhiteSpace(profile.Sector))
        {
            query.Add($"sector={Uri.EscapeDataString(profile.Sector.Trim())}");
        }

        query.Add($"a={Uri.EscapeDataString(SelfCheckCode.Format(answers))}");
        if (step is int s)
        {
            query.Add($"step={s}");
        }

        return $"/readiness/{Uri.EscapeDataString(programme)}?{string.Join('&', query)}";
    }

    private static ReadinessResponse Respond(Programme programme, SelfCheckProfile profile, SelfCheckResult result, CriterionGuides guides)
    {
        var answers = result
            .Criteria.Where(c => c.Answer is not null)
            .ToDictionary(c => c.Code, c => c.Answer!.Value, StringComparer.Ordinal);
        var questions = result.Criteria.Select(c => new CriterionQuestion(
            c.Code,
            c.Group,
            c.Question,
            c.EvidenceRequired,
            c.OutcomeBasedAllowed,
            c.OutsourcingAllowed
        ));
        var criteria = result
            .Criteria.Zip(questions, (c, q) =>
            {
                var words = guides.For(q, c.Alleviated);
                return new ReadinessCriterionResponse(
                    c.Code,
                    words.Group,
                    words.Question,
                    c.Answer?.ToString(),
                    c.Outcome.ToString(),
                    c.Gap?.ToString(),
                    words.LooksFor,
                    words.Evidence,
                    c.OutcomeBasedAllowed ? words.Outcome : null,
                    c.OutsourcingAllowed,
                    $"/guides/{programme.Code}#{c.Code}"
                );
            })
            .ToList();
        return new ReadinessResponse(
            programme.Code,
            programme.Name,
            result.Track.ToString(),
            result.SmeClass.ToString(),
            programme.SmeDefinition.ToString(),
            result.Eligible,
            result.Met,
            result.Criteria.Count,
            criteria,
            new ReadinessTimeResponse(
                result.Time.SlaBusinessDays,
                result.Time.InformationRequestDays,
                result.Time.ObservedMedianBusinessDays,
                result.Time.ObservedDecisions
            ),
            result.NextStep.ToString(),
            SelfCheckCode.Format(answers),
            ResumeLink(programme.Code, profile, answers)
        );
    }
}
