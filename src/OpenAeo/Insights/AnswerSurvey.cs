using OpenAeo.Domain.Insights;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

public sealed record SurveyAnswerItem([Limit(nameof(Limits.Code))] string? Question, [Limit(nameof(Limits.Note))] string? Value);

/// <summary>
/// A respondent's answers: the invitation token (absent on an open link), the segment that describes them (code or label), their
/// economy (optional) and an answer per question (a level 1–5 or its words; words for an open question).
/// </summary>
public sealed record SurveyAnswerRequest(
    [Limit(nameof(Limits.Keyword))] string? Token,
    [Limit(nameof(Limits.Label))] string? Segment,
    [Limit(nameof(Limits.EconomyCode))] string? Economy,
    [Limit(nameof(Limits.Entries))] IReadOnlyList<SurveyAnswerItem>? Answers
);

internal sealed record SurveyAnswerReceipt(string Survey, string Message);

/// <summary>
/// Anonymous answering (the API and the pages <c>/s/{token}</c> and <c>/surveys/{slug}</c>): by a one-time invitation, or by the
/// open link when the survey has one, rate limited per client address. Nothing about the respondent is kept with the answers
/// (no account, address, token or instant: the day only), and nothing is written to the audit trail (ADR 0024).
/// </summary>
internal static class AnswerSurvey
{
    public const string Thanks = "Thank you: your answers were received. They are kept without your name or address.";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/public/surveys/{slug}/responses", Handle).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>A survey respondents may see (not a draft) by its link name, in any case.</summary>
    public static Task<Survey?> BySlug(string slug, OpenAeoDb db, CancellationToken ct)
    {
        var key = slug.Trim().ToLowerInvariant();
        return db.Surveys().AsNoTracking().SingleOrDefaultAsync(s => s.Slug == key && s.Status != SurveyStatus.Draft, ct);
    }

    [AllowAnonymous]
    [EndpointSummary(
        "Answer a survey anonymously: with an invitation's token, or on an open link; rate limited per "
            + "address (429), 409 when it is not open or the invitation was used."
    )]
    public static async Task<Results<Created<SurveyAnswerReceipt>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Keyword))] string slug,
        SurveyAnswerRequest request,
        HttpContext http,
        SurveyAnswerLimiter limiter,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        using var lease = limiter.Acquire(http);
        if (!lease.IsAcquired)
        {
            return Problems.TooManyRequests("Too many answers from this address; try again later.");
        }

        var outcome = await Execute(slug, request, db, clock, ct);
        return Problems.CreatedOr(
            outcome.IsOk
                ? Result<SurveyAnswerReceipt>.Ok(new SurveyAnswerReceipt(outcome.Value!.Slug, Thanks))
                : Result<SurveyAnswerReceipt>.Fail(outcome.Errors),
            receipt => $"/api/v1/public/surveys/{receipt.Survey}"
        );
    }

    /// <summary>The survey an invitation link belongs to, with the invitation; null for a link that is not one of ours.</summary>
    public static async Task<(Survey Survey, SurveyInvitation Invitation)?> ByToken(string? token, OpenAeoDb db, CancellationToken ct)
    {
        if (!SurveyTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = SurveyTokens.Hash(token!);
        var invitation = await db.SurveyInvitations().AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        var survey = invitation is null
            ? null
            : await db.Surveys()
                .AsNoTracking()
                .SingleOrDefaultAsync(s => s.Id == invitation.SurveyId && s.Status != SurveyStatus.Draft, ct);
        return survey is null ? null : (survey, invitation!);
    }

    /// <summary>Takes the answers, or says why not; the survey is returned so the caller can thank the respondent by its title.</summary>
    public static async Task<Result<Survey>> Execute(
        string slug,
        SurveyAnswerRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<Survey>.Fail(outOfLimits);
        }

        var survey = await BySlug(slug, db, ct);
        if (survey is null)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no survey '{slug}' to answer.");
        }

        var now = clock.GetUtcNow();
        if (survey.RefusesAnswersAt(now) is { } closed)
        {
            return closed;
        }

        SurveyInvitation? invitation = null;
        if (!string.IsNullOrEmpty(request.Token))
        {
            var hash = SurveyTokens.IsWellFormed(request.Token) ? SurveyTokens.Hash(request.Token) : null;
            invitation = hash is null
                ? null
                : await db.SurveyInvitations().SingleOrDefaultAsync(i => i.TokenHash == hash && i.SurveyId == survey.Id, ct);
            if (invitation is null)
            {
                return new DomainError(
                    Problems.NotFoundCode,
                    "This invitation link is not one of this survey's; check the link you received."
                );
            }
        }
        else if (!survey.OpenLink)
        {
            return new DomainError(
                Problems.ForbiddenCode,
                "This survey is answered by invitation only; use the personal link you received."
            );
        }

        var answers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in request.Answers ?? [])
        {
            if (!string.IsNullOrWhiteSpace(item.Question))
            {
                answers[item.Question.Trim()] = item.Value;
            }
        }

        var draft = SurveyAnswers.Check(survey.Current, request.Segment, request.Economy, answers, await db.EconomyCodesAsync(ct));
        if (!draft.IsOk)
        {
            return Result<Survey>.Fail([.. draft.Errors.Select(e => e with { Field = FieldOf(e.Field) })]);
        }

        if (invitation is not null && invitation.Use() is { IsOk: false } used)
        {
            return Result<Survey>.Fail(used.Errors);
        }

        db.SurveyResponses().Add(SurveyResponse.From(survey.Id, draft.Value!, survey.Today(now), SurveyResponseSource.Web, null));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same invitation answered twice at once: the other answer was kept, this one is refused whole.
            db.ChangeTracker.Clear();
            return new DomainError(
                "survey.invitation.answered",
                "This invitation has already been used to answer; each invitation answers once."
            );
        }

        return Result<Survey>.Ok(survey);
    }

    /// <summary>A question's code as the request names it: <c>answers.P1-01</c>.</summary>
    private static string? FieldOf(string? field) => field is null or "segment" or "economy" or "answers" ? field : $"answers.{field}";
}

/// <summary>Answers by open link (and invitation) per client address: <c>Surveys:PermitLimit</c> per <c>Surveys:WindowSeconds</c>, default
/// 20 per hour.</summary>
internal sealed class SurveyAnswerLimiter(IConfiguration configuration) : AddressRateLimiter(configuration, "Surveys", 20, 3600);
