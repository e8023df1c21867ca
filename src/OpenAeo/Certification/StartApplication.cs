using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Operator">The applicant's TIN; a trader may leave it out (its own operator).</param>
/// <param name="Programme">The programme code; by default the programme of the operator's economy.</param>
/// <param name="SponsorChainId">A supply chain whose master sponsors this application.</param>
public sealed record StartApplicationRequest([Limit(nameof(Limits.Tin))] string? Operator, [Limit(nameof(Limits.ProgrammeCode))] string? Programme, [Limit(nameof(Limits.Keyword))] string? Track, [Limit(nameof(Limits.Id))] int? SponsorChainId);

internal static class StartApplication
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications", Handle).WithName(nameof(StartApplication)).WithTags("Certification").RequireAuthorization(Policies.SignedIn);

    public static async Task<Results<Created<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        StartApplicationRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = Actor.From(user)!;
        var started = await Execute(request, actor, db, clock, renewalOf: null, ct);
        if (!started.IsOk)
        {
            return Problems.Problem(started.Errors) is { } problem ? problem : Problems.Invalid(started.Errors);
        }

        var context = await ApplicationContext.Load(db, started.Value!.Id, actor, clock, ct, forWriting: false);
        return TypedResults.Created($"/api/v1/applications/{started.Value.Id}", await GetApplication.Describe(db, context.Value!, ct));
    }

    public static async Task<Result<AeoApplication>> Execute(StartApplicationRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, int? renewalOf, CancellationToken ct)
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

        if (!Enum.TryParse<Track>(request.Track ?? nameof(Track.Standard), ignoreCase: true, out var track))
        {
            return new DomainError("application.track", "Track is Standard, Sme or Ecommerce.", "track");
        }

        var closed = new[] { ApplicationState.Granted, ApplicationState.Rejected, ApplicationState.Withdrawn };
        var existing = await db.Applications().Where(a => a.OperatorTin == tin.Value && a.ProgrammeCode == programme.Code && !closed.Contains(a.State))
            .Select(a => a.Reference).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return new DomainError("application.open", $"{tin.Value} already has an open application, {existing}; continue it, or withdraw it first.");
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
        var sequence = await db.Applications().CountAsync(a => a.ProgrammeCode == programme.Code && a.Reference.StartsWith(programme.Code + "-" + year), ct) + 1;
        var started = AeoApplication.Start($"{programme.Code}-{year}-{sequence:D6}", programme, applicant, track, pack.Id, request.SponsorChainId, renewalOf, now, today, actor.Name);
        if (!started.IsOk)
        {
            return started;
        }

        db.Applications().Add(started.Value!);
        db.Audit(now, actor.Name, "application.started", $"application:{started.Value!.Reference}", renewalOf is null ? null : "renewal",
            new { tin = tin.Value.Value, programme = programme.Code, track = track.ToString(), request.SponsorChainId, renewalOf });
        await db.SaveChangesAsync(ct);
        return started;
    }
}
