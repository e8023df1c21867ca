using System.Security.Cryptography;
using OpenAeo.Domain.Insights;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

public sealed record SurveyInvitationRequest([Limit(nameof(Limits.Threshold))] int? Count, [Limit(nameof(Limits.Reason))] string? Reason);

/// <summary>The links of new invitations, shown once: only their tokens' hashes are kept.</summary>
internal sealed record SurveyInvitationsIssued(int Survey, int Count, IReadOnlyList<string> Links);

/// <summary>
/// One-time invitations to a survey, to hand or mail to respondents one each. The links are in the answer only; the officer
/// distributes them and OpenAeo never learns who got which, so an answer cannot be traced back to a person.
/// </summary>
internal static class SurveyInvitations
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/surveys/{id:int}/invitations", Execute).AnswersOk<SurveyInvitationsIssued>().WithName("InviteToSurvey");

    [Authorize(Policies.Officers)]
    [EndpointSummary(
        "Issue one-time invitation links (1 to 1000); the links are shown in this answer only (409 when the survey is closed)."
    )]
    public static async Task<Result<SurveyInvitationsIssued>> Execute(
        [Limit(nameof(Limits.Id))] int id,
        SurveyInvitationRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<SurveyInvitationsIssued>.Fail(outOfLimits);
        }

        if (Surveys.Refuses(actor) is { } refused)
        {
            return refused;
        }

        if (SurveyTokens.CheckCount(request.Count) is { } badCount)
        {
            return badCount;
        }

        if (await db.Surveys().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is not { } survey)
        {
            return Surveys.NotFound(id);
        }

        if (survey.Status == SurveyStatus.Closed)
        {
            return new DomainError("survey.closed", $"The survey {survey.Title} is closed; nobody can answer it any more.");
        }

        var now = clock.GetUtcNow();
        var tokens = Enumerable
            .Range(0, request.Count!.Value)
            .Select(_ => SurveyTokens.Format(RandomNumberGenerator.GetBytes(SurveyTokens.Bytes)))
            .ToList();
        db.SurveyInvitations().AddRange(tokens.Select(t => SurveyInvitation.Issue(survey.Id, t, now)));
        db.Audit(now, actor.Name, "survey.invited", $"survey:{survey.Slug}", request.Reason, new { count = tokens.Count });
        await db.SaveChangesAsync(ct);
        return Result<SurveyInvitationsIssued>.Ok(new SurveyInvitationsIssued(survey.Id, tokens.Count, [.. tokens.Select(t => $"/s/{t}")]));
    }
}
