using System.Linq.Expressions;
using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record ClockResponse(int LimitDays, int UsedDays, int DaysLeft, DateOnly? DueDate, bool Running, bool Overdue);

public sealed record PauseResponse(string ProposedBy, DateOnly ResumeBy, string Reason);

public sealed record RequestResponse(
    int Id,
    string Question,
    DateOnly DueOn,
    bool Open,
    bool Overdue,
    string RequestedBy,
    string? Answer,
    DateTimeOffset? AnsweredAt
);

/// <param name="PartnerLink">For a visit recognised from a partner: the partner's certificate it rests on, as our replica showed it on the
/// day it was recognised.</param>
public sealed record VisitResponse(
    int Id,
    DateOnly PlannedFor,
    string Mode,
    string Officer,
    string Status,
    string? PartnerEconomy,
    string? PartnerReference,
    IReadOnlyList<Finding> Findings,
    string? Report,
    string? PartnerTin = null,
    string? PartnerCertificateNumber = null,
    string? PartnerMra = null,
    long? PartnerLogIndex = null,
    DateOnly? RecognisedOn = null,
    string? PartnerLink = null
);

public sealed record DocumentResponse(
    int Id,
    int ApplicationId,
    string? QuestionCode,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    bool SharedWithChain,
    DateTimeOffset UploadedAt
)
{
    /// <summary>A stored document as the API shows it: an expression, so a query selects only these columns.</summary>
    public static readonly Expression<Func<EvidenceDocument, DocumentResponse>> Of = d => new DocumentResponse(
        d.Id,
        d.ApplicationId,
        d.QuestionCode,
        d.FileName,
        d.ContentType,
        d.Size,
        d.Sha256,
        d.SharedWithChain,
        d.UploadedAt
    );

    /// <summary><see cref="Of"/> for a document in hand.</summary>
    public static readonly Func<EvidenceDocument, DocumentResponse> From = Of.Compile();
}

public sealed record AnswerResponse(
    string QuestionCode,
    string? Text,
    bool OutcomeBased,
    string? OutcomePlan,
    bool Outsourced,
    string? Provider,
    string? ProviderTin = null
);

public sealed record EventResponse(
    DateTimeOffset At,
    DateOnly LocalDate,
    string Actor,
    string Side,
    string Action,
    string? From,
    string To,
    bool ClockRuns,
    string? Reason
);

public sealed record DecisionResponse(
    int? CertificateId,
    string? CertificateNumber,
    IReadOnlyList<string> RejectionCodes,
    string? Text,
    DateTimeOffset? DecidedAt
);

public sealed record ImprovementActionResponse(
    int Id,
    string Source,
    string Key,
    int? VisitId,
    string? Rating,
    string What,
    string Who,
    DateOnly DueOn,
    string Status,
    bool PlanAccepted,
    bool Overdue,
    string? CompletionText,
    int? CompletionDocumentId,
    DateOnly? CompletedOn,
    string? ReopenReason,
    string FiledBy,
    string? ReviewedBy
);

/// <summary>A notice of intent to reject: the reasons, the response period and the applicant's response.</summary>
public sealed record NoticeResponse(
    DateOnly IssuedOn,
    DateOnly RespondBy,
    IReadOnlyList<string> Reasons,
    string? Text,
    string? Response,
    IReadOnlyList<int> ResponseDocuments,
    DateTimeOffset? RespondedAt,
    bool Open,
    bool Heard
);

/// <summary>A grant or rejection waiting for a second officer (four eyes), or the two officers of a decision made that way.</summary>
public sealed record PreparedDecisionResponse(
    string Action,
    string PreparedBy,
    DateTimeOffset? PreparedAt,
    string? Tier,
    string? CertificateNumber,
    DateOnly? ValidFrom,
    DateOnly? FollowUpBy,
    string? Text,
    IReadOnlyList<string> Reasons
);

public sealed record ApplicationResponse(
    int Id,
    string Reference,
    string Programme,
    string OperatorTin,
    string OperatorName,
    string Track,
    string State,
    string StateDescription,
    string? AccountManager,
    string? OnBehalfOf,
    int? SponsorChainId,
    int? RenewalOfCertificateId,
    PauseResponse? PendingPause,
    DateOnly? AgreedResumeBy,
    ClockResponse Clock,
    IReadOnlyList<ReadinessGap> Readiness,
    IReadOnlyList<AnswerResponse> Answers,
    IReadOnlyList<DocumentResponse> Documents,
    IReadOnlyList<DocumentResponse> SharedChainDocuments,
    IReadOnlyList<RequestResponse> InformationRequests,
    IReadOnlyList<VisitResponse> Visits,
    IReadOnlyList<EventResponse> Events,
    DecisionResponse Decision,
    IReadOnlyList<string> AllowedActions,
    int CriteriaPackId,
    IReadOnlyList<ImprovementActionResponse> ImprovementActions,
    IReadOnlyList<string> BlockingFindings,
    string FindingsPolicy,
    NoticeResponse? Notice,
    PreparedDecisionResponse? PendingDecision,
    string? DecisionPreparedBy,
    string? DecisionApprovedBy
);

