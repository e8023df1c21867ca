using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>A programme officer adds a customs or SME benefit to the programme's catalogue (issue 13, item 2).</summary>
internal static class AddBenefit
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/programmes/{code}/benefits", Execute)
            .AnswersCreated<ProgrammeBenefitResponse>(b => $"/api/v1/programmes/{b.Programme}/benefits");

    [EndpointSummary("Add a customs or SME benefit to the programme's catalogue.")]
    [Authorize(Policies.ReferenceDataEditors)]
    public static Task<Result<ProgrammeBenefitResponse>> Execute(
        [Limit(nameof(Limits.ProgrammeCode))] string code,
        BenefitRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, ProgrammeBenefits.EditRefused(actor), async () =>
        {
            // Load.
            if (await ProgrammeBenefits.FindProgrammeAsync(db, code, ct) is not { } programme)
            {
                return new DomainError(Problems.NotFoundCode, $"There is no programme with code '{code}'.");
            }

            // Decide.
            var definition = request.ToDefinition();
            if (!definition.IsOk)
            {
                return Result<ProgrammeBenefitResponse>.Fail(definition.Errors);
            }

            var now = clock.GetUtcNow();
            var created = ProgrammeBenefit.Create(
                programme.Code,
                definition.Value!,
                BenefitRules.For(programme, ProgrammeBenefits.Languages),
                now
            );
            if (!created.IsOk)
            {
                return Result<ProgrammeBenefitResponse>.Fail(created.Errors);
            }

            // Act: the id exists only once saved, so the audit entry follows in the same transaction.
            var benefit = created.Value!;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Benefits().Add(benefit);
            await db.SaveChangesAsync(ct);
            db.Audit(
                now,
                actor.Name,
                "benefit.added",
                $"programme:{programme.Code}/benefit:{benefit.Id}",
                request.Reason,
                ProgrammeBenefitResponse.From(benefit)
            );
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Result<ProgrammeBenefitResponse>.Ok(ProgrammeBenefitResponse.From(benefit));
        });
}
