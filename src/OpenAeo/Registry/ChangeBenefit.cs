using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>A programme officer rewrites one of the programme's own benefits; the whole benefit is replaced.</summary>
internal static class ChangeBenefit
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/programmes/{code}/benefits/{id:int}", Execute).AnswersOk<ProgrammeBenefitResponse>();

    [EndpointSummary("Change one of the programme's own benefits.")]
    [Authorize(Policies.ReferenceDataEditors)]
    public static Task<Result<ProgrammeBenefitResponse>> Execute(
        [Limit(nameof(Limits.ProgrammeCode))] string code,
        [Limit(nameof(Limits.Id))] int id,
        BenefitRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, ProgrammeBenefits.EditRefused(actor), async () =>
        {
            // Load.
            var programme = await ProgrammeBenefits.FindProgrammeAsync(db, code, ct);
            var benefit = programme is null
                ? null
                : await db.Benefits().SingleOrDefaultAsync(b => b.Id == id && b.ProgrammeCode == programme.Code, ct);
            if (programme is null || benefit is null)
            {
                return new DomainError(Problems.NotFoundCode, $"Programme '{code}' has no benefit {id}.");
            }

            // Decide.
            var definition = request.ToDefinition();
            if (!definition.IsOk)
            {
                return Result<ProgrammeBenefitResponse>.Fail(definition.Errors);
            }

            var now = clock.GetUtcNow();
            var before = ProgrammeBenefitResponse.From(benefit);
            var errors = benefit.Update(definition.Value!, BenefitRules.For(programme, ProgrammeBenefits.Languages), now);
            if (errors.Count > 0)
            {
                return Result<ProgrammeBenefitResponse>.Fail(errors);
            }

            // Act.
            db.Audit(
                now,
                actor.Name,
                "benefit.changed",
                $"programme:{programme.Code}/benefit:{benefit.Id}",
                request.Reason,
                new { before, after = ProgrammeBenefitResponse.From(benefit) }
            );
            await db.SaveChangesAsync(ct);
            return Result<ProgrammeBenefitResponse>.Ok(ProgrammeBenefitResponse.From(benefit));
        });
}
