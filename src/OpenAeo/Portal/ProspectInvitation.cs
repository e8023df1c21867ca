using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary>What the invited person chooses: its sign-in name and password.</summary>
internal sealed record JoinRequest([Limit(nameof(Limits.UserName))] string? Name, [Limit(nameof(Limits.Password))] string? Password);

/// <param name="ApplicationId">The draft application holding the self-check's answers; null when the operator already had an open
/// one.</param>
internal sealed record JoinResponse(string UserName, string Tin, string LegalName, int? ApplicationId, int AnswersCarried);

/// <summary>
/// The invitation an account manager sent after accepting a prior-consultation request (issue 13 item 4): the link's
/// holder creates the trader account. In one transaction the operator is registered from the request (unless the
/// registry has it), the trader account is created for it, and — when the visitor sent its self-check — a draft
/// application on the self-check's track carries every answer, so nothing is retyped. The link then stops working.
/// </summary>
internal static class ProspectInvitation
{
    /// <summary>The prospect a token opens, or why it opens none.</summary>
    public static async Task<Result<Prospect>> Find(string? token, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var hash = ProspectQueue.Hash(token ?? "");
        var prospect = await db.Prospects().SingleOrDefaultAsync(p => p.InvitationHash == hash, ct);
        if (prospect is null)
        {
            return new DomainError(
                Problems.NotFoundCode,
                "This invitation is not valid: it was used already, replaced by a newer one, or never existed."
            );
        }

        return prospect.CheckInvitation(hash, clock.GetUtcNow()) is { } refused ? refused : Result<Prospect>.Ok(prospect);
    }

    /// <param name="answerWords">The words a self-check answer becomes in the application, in the trader's language.</param>
    public static async Task<Result<JoinResponse>> Join(
        string? token,
        JoinRequest request,
        Func<SelfCheckAnswer, string> answerWords,
        string nodeEconomy,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<JoinResponse>.Fail(outOfLimits);
        }

        var found = await Find(token, db, clock, ct);
        if (!found.IsOk)
        {
            return Result<JoinResponse>.Fail(found.Errors);
        }

        var prospect = found.Value!;
        var programme = await db.Programmes().AsNoTracking().SingleAsync(p => p.Code == prospect.ProgrammeCode, ct);

        // The account manager's acceptance is the authority for what follows; the audit trail says so by name.
        var invitation = new Actor($"invitation:{prospect.Reference}", Role.Admin, null, null);
        var because = $"Prior consultation {prospect.Reference} accepted by {prospect.AccountManager}";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (await db.FindOperatorAsync(prospect.Tin, ct) is null)
        {
            var details = new OperatorDetails(
                prospect.LegalName,
                programme.EconomyCode,
                prospect.Roles,
                prospect.Employees,
                prospect.Turnover,
                prospect.Sector,
                false
            );
            var registered = Operator.Register(prospect.Tin, details, await db.EconomyCodesAsync(ct), now);
            if (!registered.IsOk)
            {
                return Result<JoinResponse>.Fail(registered.Errors);
            }

            db.Operators().Add(registered.Value!);
            db.Audit(
                now,
                invitation.Name,
                "operator.registered",
                $"operator:{prospect.Tin.Value}",
                because,
                new { Tin = prospect.Tin.Value, prospect.LegalName }
            );
            await db.SaveChangesAsync(ct);
        }

        var user = await AddUser.Execute(
            new AddUserRequest(
                request.Name,
                prospect.ContactName,
                nameof(Role.Trader),
                prospect.Tin.Value,
                null,
                request.Password ?? "",
                false,
                because
            ),
            invitation,
            db,
            clock,
            ct
        );
        if (!user.IsOk)
        {
            return Result<JoinResponse>.Fail(user.Errors);
        }

        var (applicationId, carried) = await CarrySelfCheck(
            prospect,
            programme,
            new Actor(user.Value!.Name, Role.Trader, prospect.Tin.Value, null),
            answerWords,
            nodeEconomy,
            db,
            clock,
            ct
        );
        if (prospect.Join(ProspectQueue.Hash(token!), user.Value.Name, now) is { } refused)
        {
            return refused;
        }

        db.Audit(
            now,
            invitation.Name,
            "prospect.joined",
            $"prospect:{prospect.Reference}",
            because,
            new
            {
                user = user.Value.Name,
                Tin = prospect.Tin.Value,
                applicationId,
                carried,
            }
        );
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<JoinResponse>.Ok(new JoinResponse(user.Value.Name, prospect.Tin.Value, prospect.LegalName, applicationId, carried));
    }

    /// <summary>
    /// A draft application on the self-check's track with each answer the visitor gave: its words as the answer, an SME's
    /// unwritten or missing control as an outcome-based answer whose plan the trader writes, a contractor as outsourced
    /// (the trader names it). Nothing the visitor did not say is invented; "not sure" stays unanswered.
    /// </summary>
    private static async Task<(int? ApplicationId, int Carried)> CarrySelfCheck(
        Prospect prospect,
        Programme programme,
        Actor trader,
        Func<SelfCheckAnswer, string> words,
        string nodeEconomy,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (prospect.SelfCheckAnswers is not { } code)
        {
            return (null, 0);
        }

        var profile = new SelfCheckProfile(prospect.Roles, prospect.Employees, prospect.Turnover, prospect.Sector);
        var track = SelfCheck.TrackFor(ReadinessCheck.Facts(programme), profile, out _);
        var started = await StartApplication.Execute(
            new StartApplicationRequest(prospect.Tin.Value, programme.Code, track.ToString(), null),
            trader,
            db,
            clock,
            nodeEconomy,
            null,
            ct
        );
        if (!started.IsOk)
        {
            // An operator already registered may have an open application: its answers are its own, so none are overwritten.
            return (null, 0);
        }

        var id = started.Value!.Id;
        var questions = (await CriteriaPacks.ActiveFor(db, programme.Code, track, ct)).ActiveQuestions.ToDictionary(q => q.Code);
        var carried = 0;
        foreach (var (criterion, answer) in SelfCheckCode.Parse(code))
        {
            if (answer == SelfCheckAnswer.NotSure || !questions.TryGetValue(criterion, out var q))
            {
                continue;
            }

            var judged = SelfCheck.Judge(q, answer, track == Track.Sme);
            var outcomeBased = judged.OutcomeBasedAllowed && answer is SelfCheckAnswer.YesNotWritten or SelfCheckAnswer.No;
            var outsourced = judged.OutsourcingAllowed && answer == SelfCheckAnswer.Contractor;
            var saved = await SaveAnswer.Execute(
                id,
                criterion,
                new SaveAnswerRequest(words(answer), outcomeBased, null, outsourced, null),
                trader,
                db,
                clock,
                ct
            );
            carried += saved.IsOk ? 1 : 0;
        }

        return (id, carried);
    }
}
