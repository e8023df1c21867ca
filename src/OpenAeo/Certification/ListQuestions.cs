using System.Globalization;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Text">The words the operator reads (the alleviated form for an SME), in the request's language (English or
/// Spanish).</param>
/// <param name="AskedBecause">The operator's roles the question is asked for; empty when it is asked of every operator.</param>
/// <param name="Alleviated">The SME's lighter form of the question is asked; the standard it is judged against is the same.</param>
public sealed record QuestionResponse(
    string Code,
    string Group,
    string Text,
    IReadOnlyList<string> AskedBecause,
    bool Alleviated,
    bool EvidenceRequired,
    bool OutcomeBasedAllowed,
    bool OutsourcingAllowed
);

/// <summary>
/// The questions an application asks, chosen by its operator's roles and size from its criteria pack (ADR 0033), each
/// with why it is asked. The applicant, the certification side and read-only officers see the same list.
/// </summary>
internal static class ListQuestions
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/applications/{id:int}/questions", Handle);

    [Authorize(Policies.SignedIn)]
    [EndpointSummary(
        "The questions this application asks its operator, by role and size, with why each is asked; "
            + "language=es gives the Spanish words."
    )]
    public static async Task<Results<Ok<List<QuestionResponse>>, ProblemHttpResult>> Handle(
        int id,
        [Limit(nameof(Limits.Keyword))] string? language,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var loaded = await ApplicationContext.Load(db, id, Actor.From(user)!, clock, ct, forWriting: false);
        if (!loaded.IsOk)
        {
            return Problems.NotFound(loaded.Errors[0].Message);
        }

        var c = loaded.Value!;
        language ??= CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var asked = await Of(db, c.Application, c.Programme, c.Applicant, ct);
        return TypedResults.Ok(
            asked
                .Select(q => new QuestionResponse(
                    q.Code,
                    q.Question.Group,
                    q.Text(language),
                    [.. OperatorRoleNames.Split(q.Because).Select(r => r.ToString())],
                    q.Alleviated,
                    q.Question.EvidenceRequired,
                    q.Question.OutcomeBasedAllowed,
                    q.Question.OutsourcingAllowed
                ))
                .ToList()
        );
    }

    /// <summary>The questions the application's pack asks an operator of these roles and this size.</summary>
    public static async Task<IReadOnlyList<AskedQuestion>> Of(
        OpenAeoDb db,
        AeoApplication application,
        Programme programme,
        Operator applicant,
        CancellationToken ct
    )
    {
        var pack = await db.CriteriaPacks().AsNoTracking().SingleAsync(p => p.Id == application.CriteriaPackId, ct);
        return Applicability.Select(
            pack.Questions,
            applicant.Roles,
            Applicability.IsSme(application.Track, programme.SmeDefinition, applicant.Employees, applicant.Turnover)
        );
    }

    /// <summary>The same, loading the programme and the operator (for callers that hold only the application).</summary>
    public static async Task<IReadOnlyList<AskedQuestion>> Of(OpenAeoDb db, AeoApplication application, CancellationToken ct)
    {
        var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == application.ProgrammeCode, ct);
        var applicant = await db.Operators().AsNoTracking().SingleAsync(o => o.Tin == application.OperatorTin, ct);
        return await Of(db, application, programme, applicant, ct);
    }
}
