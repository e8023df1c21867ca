using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Files;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="ProviderTin">The contractor's TIN when the control is outsourced; its own AEO status is shown to customs.</param>
public sealed record SaveAnswerRequest([Limit(nameof(Limits.Text))] string? Text, bool OutcomeBased, [Limit(nameof(Limits.Text))] string? OutcomePlan, bool Outsourced, [Limit(nameof(Limits.Name))] string? Provider,
    [Limit(nameof(Limits.Tin))] string? ProviderTin = null);

/// <summary>
/// The applicant's self-assessment: answers per question and evidence documents. Editable while the applicant
/// holds the file (draft, consultation, information requested, and a pause from those); a paused application keeps
/// every answer and document.
/// </summary>
internal static class SelfAssessment
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/applications/{id:int}/answers/{code}", SaveAnswer).WithName("SaveAnswer").WithTags("Certification").WithSummary("Save the answer to one self-assessment question (outcome-based on the SME track where allowed).").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/applications/{id:int}/documents", Upload).WithName("UploadEvidence").WithTags("Certification").RequireAuthorization(Policies.SignedIn).DisableAntiforgery()
            .WithUploadLimit(api, o => o.DocumentMegabytes)
            .WithSummary("Attach evidence (multipart form: file, questionCode, shareWithChain); at most 10 MB, PDF, images, text, CSV, DOCX, XLSX.");
        api.MapGet("/applications/{id:int}/documents/{documentId:int}", Download).WithName("DownloadEvidence").WithTags("Certification").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/applications/{id:int}/readiness", ReadinessView).WithName("GetApplicationReadiness").WithTags("Certification").WithSummary("What the application still lacks before it can be submitted.").RequireAuthorization(Policies.SignedIn);
    }

    public static bool Editable(AeoApplication a) =>
        a.State is ApplicationState.Draft or ApplicationState.PriorConsultation or ApplicationState.InformationRequested
        || (a.State == ApplicationState.Paused && a.ResumeTo is ApplicationState.Draft or ApplicationState.PriorConsultation or ApplicationState.InformationRequested);

    public static async Task<Results<Ok<AnswerResponse>, ValidationProblem, ProblemHttpResult>> SaveAnswer(
        int id, [Limit(nameof(Limits.Code))] string code, SaveAnswerRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await Answer(id, code, request, Actor.From(user)!, db, clock, ct);
        return outcome.IsOk
            ? TypedResults.Ok(outcome.Value!)
            : Problems.Problem(outcome.Errors) is { } problem ? problem : Problems.Invalid(outcome.Errors);
    }

    public static async Task<Result<AnswerResponse>> Answer(int id, string code, SaveAnswerRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
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
        if (c.Side != Side.Applicant)
        {
            return new DomainError("forbidden", "The self-assessment is answered by the applicant.");
        }

        if (!Editable(c.Application))
        {
            return new DomainError("application.locked", $"The self-assessment cannot change while the application is {ApplicationWorkflow.Describe(c.Application.State)}.");
        }

        if (!(await ListQuestions.Of(db, c.Application, c.Programme, c.Applicant, ct)).Any(q => q.Code == code))
        {
            return new DomainError(ApplicationContext.NotFound, $"Question {code} is not asked of this operator (not in the application's criteria pack, or not for its roles).");
        }

        var answer = await db.Answers().SingleOrDefaultAsync(a => a.ApplicationId == id && a.QuestionCode == code, ct);
        if (answer is null)
        {
            answer = Domain.Certification.Answer.Create(id, code, c.Now, actor.Name).Value!;
            db.Answers().Add(answer);
        }

        var errors = answer.Set(request.Text, request.OutcomeBased, request.OutcomePlan, request.Outsourced, request.Provider, c.Now, actor.Name, request.ProviderTin);
        if (errors.Count > 0)
        {
            return Result<AnswerResponse>.Fail(errors);
        }

        db.Audit(c.Now, actor.Name, "application.answered", $"application:{c.Application.Reference}", null, new { question = code, request.OutcomeBased, request.Outsourced, contractor = answer.ProviderTin });
        await db.SaveChangesAsync(ct);
        return Result<AnswerResponse>.Ok(new AnswerResponse(answer.QuestionCode, answer.Text, answer.OutcomeBased, answer.OutcomePlan, answer.Outsourced, answer.Provider, answer.ProviderTin));
    }

    public static async Task<Results<Created<DocumentResponse>, ValidationProblem, ProblemHttpResult>> Upload(
        int id, IFormFile file, [FromForm, Limit(nameof(Limits.Code))] string? questionCode, [FromForm] bool? shareWithChain, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (file.Length > EvidenceDocument.MaxBytes)
        {
            return Problems.Invalid([new("document.size", $"A document is at most {EvidenceDocument.MaxBytes / (1024 * 1024)} MB.", "file")]);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var outcome = await Attach(id, questionCode, file.FileName, buffer.ToArray(), shareWithChain ?? false, Actor.From(user)!, db, clock, ct);
        return outcome.IsOk
            ? TypedResults.Created($"/api/v1/applications/{id}/documents/{outcome.Value!.Id}", outcome.Value)
            : Problems.Problem(outcome.Errors) is { } problem ? problem : Problems.Invalid(outcome.Errors);
    }

    public static async Task<Result<DocumentResponse>> Attach(int id, string? questionCode, string fileName, byte[] content, bool share, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var loaded = await ApplicationContext.Load(db, id, actor, clock, ct);
        if (!loaded.IsOk)
        {
            return Result<DocumentResponse>.Fail(loaded.Errors);
        }

        var c = loaded.Value!;
        if (c.Side != Side.Applicant)
        {
            return new DomainError("forbidden", "Evidence is attached by the applicant.");
        }

        // Evidence for a response to a notice of intent or for an improvement action is also welcome then (ADR 0032).
        if (!Editable(c.Application) && c.Application.State != ApplicationState.IntentToReject && !await db.ImprovementActions().AnyAsync(a => a.ApplicationId == id && a.Status != ImprovementStatus.Closed, ct))
        {
            return new DomainError("application.locked", $"Evidence cannot be added while the application is {ApplicationWorkflow.Describe(c.Application.State)}.");
        }

        if (!string.IsNullOrWhiteSpace(questionCode))
        {
            if (!(await ListQuestions.Of(db, c.Application, c.Programme, c.Applicant, ct)).Any(q => q.Code == questionCode))
            {
                return new DomainError("document.question", $"Question {questionCode} is not asked of this operator.", "questionCode");
            }
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var created = EvidenceDocument.Create(id, string.IsNullOrWhiteSpace(questionCode) ? null : questionCode, fileName, content, hash, share, c.Now, actor.Name);
        if (!created.IsOk)
        {
            return Result<DocumentResponse>.Fail(created.Errors);
        }

        var d = created.Value!;
        db.Documents().Add(d);
        db.Audit(c.Now, actor.Name, "application.evidence-added", $"application:{c.Application.Reference}", null, new { d.FileName, d.Size, d.Sha256, questionCode });
        await db.SaveChangesAsync(ct);
        return Result<DocumentResponse>.Ok(new DocumentResponse(d.Id, d.ApplicationId, d.QuestionCode, d.FileName, d.ContentType, d.Size, d.Sha256, d.SharedWithChain, d.UploadedAt));
    }

    /// <summary>
    /// Evidence is served to the applicant and to the certification side (the programme office and account
    /// managers); customs may also open a sponsoring master's shared evidence. Officers who only read applications
    /// (border, agency, analysts) see that evidence exists, not what it says: it holds the company's internal papers.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(int id, int documentId, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = Actor.From(user)!;
        var loaded = await ApplicationContext.Load(db, id, actor, clock, ct, forWriting: false);
        if (!loaded.IsOk)
        {
            return Problems.NotFound(loaded.Errors[0].Message);
        }

        var c = loaded.Value!;
        if (!MayOpenEvidence(actor, c.Application.OperatorTin))
        {
            return Problems.Forbidden("Evidence is opened by the applicant and the programme office.");
        }

        var document = await db.Documents().AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, ct);
        var visible = document is not null && (document.ApplicationId == id || (document.SharedWithChain && c.Side == Side.Customs && c.Application.SponsorChainId is not null));
        return visible
            ? TypedResults.File(document!.Content, document.ContentType, document.FileName)
            : Problems.NotFound($"There is no document {documentId} on application {id} that you can see.");
    }

    /// <summary>The applicant and the certification side open evidence; read-only officers do not.</summary>
    public static bool MayOpenEvidence(Actor actor, Tin applicant) => ApplicationContext.SideOf(actor, applicant) is not null;

    public static async Task<Results<Ok<IReadOnlyList<ReadinessGap>>, ProblemHttpResult>> ReadinessView(int id, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var loaded = await ApplicationContext.Load(db, id, Actor.From(user)!, clock, ct, forWriting: false);
        return loaded.IsOk
            ? TypedResults.Ok(await ApplicationContext.ReadinessOf(db, loaded.Value!.Application, ct))
            : Problems.NotFound(loaded.Errors[0].Message);
    }
}
