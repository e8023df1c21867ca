using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>An application loaded for one actor, with everything the workflow decides on.</summary>
internal sealed record ApplicationContext(
    AeoApplication Application,
    Programme Programme,
    Operator Applicant,
    Side Side,
    DateOnly Today,
    DateTimeOffset Now,
    Actor Actor
)
{
    public const string NotFound = Problems.NotFoundCode;

    /// <summary>Roles that act for customs on applications.</summary>
    public static readonly IReadOnlySet<Role> CustomsRoles = Permissions.RolesFor(Permission.DecideApplications);

    /// <summary>The side an actor takes on an operator's application, or null when it has no business with it.</summary>
    public static Side? SideOf(Actor actor, Tin applicant) =>
        CustomsRoles.Contains(actor.Role) ? Side.Customs
        : actor.Role == Role.Trader && actor.OperatorTin == applicant.Value ? Side.Applicant
        : null;

    /// <summary>Officers who only read (border, OGA, analysts) see applications but cannot act on them.</summary>
    public static bool CanRead(Actor actor, Tin applicant) =>
        SideOf(actor, applicant) is not null || RegistryPermissions.Officers.Contains(actor.Role);

    /// <summary>The programme office's local date: SLA days and validity dates are counted in it.</summary>
    public static DateOnly LocalToday(Programme programme, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(programme.TimeZone)).DateTime);

    public static async Task<Result<ApplicationContext>> Load(
        OpenAeoDb db,
        int id,
        Actor actor,
        TimeProvider clock,
        CancellationToken ct,
        bool forWriting = true
    )
    {
        var application = await db.Applications().Include(a => a.Events).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !CanRead(actor, application.OperatorTin))
        {
            // The same answer for "not yours" and "does not exist".
            return new DomainError(NotFound, $"There is no application {id} that you can see.");
        }

        var side = SideOf(actor, application.OperatorTin);
        if (forWriting && side is null)
        {
            return new DomainError("forbidden", "Your role may read this application but not act on it.");
        }

        var programme = await db.Programmes().SingleAsync(p => p.Code == application.ProgrammeCode, ct);
        var applicant = await db.Operators().SingleAsync(o => o.Tin == application.OperatorTin, ct);
        var now = clock.GetUtcNow();
        return Result<ApplicationContext>.Ok(
            new(application, programme, applicant, side ?? Side.Customs, LocalToday(programme, now), now, actor)
        );
    }

    /// <summary>
    /// A part of this application by its id (an information request, a visit, an improvement action): the prologue of
    /// every step on a sub-resource, after <see cref="Load"/> checked the actor's access to the application. A part of
    /// another application is answered as one that does not exist.
    /// </summary>
    /// <param name="what">The part's name in the not-found message, e.g. <c>visit</c>.</param>
    public async Task<Result<T>> Part<T>(IQueryable<T> parts, int partId, string what, CancellationToken ct)
        where T : class, IApplicationPart =>
        await parts.SingleOrDefaultAsync(p => p.Id == partId && p.ApplicationId == Application.Id, ct) is { } part
            ? Result<T>.Ok(part)
            : new DomainError(NotFound, $"There is no {what} {partId} on this application.");

    /// <summary>Null when the actor acts on the <paramref name="side"/> the step belongs to; otherwise the refusal, as forbidden.</summary>
    public DomainError? Unless(Side side, string refusal) => Side == side ? null : new DomainError(Problems.ForbiddenCode, refusal);

    /// <summary>
    /// Asks the workflow for the move and, when allowed, applies it and writes the audit entry (the caller saves).
    /// Submission needs a complete self-assessment; an account manager is assigned at consultation or submission.
    /// </summary>
    public async Task<Result<ApplicationEvent>> Move(
        OpenAeoDb db,
        ApplicationAction action,
        string? reason,
        CancellationToken ct,
        DateOnly? resumeBy = null,
        string? details = null,
        Side? asSide = null,
        DateOnly? followUpBy = null
    )
    {
        var decision = await Decide(db, action, reason, ct, resumeBy, asSide, followUpBy);
        if (!decision.IsOk)
        {
            return Result<ApplicationEvent>.Fail(decision.Errors);
        }

        var applied = Apply(db, decision.Value!, details);
        if (action is ApplicationAction.RequestConsultation or ApplicationAction.Submit && Application.AccountManager is null)
        {
            var manager = await LeastBusyAccountManager(db, ct);
            if (manager is not null)
            {
                Application.AssignAccountManager(manager, Now);
            }
        }

        if (applied.IsOk)
        {
            await TellCustoms(db, action, applied.Value!, reason, ct);
        }

        return applied;
    }

    /// <summary>
    /// When the applicant's move leaves the next step with customs, tells the account manager and the officer
    /// handling the application (or, naming neither, the programme's officers) in the same unit of work.
    /// </summary>
    private async Task TellCustoms(OpenAeoDb db, ApplicationAction action, ApplicationEvent applied, string? reason, CancellationToken ct)
    {
        if (OfficerNotices.Of(action, applied.Side) is not { } move)
        {
            return;
        }

        var handler = OfficerNotices.HandlingOfficer(Application.Events);
        var subject = OfficerNotices.Subject(move, Application.Reference);
        var body = string.IsNullOrWhiteSpace(reason) ? $"{subject} ({Actor.Name})." : reason.Trim();
        foreach (var audience in OfficerNotices.Audiences(Application.AccountManager, handler, Programme.Code))
        {
            await db.NotifyOnceAsync(
                Notification.Create(
                    audience,
                    $"applicant:{move}:{Application.Reference}:{Now.UtcTicks}:{audience}",
                    subject,
                    body,
                    $"/applications/{Application.Id}",
                    Now,
                    OfficerNotices.Kind(move)
                ),
                ct
            );
        }
    }

    /// <summary>Asks the workflow, with what it decides on loaded from the database; changes nothing.</summary>
    public async Task<Result<(ApplicationCommand Command, ApplicationDecision Decision)>> Decide(
        OpenAeoDb db,
        ApplicationAction action,
        string? reason,
        CancellationToken ct,
        DateOnly? resumeBy = null,
        Side? asSide = null,
        DateOnly? followUpBy = null
    )
    {
        var open = await db.InformationRequests().CountAsync(r => r.ApplicationId == Application.Id && r.AnsweredAt == null, ct);
        var gaps = action == ApplicationAction.Submit ? (await ReadinessOf(db, Application, ct)).Count : 0;
        var deciding = action is ApplicationAction.Grant or ApplicationAction.ApproveDecision;
        var blocking = deciding ? await BlockingFindingsOf(db, Application.Id, ct) : [];
        // A grant waits for every agency whose criteria the application asks; an agency's NotMet criterion blocks like a finding (ADR
        // 0042).
        var agencies = deciding ? await ListAgencySignOffs.PartsOf(db, Application, Programme, Applicant, ct) : null;
        var command = new ApplicationCommand(
            action,
            asSide ?? Side,
            Today,
            resumeBy,
            reason,
            Actor.Name,
            DecisionRules.Of(Programme),
            followUpBy
        );
        var decision = ApplicationWorkflow.Decide(
            Application.Status(open, gaps, agencies is null ? blocking : [.. blocking, .. agencies.Blocking], agencies?.Awaited),
            command
        );
        return decision.IsOk
            ? Result<(ApplicationCommand, ApplicationDecision)>.Ok((command, decision.Value!))
            : Result<(ApplicationCommand, ApplicationDecision)>.Fail(decision.Errors);
    }

    /// <summary>Applies a decision of <see cref="Decide"/> and writes the audit entry (the caller saves).</summary>
    public Result<ApplicationEvent> Apply(
        OpenAeoDb db,
        (ApplicationCommand Command, ApplicationDecision Decision) decided,
        string? details = null
    )
    {
        var (command, decision) = decided;
        var (action, reason, resumeBy) = (command.Action, command.Reason, command.ResumeBy);
        var preparer = Application.PreparedBy;
        var e = Application.Apply(command, decision, Now, Actor.Name, details);
        db.Audit(
            Now,
            Actor.Name,
            $"application.{action.ToString().ToLowerInvariant()}",
            $"application:{Application.Reference}",
            reason,
            new
            {
                from = e.From?.ToString(),
                to = e.To.ToString(),
                operatorTin = Application.OperatorTin.Value,
                clockRuns = e.ClockRuns,
                resumeBy,
                details,
                // Four eyes: the trail names both officers of a decision.
                preparedBy = action == ApplicationAction.ApproveDecision ? preparer : Application.PreparedBy,
                approvedBy = action == ApplicationAction.ApproveDecision ? Actor.Name : null,
                decided = decision.Decided?.ToString(),
            }
        );
        return Result<ApplicationEvent>.Ok(e);
    }

    /// <summary>The NotMet findings of the latest visit that no accepted improvement action covers.</summary>
    public static async Task<IReadOnlyList<string>> BlockingFindingsOf(OpenAeoDb db, int applicationId, CancellationToken ct)
    {
        var visits = await db.Visits()
            .AsNoTracking()
            .Where(v => v.ApplicationId == applicationId && v.Status == VisitStatus.Completed)
            .ToListAsync(ct);
        var actions = await db.ImprovementActions()
            .AsNoTracking()
            .Where(a => a.ApplicationId == applicationId && a.Source == ImprovementSource.Finding)
            .ToListAsync(ct);
        return ImprovementPlans.BlockingFindings([.. visits.SelectMany(v => v.Findings.Select(f => new VisitFinding(v.Id, f)))], actions);
    }

    /// <summary>
    /// The frame of every step on an application: load it for the actor, run the step (which returns an error or
    /// null), save, and describe the result. A refused step leaves nothing behind in the unit of work.
    /// </summary>
    /// <remarks>
    /// Two steps on one application can race (two officers granting it, a grant and a withdrawal): the application's
    /// version makes the later save fail, and its actor is told what the application became instead (ADR 0019). A
    /// step that collided with something else (another grant took the certificate number it chose) runs again on fresh
    /// data.
    /// </remarks>
    public static async Task<Result<ApplicationResponse>> Run(
        OpenAeoDb db,
        int id,
        Actor actor,
        TimeProvider clock,
        Func<ApplicationContext, Task<DomainError?>> step,
        CancellationToken ct
    )
    {
        var ownTransaction = db.Database.CurrentTransaction is null;
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await Load(db, id, actor, clock, ct);
            if (!loaded.IsOk)
            {
                return Result<ApplicationResponse>.Fail(loaded.Errors);
            }

            var version = (long)db.Entry(loaded.Value!.Application).Property(OpenAeoDb.VersionColumn).OriginalValue!;
            try
            {
                // One transaction per step (unless the caller holds one): a step that saves twice, like a grant that
                // needs its certificate's id, is still all or nothing.
                await using var tx = ownTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
                if (await step(loaded.Value!) is { } error)
                {
                    // Nothing of a refused step may linger in the unit of work (a page reuses it to render).
                    db.ChangeTracker.Clear();
                    return error;
                }

                await db.SaveChangesAsync(ct);
                if (tx is not null)
                {
                    await tx.CommitAsync(ct);
                }
            }
            catch (Exception e) when (ownTransaction && DatabaseConflicts.Classify(e) is RaceLoss.Changed or RaceLoss.Duplicate)
            {
                db.ChangeTracker.Clear();
                var current = await db.Applications()
                    .AsNoTracking()
                    .Where(a => a.Id == id)
                    .Select(a => new
                    {
                        a.Reference,
                        a.State,
                        Version = EF.Property<long>(a, OpenAeoDb.VersionColumn),
                    })
                    .SingleAsync(ct);
                if (current.Version != version)
                {
                    return new DomainError(
                        "application.transition",
                        $"Application {current.Reference} was changed by someone else at the same time (it is now "
                            + $"{current.State}); nothing was changed. Reload it and decide again."
                    );
                }

                // Each collision means another step committed, so this one gets through unless a storm of them lasts.
                if (attempt >= 20)
                {
                    return new DomainError(
                        "application.locked",
                        DatabaseConflicts.Explain(DatabaseConflicts.Classify(e), $"this step on application {current.Reference}")
                    );
                }

                continue;
            }

            return Result<ApplicationResponse>.Ok(await GetApplication.Describe(db, loaded.Value!, ct));
        }
    }

    public static async Task<IReadOnlyList<ReadinessGap>> ReadinessOf(OpenAeoDb db, AeoApplication application, CancellationToken ct)
    {
        var asked = await ListQuestions.Of(db, application, ct);
        var evidence = await db.Documents()
            .Where(d => d.ApplicationId == application.Id && d.QuestionCode != null)
            .GroupBy(d => d.QuestionCode!)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var answers = (await db.Answers().AsNoTracking().Where(a => a.ApplicationId == application.Id).ToListAsync(ct)).ToDictionary(
            a => a.QuestionCode,
            a => a.Snapshot(evidence.GetValueOrDefault(a.QuestionCode))
        );
        return Readiness.Assess(asked.Select(q => q.Question), answers, application.Track);
    }

    /// <summary>The account manager with the fewest open applications, so the load spreads evenly.</summary>
    private static async Task<string?> LeastBusyAccountManager(OpenAeoDb db, CancellationToken ct)
    {
        var managers = await db.Users().Where(u => u.Role == Role.AccountManager && !u.Disabled).Select(u => u.Name).ToListAsync(ct);
        if (managers.Count == 0)
        {
            return null;
        }

        var closed = new[] { ApplicationState.Granted, ApplicationState.Rejected, ApplicationState.Withdrawn };
        var load = await db.Applications()
            .Where(a => a.AccountManager != null && !closed.Contains(a.State))
            .GroupBy(a => a.AccountManager!)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return managers.OrderBy(m => load.GetValueOrDefault(m)).ThenBy(m => m, StringComparer.Ordinal).First();
    }
}
