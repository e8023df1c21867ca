using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary>A programme's own words for a criterion's guide in one language; a part left empty keeps the shipped text.</summary>
public sealed record GuideRequest(
    [Limit(nameof(Limits.Note))] string? Question,
    [Limit(nameof(Limits.Note))] string? LooksFor,
    [Limit(nameof(Limits.Note))] string? Evidence,
    [Limit(nameof(Limits.Note))] string? Outcome,
    [Limit(nameof(Limits.Reason))] string? Reason
);

/// <summary>The programme's words for one criterion in one language, as stored.</summary>
public sealed record GuideOverrideResponse(
    string Programme,
    string Criterion,
    string Language,
    string? Question,
    string? LooksFor,
    string? Evidence,
    string? Outcome,
    DateTimeOffset UpdatedAt
)
{
    internal static GuideOverrideResponse From(GuideOverride g) =>
        new(g.ProgrammeCode, g.CriterionCode, g.Language, g.Question, g.LooksFor, g.Evidence, g.Outcome, g.UpdatedAt);
}

/// <summary>
/// Issue 13, item 5: <c>PUT /api/v1/programmes/{code}/guides/{criterion}/{language}</c>. A programme officer writes the
/// programme's own guide text for a criterion its packs ask; the printable guide, the self-check and the application read it.
/// </summary>
internal static class RewriteGuide
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/programmes/{code}/guides/{criterion}/{language}", Execute).AnswersOk<GuideOverrideResponse>();

    [EndpointSummary("Write the programme's own words for a criterion's guide in one language (an empty part keeps the shipped text).")]
    [Authorize(Policies.ReferenceDataEditors)]
    public static async Task<Result<GuideOverrideResponse>> Execute(
        [Limit(nameof(Limits.ProgrammeCode))] string code,
        [Limit(nameof(Limits.Code))] string criterion,
        [Limit(nameof(Limits.Keyword))] string language,
        GuideRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<GuideOverrideResponse>.Fail(outOfLimits);
        }

        if (!RegistryPermissions.ReferenceDataEditors.Contains(actor.Role))
        {
            return new DomainError(Problems.ForbiddenCode, "Only programme officers and administrators edit a programme's guides.");
        }

        // Load.
        if (await ProgrammeBenefits.FindProgrammeAsync(db, code, ct) is not { } programme)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no programme with code '{code}'.");
        }

        var criteria = await CriteriaOf(db, programme, ct);
        var lang = language.Trim().ToLowerInvariant();
        var key = criterion.Trim().ToUpperInvariant();
        var existing = await db.GuideOverrides()
            .SingleOrDefaultAsync(g => g.ProgrammeCode == programme.Code && g.CriterionCode == key && g.Language == lang, ct);

        // Decide.
        var words = new GuideWords(request.Question, request.LooksFor, request.Evidence, request.Outcome);
        var now = clock.GetUtcNow();
        GuideOverride saved;
        if (existing is null)
        {
            var created = GuideOverride.Create(programme.Code, criterion, language, words, criteria, ProgrammeBenefits.Languages, now);
            if (!created.IsOk)
            {
                return Result<GuideOverrideResponse>.Fail(created.Errors);
            }

            saved = created.Value!;
            db.GuideOverrides().Add(saved);
        }
        else
        {
            var errors = existing.Rewrite(words, now);
            if (errors.Count > 0)
            {
                return Result<GuideOverrideResponse>.Fail(errors);
            }

            saved = existing;
        }

        // Act.
        var response = GuideOverrideResponse.From(saved);
        db.Audit(
            now,
            actor.Name,
            existing is null ? "guide.written" : "guide.rewritten",
            $"programme:{programme.Code}/guide:{saved.CriterionCode}/{saved.Language}",
            request.Reason,
            response
        );
        await db.SaveChangesAsync(ct);
        return Result<GuideOverrideResponse>.Ok(response);
    }

    /// <summary>The codes of the criteria the programme's active standard and SME packs ask.</summary>
    public static async Task<IReadOnlyCollection<string>> CriteriaOf(OpenAeoDb db, Programme programme, CancellationToken ct) =>
        [.. (await QuestionsOf(db, programme.Code, ct)).Select(q => q.Code)];

    /// <summary>The criteria whose guide a programme may rewrite: those its active standard and SME packs ask, each once.</summary>
    public static async Task<IReadOnlyList<CriterionQuestion>> QuestionsOf(OpenAeoDb db, string programme, CancellationToken ct)
    {
        var questions = new List<CriterionQuestion>();
        foreach (var track in new[] { Track.Standard, Track.Sme })
        {
            questions.AddRange((await CriteriaPacks.ActiveFor(db, programme, track, ct)).ActiveQuestions);
        }

        return [.. questions.DistinctBy(q => q.Code, StringComparer.Ordinal)];
    }
}
