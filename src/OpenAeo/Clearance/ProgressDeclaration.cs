using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <param name="Result">For the end of a check or examination: Compliant or Discrepancy, recorded with the note.</param>
internal sealed record ActionBody([Limit(nameof(Limits.Keyword))] string? Action, [Limit(nameof(Limits.Keyword))] string? Result, [Limit(nameof(Limits.Note))] string? Note);

/// <summary>
/// The border officer's work after the lane: documentary check, cargo examination, release; and delivery, which the
/// importer (or the officer) records when the goods leave customs control. Every step is a milestone event.
/// </summary>
internal static class ProgressDeclaration
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/declarations/{id:guid}/actions", Handle).WithName(nameof(ProgressDeclaration)).WithTags("Clearance")
            .RequireAuthorization(ClearanceModule.Declarants)
            .WithSummary("StartDocumentaryCheck, EndDocumentaryCheck, StartExamination, EndExamination, Release (border officers) or Deliver (also the trader).");

    public static async Task<Results<Ok<DeclarationResponse>, ValidationProblem, ProblemHttpResult>> Handle(Guid id, ActionBody body, ClaimsPrincipal user, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        Problems.OkOr(await Execute(id, body, Actor.From(user)!, db, clock, ct));

    public static async Task<Result<DeclarationResponse>> Execute(Guid id, ActionBody body, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
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

        if (!Enum.TryParse<ClearanceAction>(body.Action, true, out var action) || !Enum.IsDefined(action))
        {
            return new DomainError("declaration.action", $"'{body.Action}' is not an action; use one of {string.Join(", ", Enum.GetNames<ClearanceAction>())}.", "action");
        }

        if (actor.Role == Role.Trader && action != ClearanceAction.Deliver)
        {
            return new DomainError(Problems.ForbiddenCode, "Only customs records checks, examinations and release.");
        }

        string? result = null;
        if (action is ClearanceAction.EndDocumentaryCheck or ClearanceAction.EndExamination)
        {
            result = body.Result?.Trim() switch
            {
                null or "" => "Compliant",
                var r when r.Equals("Compliant", StringComparison.OrdinalIgnoreCase) => "Compliant",
                var r when r.Equals("Discrepancy", StringComparison.OrdinalIgnoreCase) => "Discrepancy",
                _ => null,
            };
            if (result is null)
            {
                return new DomainError("declaration.result", "The result must be Compliant or Discrepancy.", "result");
            }

            if (result == "Discrepancy" && string.IsNullOrWhiteSpace(body.Note))
            {
                return new DomainError("declaration.note", "A discrepancy needs a note saying what was found.", "note");
            }
        }

        var (row, cases, events) = found;
        var state = new ClearanceState(row.Lane, events.Select(e => e.Milestone).ToHashSet(), [.. cases.Where(c => c.PermitStatus is not null).Select(c => c.PermitStatus!.Value)]);
        var next = ClearanceProgress.Next(state, action);
        if (!next.IsOk)
        {
            return Result<DeclarationResponse>.Fail(next.Errors);
        }

        var now = clock.GetUtcNow();
        var note = string.Join(": ", new[] { result, body.Note?.Trim() }.Where(s => !string.IsNullOrEmpty(s)));
        var ev = new DeclarationEvent { DeclarationId = id, Milestone = next.Value, At = now, Actor = actor.Name, Note = note.Length == 0 ? null : note };
        db.DeclarationEvents().Add(ev);
        if (next.Value == Milestone.Released)
        {
            row.ReleasedAt = now;
        }
        else if (next.Value == Milestone.Delivered)
        {
            row.DeliveredAt = now;
        }

        db.Audit(now, actor.Name, $"declaration.{Words.FromPascalCase(next.Value.ToString()).ToLowerInvariant().Replace(' ', '-')}", $"declaration:{row.Reference}", body.Note, new { id, result });
        if (action == ClearanceAction.EndExamination && result == "Discrepancy")
        {
            // A Red-lane discrepancy makes the AEO holders responsible for the goods due for reassessment, in the same transaction (ADR 0040).
            foreach (var tin in new[] { row.ImporterTin, row.ExporterTin }.OfType<string>().Distinct())
            {
                await CertificateMonitoring.TriggerForHolder(db, tin, TriggerSource.BorderDiscrepancy, body.Note!.Trim(), $"declaration:{row.Reference}", now, actor.Name, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        events.Add(ev);
        return Result<DeclarationResponse>.Ok(Declarations.Response(row, cases, events, actor));
    }
}
