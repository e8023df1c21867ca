using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="ProviderTin">The contractor's TIN when the control is outsourced; its own AEO status is shown to customs.</param>
public sealed record SaveAnswerRequest(
    [Limit(nameof(Limits.Text))] string? Text,
    bool OutcomeBased,
    [Limit(nameof(Limits.Text))] string? OutcomePlan,
    bool Outsourced,
    [Limit(nameof(Limits.Name))] string? Provider,
    [Limit(nameof(Limits.Tin))] string? ProviderTin = null
);

/// <summary>The applicant answers one self-assessment question (outcome-based on the SME track where allowed) while it holds the
/// file.</summary>
internal static class SaveAnswer
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/applications/{id:int}/answers/{code}", Execute).AnswersOk<AnswerResponse>();

    [EndpointSummary("Save the answer to one self-assessment question (outcome-based on the SME track where allowed).")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Result<AnswerResponse>> Execute(
        int id,
        [Limit(nameof(Limits.Code))] string code,
        SaveAnswerRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<AnswerResponse>.Fail(outOfLimits);
        }

        var loaded = await ApplicationContext.Load(db, id, actor, clock, ct);
        if (!loaded.IsOk)
        {
            return Result<AnswerResponse>.Fail(loaded.Errors);
        }

        var c = loaded.Value!;
        if (c.Unless(Side.Applicant, "The self-assessment is answered by the applicant.") is { } refused)
        {
            return refused;
        }

        if (!SelfAssessment.Editable(c.Application))
        {
            return new DomainError(
                "application.locked",
                $"The self-assessment cannot change while the application is {ApplicationWorkflow.Describe(c.Application.State)}."
            );
        }

        if (!(await ListQuestions.Of(db, c.Application, c.Programme, c.Applicant, ct)).Any(q => q.Code == code))
        {
            return new DomainError(
                ApplicationContext.NotFound,
                $"Question {code} is not asked of this operator (not in the application's criteria pack, or not for its roles)."
            );
        }

        var answer = await db.Answers().SingleOrDefaultAsync(a => a.ApplicationId == id && a.QuestionCode == code, ct);
        if (answer is null)
        {
            answer = Domain.Certification.Answer.Create(id, code, c.Now, actor.Name).Value!;
            db.Answers().Add(answer);
        }

        var errors = answer.Set(
            request.Text,
            request.OutcomeBased,
            request.OutcomePlan,
            request.Outsourced,
            request.Provider,
            c.Now,
            actor.Name,
            request.ProviderTin
        );
        if (errors.Count > 0)
        {
            return Result<AnswerResponse>.Fail(errors);
        }

        db.Audit(
            c.Now,
            actor.Name,
            "application.answered",
            $"application:{c.Application.Reference}",
            null,
            new
            {
                question = code,
                request.OutcomeBased,
                request.Outsourced,
                contractor = answer.ProviderTin,
            }
        );
        await db.SaveChangesAsync(ct);
        return Result<AnswerResponse>.Ok(
            new AnswerResponse(
                answer.QuestionCode,
                answer.Text,
                answer.OutcomeBased,
                answer.OutcomePlan,
                answer.Outsourced,
                answer.Provider,
                answer.ProviderTin
            )
        );
    }
}
