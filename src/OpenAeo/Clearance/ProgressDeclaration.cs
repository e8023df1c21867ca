using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <param name="Result">For the end of a check or examination: Compliant or Discrepancy, recorded with the note.</param>
internal sealed record DeclarationAction(
    [Limit(nameof(Limits.Keyword))] string? Action,
    [Limit(nameof(Limits.Keyword))] string? Result,
    [Limit(nameof(Limits.Note))] string? Note
);

/// <summary>
/// The border officer's work after the lane: documentary check, cargo examination, release; and delivery, which the
/// importer (or the officer) records when the goods leave customs control. Every step is a milestone event.
/// </summary>
internal static class ProgressDeclaration
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/declarations/{id:guid}/actions", Execute).AnswersOk<DeclarationResponse>();

    [Authorize(ClearanceModule.Declarants)]
    [EndpointSummary(
        "StartDocumentaryCheck, EndDocumentaryCheck, StartExamination, EndExamination, Release (border "
            + "officers) or Deliver (also the trader)."
    )]
    public static async Task<Result<DeclarationResponse>> Execute(
        Guid id,
        DeclarationAction body,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(body) is { Count: > 0 } outOfLimits)
        {
            return Result<DeclarationResponse>.Fail(outOfLimits);
        }

        var loaded = await GetDeclaration.Load(db, id, ct, track: true);
        if (loaded is not { } found || !Declarations.CanSee(actor, found.Row, found.Cases))
        {
            return new DomainError(Problems.NotFoundCode, $"No declaration {id}.");
        }

        var (row, cases, events) = found;
        var recorded = ClearanceSteps.Record(
            Declarations.State(row, events, cases),
            body.Action,
            body.Result,
            body.Note,
            byTrader: actor.Role == Role.Trader
        );
        if (!recorded.IsOk)
        {
            return Result<DeclarationResponse>.Fail(recorded.Errors);
        }

        var now = clock.GetUtcNow();
        var step = recorded.Value!;
        var ev = new DeclarationEvent
        {
            DeclarationId = id,
            Milestone = step.Milestone,
            At = now,
            Actor = actor.Name,
            Note = step.HistoryNote,
        };
        db.DeclarationEvents().Add(ev);
        if (step.Milestone == Milestone.Released)
        {
            row.ReleasedAt = now;
        }
        else if (step.Milestone == Milestone.Delivered)
        {
            row.DeliveredAt = now;
        }

        db.Audit(
            now,
            actor.Name,
            $"declaration.{Words.FromPascalCase(step.Milestone.ToString()).ToLowerInvariant().Replace(' ', '-')}",
            $"declaration:{row.Reference}",
            body.Note,
            new { id, result = step.Result?.ToString() }
        );
        if (step.ReassessesHolders)
        {
            // In the same transaction as the milestone (ADR 0040).
            foreach (var tin in new[] { row.ImporterTin, row.ExporterTin }.OfType<string>().Distinct())
            {
                await CertificateMonitoring.TriggerForHolder(
                    db,
                    tin,
                    TriggerSource.BorderDiscrepancy,
                    step.Note!,
                    $"declaration:{row.Reference}",
                    now,
                    actor.Name,
                    ct
                );
            }
        }

        await db.SaveChangesAsync(ct);
        events.Add(ev);
        return Result<DeclarationResponse>.Ok(Declarations.Response(row, cases, events, actor));
    }
}
