using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using OpenAeo.Domain.Certification;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>The applicant attaches evidence to its application, for a question or in general, optionally shared with its supply
/// chain.</summary>
internal static class UploadEvidence
{
    public static void Map(RouteGroupBuilder api) =>
        // Built at start: the request delegate generator marks a [FromForm] string as not parsable, and OpenAPI then
        // describes it as the whole form instead of the field questionCode.
        api.MapPost("/applications/{id:int}/documents", BuiltAtStart(Handle))
            .WithName(nameof(UploadEvidence))
            .RequireAuthorization(Policies.SignedIn)
            .DisableAntiforgery()
            .WithUploadLimit(api, o => o.DocumentMegabytes)
            .WithSummary(
                "Attach evidence (multipart form: file, questionCode, shareWithChain); at most 10 MB, PDF, images, text, CSV, DOCX, XLSX."
            );

    public static async Task<Results<Created<DocumentResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        IFormFile file,
        [FromForm, Limit(nameof(Limits.Code))] string? questionCode,
        [FromForm] bool? shareWithChain,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        if (file.Length > EvidenceDocument.MaxBytes)
        {
            return Problems.Invalid([
                new("document.size", $"A document is at most {EvidenceDocument.MaxBytes / (1024 * 1024)} MB.", "file"),
            ]);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var outcome = await Execute(
            id,
            questionCode,
            file.FileName,
            buffer.ToArray(),
            shareWithChain ?? false,
            Actor.From(user)!,
            db,
            clock,
            ct
        );
        return Problems.CreatedOr(outcome, d => $"/api/v1/applications/{id}/documents/{d.Id}");
    }

    public static async Task<Result<DocumentResponse>> Execute(
        int id,
        string? questionCode,
        string fileName,
        byte[] content,
        bool share,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var loaded = await ApplicationContext.Load(db, id, actor, clock, ct);
        if (!loaded.IsOk)
        {
            return Result<DocumentResponse>.Fail(loaded.Errors);
        }

        var c = loaded.Value!;
        if (c.Unless(Side.Applicant, "Evidence is attached by the applicant.") is { } refused)
        {
            return refused;
        }

        // Evidence for a response to a notice of intent or for an improvement action is also welcome then (ADR 0032).
        if (
            !SelfAssessment.Editable(c.Application)
            && c.Application.State != ApplicationState.IntentToReject
            && !await db.ImprovementActions().AnyAsync(a => a.ApplicationId == id && a.Status != ImprovementStatus.Closed, ct)
        )
        {
            return new DomainError(
                "application.locked",
                $"Evidence cannot be added while the application is {ApplicationWorkflow.Describe(c.Application.State)}."
            );
        }

        if (!string.IsNullOrWhiteSpace(questionCode))
        {
            if (!(await ListQuestions.Of(db, c.Application, c.Programme, c.Applicant, ct)).Any(q => q.Code == questionCode))
            {
                return new DomainError("document.question", $"Question {questionCode} is not asked of this operator.", "questionCode");
            }
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var created = EvidenceDocument.Create(
            id,
            string.IsNullOrWhiteSpace(questionCode) ? null : questionCode,
            fileName,
            content,
            hash,
            share,
            c.Now,
            actor.Name
        );
        if (!created.IsOk)
        {
            return Result<DocumentResponse>.Fail(created.Errors);
        }

        var d = created.Value!;
        db.Documents().Add(d);
        db.Audit(
            c.Now,
            actor.Name,
            "application.evidence-added",
            $"application:{c.Application.Reference}",
            null,
            new
            {
                d.FileName,
                d.Size,
                d.Sha256,
                questionCode,
            }
        );
        await db.SaveChangesAsync(ct);
        return Result<DocumentResponse>.Ok(DocumentResponse.From(d));
    }

    /// <summary>The handler hidden from the request delegate generator, which only reads a method group or a lambda.</summary>
    private static Delegate BuiltAtStart(Delegate handler) => handler;
}