/// <summary>One application with its clock, readiness, requests, visits, history, decision and what the caller may do next.</summary>
internal static class GetApplication
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/applications/{id:int}", Handle);

    [EndpointSummary("One application with its answers, clock, visits and decision.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> Handle(
        int id,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var loaded = await ApplicationContext.Load(db, id, Actor.From(user)!, clock, ct, forWriting: false);
        return loaded.IsOk ? TypedResults.Ok(await Describe(db, loaded.Value!, ct)) : Problems.NotFound(loaded.Errors[0].Message);
    }

    public static ClockResponse ClockOf(AeoApplication a, Domain.Registry.Programme p, DateOnly today)
    {
        var limit = SlaClock.Limit(p.Sla, a.Track, a.InformationEverRequested);
        var s = SlaClock.Compute(a.ClockChanges(), p.Calendar, limit, today);
        var open = ApplicationWorkflow.IsOpen(a.State);
        return new ClockResponse(s.LimitDays, s.UsedDays, s.DaysLeft, open ? s.DueDate : null, open && s.Running, open && s.Overdue);
    }

    public static async Task<ApplicationResponse> Describe(OpenAeoDb db, ApplicationContext c, CancellationToken ct)
    {
        var a = c.Application;
        var id = a.Id;
        var requests = await db.InformationRequests().AsNoTracking().Where(r => r.ApplicationId == id).OrderBy(r => r.Id).ToListAsync(ct);
        var visits = await db.Visits().AsNoTracking().Where(v => v.ApplicationId == id).OrderBy(v => v.Id).ToListAsync(ct);
        var answers = await db.Answers().AsNoTracking().Where(x => x.ApplicationId == id).OrderBy(x => x.QuestionCode).ToListAsync(ct);
        var documents = await Documents(db.Documents().Where(d => d.ApplicationId == id), ct);
        var shared = new List<DocumentResponse>();
        if (a.SponsorChainId is int chainId && c.Side == Side.Customs)
        {
            var master = await db.SupplyChains().Where(s => s.Id == chainId).Select(s => s.MasterTin).SingleOrDefaultAsync(ct);
            var masterApplications = db.Applications().Where(x => x.OperatorTin == master).Select(x => x.Id);
            shared = await Documents(db.Documents().Where(d => d.SharedWithChain && masterApplications.Contains(d.ApplicationId)), ct);
        }

        var certificateNumber = a.CertificateId is int cid
            ? await db.Certificates().Where(x => x.Id == cid).Select(x => x.Number).SingleOrDefaultAsync(ct)
            : null;
        var readiness = ApplicationWorkflow.IsOpen(a.State) ? await ApplicationContext.ReadinessOf(db, a, ct) : [];
        var open = requests.Count(r => r.IsOpen);
        var blocking = await ApplicationContext.BlockingFindingsOf(db, id, ct);
        var status = a.Status(open, readiness.Count, blocking);
        var rules = DecisionRules.Of(c.Programme);
        var allowed =
            c.Side is Side.Applicant or Side.Customs && ApplicationContext.SideOf(c.Actor, a.OperatorTin) is not null
                ? Enum.GetValues<ApplicationAction>()
                    .Where(action =>
                        action != ApplicationAction.Lapse
                        && ApplicationWorkflow
                            .Decide(
                                status,
                                new ApplicationCommand(
                                    action,
                                    c.Side,
                                    c.Today,
                                    c.Today.AddDays(30),
                                    "check",
                                    c.Actor.Name,
                                    rules,
                                    c.Today.AddDays(90)
                                )
                            )
                            .IsOk
                    )
                    .Select(action => action.ToString())
                    .ToList()
                : [];
        var improvements = await db.ImprovementActions()
            .AsNoTracking()
            .Where(x => x.ApplicationId == id)
            .OrderBy(x => x.Id)
            .ToListAsync(ct);
        var hearing = a.Hearing;

        return new ApplicationResponse(
            a.Id,
            a.Reference,
            a.ProgrammeCode,
            a.OperatorTin.Value,
            c.Applicant.LegalName,
            a.Track.ToString(),
            a.State.ToString(),
            ApplicationWorkflow.Describe(a.State),
            a.AccountManager,
            a.OnBehalfOf,
            a.SponsorChainId,
            a.RenewalOfCertificateId,
            a.PendingPause is { } p ? new PauseResponse(p.ProposedBy.ToString(), p.ResumeBy, p.Reason) : null,
            a.AgreedResumeBy,
            ClockOf(a, c.Programme, c.Today),
            readiness,
            [
                .. answers.Select(x => new AnswerResponse(
                    x.QuestionCode,
                    x.Text,
                    x.OutcomeBased,
                    x.OutcomePlan,
                    x.Outsourced,
                    x.Provider,
                    x.ProviderTin
                )),
            ],
            documents,
            shared,
            [
                .. requests.Select(r => new RequestResponse(
                    r.Id,
                    r.Question,
                    r.DueOn,
                    r.IsOpen,
                    r.IsOverdue(c.Today),
                    r.RequestedBy,
                    r.AnswerText,
                    r.AnsweredAt
                )),
            ],
            [
                .. visits.Select(v => new VisitResponse(
                    v.Id,
                    v.PlannedFor,
                    v.Mode.ToString(),
                    v.Officer,
                    v.Status.ToString(),
                    v.PartnerEconomy,
                    v.PartnerReference,
                    v.Findings,
                    v.Report,
                    v.PartnerTin,
                    v.PartnerCertificateNumber,
                    v.PartnerMra,
                    v.PartnerLogIndex,
                    v.Status == VisitStatus.RecognisedFromPartner && v.CompletedAt is { } seen
                        ? ApplicationContext.LocalToday(c.Programme, seen)
                        : null,
                    v.PartnerTin is null
                        ? null
                        : $"Validated by {v.PartnerEconomy} customs, certificate "
                            + $"{v.PartnerCertificateNumber ?? "(unnumbered)"} ({v.PartnerTin}) as replicated on "
                            + $"{(v.CompletedAt is { } on ? ApplicationContext.LocalToday(c.Programme, on) : (DateOnly?)null):yyyy-MM-dd}"
                            + $", under {v.PartnerMra}."
                )),
            ],
            [
                .. a
                    .Events.OrderBy(e => e.At)
                    .ThenBy(e => e.Id)
                    .Select(e => new EventResponse(
                        e.At,
                        e.LocalDate,
                        e.Actor,
                        e.Side.ToString(),
                        e.Action,
                        e.From?.ToString(),
                        e.To.ToString(),
                        e.ClockRuns,
                        e.Reason
                    )),
            ],
            new DecisionResponse(a.CertificateId, certificateNumber, a.RejectionCodes, a.DecisionText, a.DecidedAt),
            allowed,
            a.CriteriaPackId,
            [
                .. improvements.Select(x => new ImprovementActionResponse(
                    x.Id,
                    x.Source.ToString(),
                    x.SourceKey,
                    x.VisitId,
                    x.Rating?.ToString(),
                    x.What,
                    x.Who,
                    x.DueOn,
                    x.Status.ToString(),
                    x.PlanAccepted,
                    x.IsOverdue(c.Today),
                    x.CompletionText,
                    x.CompletionDocumentId,
                    x.CompletedOn,
                    x.ReopenReason,
                    x.FiledBy,
                    x.ReviewedBy
                )),
            ],
            blocking,
            rules.Findings.ToString(),
            a.NoticeIssuedOn is DateOnly issued && a.NoticeRespondBy is DateOnly respondBy
                ? new NoticeResponse(
                    issued,
                    respondBy,
                    a.NoticeCodes,
                    a.NoticeText,
                    a.NoticeResponse,
                    a.NoticeResponseDocuments,
                    a.NoticeRespondedAt,
                    hearing is not null,
                    hearing?.Heard(c.Today) ?? a.State == ApplicationState.Rejected
                )
                : null,
            a.PreparedAction is { } prepared && a.PreparedBy is { } preparer
                ? new PreparedDecisionResponse(
                    prepared.ToString(),
                    preparer,
                    a.PreparedAt,
                    a.PreparedTier,
                    a.PreparedCertificateNumber,
                    a.PreparedValidFrom,
                    a.PreparedFollowUpBy,
                    a.PreparedText,
                    a.PreparedCodes
                )
                : null,
            a.DecidedPreparedBy,
            a.ApprovedBy
        );
    }

    private static async Task<List<DocumentResponse>> Documents(IQueryable<EvidenceDocument> query, CancellationToken ct) =>
        await query.AsNoTracking().OrderBy(d => d.Id).Select(DocumentResponse.Of).ToListAsync(ct);
}
