using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Operator">The applicant's TIN; a trader may leave it out (its own operator).</param>
/// <param name="Programme">The programme code; by default the programme of the operator's economy (only the node's own economy's programmes
/// take applications).</param>
/// <param name="SponsorChainId">A supply chain whose master sponsors this application.</param>
public sealed record StartApplicationRequest(
    [Limit(nameof(Limits.Tin))] string? Operator,
    [Limit(nameof(Limits.ProgrammeCode))] string? Programme,
    [Limit(nameof(Limits.Keyword))] string? Track,
    [Limit(nameof(Limits.Id))] int? SponsorChainId
);

internal static class StartApplication
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/applications", Handle);

    [EndpointSummary("Start an application for the signed-in trader's operator on a track.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Created<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        StartApplicationRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        NodeIdentity node,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var actor = Actor.From(user)!;
        var started = await Execute(request, actor, db, clock, node.Economy, renewalOf: null, ct);
        if (!started.IsOk)
        {
            return Problems.Problem(started.Errors) is { } problem ? problem : Problems.Invalid(started.Errors);
        }

        var context = await ApplicationContext.Load(db, started.Value!.Id, actor, clock, ct, forWriting: false);
        return TypedResults.Created($"/api/v1/applications/{started.Value.Id}", await GetApplication.Describe(db, context.Value!, ct));
    }

    public static async Task<Result<AeoApplication>> Execute(
        StartApplicationRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        string nodeEconomy,
        int? renewalOf,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<AeoApplication>.Fail(outOfLimits);
        }

        var tinText = request.Operator ?? (actor.Role == Role.Trader ? actor.OperatorTin : null);
        var tin = Tin.Parse(tinText);
        if (!tin.IsOk)
        {
            return Result<AeoApplication>.Fail(tin.Errors);
        }

        var side = ApplicationContext.SideOf(actor, tin.Value);
        if (side is null)
        {
            return new DomainError("forbidden", "You may start applications only for your own operator.");
        }

        var applicant = await db.FindOperatorAsync(tin.Value, ct);
        if (applicant is null)
        {
            return new DomainError(ApplicationContext.NotFound, $"Operator {tin.Value} is not in the registry.", "operator");
        }

        var programmeCode = (request.Programme ?? applicant.EconomyCode).Trim().ToUpperInvariant();
        var programme = await db.Programmes().SingleOrDefaultAsync(p => p.Code == programmeCode, ct);
        if (programme is null)
        {
            return new DomainError("application.programme", $"There is no programme {programmeCode}.", "programme");
        }

        if (Jurisdiction.Refusal(nodeEconomy, programme, "accept applications") is { } foreign)
        {
            return foreign;
        }

        if (!Enum.TryParse<Track>(request.Track ?? nameof(Track.Standard), ignoreCase: true, out var track))
        {
            return new DomainError("application.track", "Track is Standard, Sme or Ecommerce.", "track");
        }

        var existing = await OpenApplicationOf(db, tin.Value, programme.Code, ct);
        if (existing is not null)
        {
            return new DomainError(
                "application.open",
                $"{tin.Value} already has an open application, {existing}; continue it, or withdraw it first."
            );
        }

        if (request.SponsorChainId is int chainId)
        {
            var chain = await db.SupplyChains().Include(s => s.Members).SingleOrDefaultAsync(s => s.Id == chainId, ct);
            if (chain is null || !chain.Members.Any(m => m.OperatorTin == tin.Value))
            {
                return new DomainError("application.sponsor", $"{tin.Value} is not a member of supply chain {chainId}.", "sponsorChainId");
            }
        }

        var pack = await CriteriaPacks.ActiveFor(db, programme.Code, track, ct);
        var now = clock.GetUtcNow();
        var today = ApplicationContext.LocalToday(programme, now);
        var year = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; ; attempt++)
        {
            // The next reference of the programme and year (zero-padded, so the greatest sorts last); a start racing this
            // one may take it first, and then this one takes the next.
            var prefix = $"{programme.Code}-{year}-";
            var last = await db.Applications()
                .Where(a => a.ProgrammeCode == programme.Code && a.Reference.StartsWith(prefix))
                .OrderByDescending(a => a.Reference)
                .Select(a => a.Reference)
                .FirstOrDefaultAsync(ct);
            var sequence = (last is not null && int.TryParse(last[prefix.Length..], out var n) ? n : 0) + 1;
            var started = AeoApplication.Start(
                $"{prefix}{sequence:D6}",
                programme,
                applicant,
                track,
                pack.Id,
                request.SponsorChainId,
                renewalOf,
                now,
                today,
                actor.Name
            );
            if (!started.IsOk)
            {
                return started;
            }

            db.Applications().Add(started.Value!);
            db.Audit(
                now,
                actor.Name,
                "application.started",
                $"application:{started.Value!.Reference}",
                renewalOf is null ? null : "renewal",
                new
                {
                    tin = tin.Value.Value,
                    programme = programme.Code,
                    track = track.ToString(),
                    request.SponsorChainId,
                    renewalOf,
                }
            );
            try
            {
                await db.SaveChangesAsync(ct);
                return started;
            }
            catch (DbUpdateException e) when (DatabaseConflicts.Classify(e) == RaceLoss.Duplicate && attempt < 20)
            {
                // Either another start for this operator won (the database allows one open application per operator
                // and programme: two renewals of one certificate end here), or only the reference was taken.
                db.ChangeTracker.Clear();
                if (await OpenApplicationOf(db, tin.Value, programme.Code, ct) is { } winner)
                {
                    return new DomainError(
                        "application.open",
                        $"{tin.Value} already has an open application, {winner}, started at the same time; "
                            + "continue it, or withdraw it first."
                    );
                }
            }
        }
    }

    private static Task<string?> OpenApplicationOf(OpenAeoDb db, Tin tin, string programme, CancellationToken ct)
    {
        var closed = new[] { ApplicationState.Granted, ApplicationState.Rejected, ApplicationState.Withdrawn };
        return db.Applications()
            .AsNoTracking()
            .Where(a => a.OperatorTin == tin && a.ProgrammeCode == programme && !closed.Contains(a.State))
            .Select(a => a.Reference)
            .FirstOrDefaultAsync(ct);
    }
}
