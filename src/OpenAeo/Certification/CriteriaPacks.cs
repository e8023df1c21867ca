using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record CriteriaPackResponse(int Id, string Key, string Name, string Track, string? Programme, int Version, string Status, IReadOnlyList<CriterionQuestion> Questions)
{
    internal static CriteriaPackResponse From(CriteriaPack p) => new(p.Id, p.Key, p.Name, p.Track.ToString(), p.ProgrammeCode, p.Version, p.Status.ToString(), p.Questions);
}

/// <param name="Programme">The programme that will own the new version; required when editing a shipped default pack.</param>
public sealed record NewPackVersionRequest([Limit(nameof(Limits.ProgrammeCode))] string? Programme, IReadOnlyList<CriterionQuestion>? Questions, [Limit(nameof(Limits.Reason))] string? Reason);

public sealed record RejectionReasonRequest([Limit(nameof(Limits.Code))] string? Code, [Limit(nameof(Limits.Label))] string? Label);

/// <summary>
/// Criteria packs (versioned self-assessment questions) and rejection reasons, which programme offices edit.
/// Editing a shipped pack makes a programme-owned copy; applications keep the version they started on.
/// </summary>
internal static class CriteriaPacks
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/criteria-packs", List).WithName("ListCriteriaPacks").WithTags("Certification").WithSummary("The criteria packs applications answer, per programme and track.").AllowAnonymous();
        api.MapGet("/criteria-packs/{id:int}", Get).WithName("GetCriteriaPack").WithTags("Certification").WithSummary("One criteria pack with its questions.").AllowAnonymous();
        api.MapPost("/criteria-packs/{id:int}/versions", NewVersion).WithName("AddCriteriaPackVersion").WithTags("Certification").WithSummary("Publish a new version of a criteria pack; applications under way keep theirs.").RequireAuthorization(Policies.ReferenceDataEditors);
        api.MapGet("/programmes/{code}/rejection-reasons", Reasons).WithName("ListRejectionReasons").WithTags("Certification").WithSummary("The programme's coded rejection reasons.").AllowAnonymous();
        api.MapPost("/programmes/{code}/rejection-reasons", AddReason).WithName("AddRejectionReason").WithTags("Certification").WithSummary("Add a coded rejection reason to the programme.").RequireAuthorization(Policies.ReferenceDataEditors);
    }

    public static async Task<List<CriteriaPackResponse>> List(OpenAeoDb db, CancellationToken ct) =>
        [.. (await db.CriteriaPacks().AsNoTracking().OrderBy(p => p.Key).ThenBy(p => p.Version).ToListAsync(ct)).Select(CriteriaPackResponse.From)];

    public static async Task<Results<Ok<CriteriaPackResponse>, ProblemHttpResult>> Get(int id, OpenAeoDb db, CancellationToken ct) =>
        await db.CriteriaPacks().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } pack
            ? TypedResults.Ok(CriteriaPackResponse.From(pack))
            : Problems.NotFound($"There is no criteria pack {id}.");

    public static async Task<Results<Created<CriteriaPackResponse>, ValidationProblem, ProblemHttpResult>> NewVersion(
        int id, NewPackVersionRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var pack = await db.CriteriaPacks().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pack is null)
        {
            return Problems.NotFound($"There is no criteria pack {id}.");
        }

        var programme = request.Programme?.Trim().ToUpperInvariant() ?? pack.ProgrammeCode;
        if (programme is null || !await db.Programmes().AnyAsync(p => p.Code == programme, ct))
        {
            return Problems.Invalid([new("pack.programme", "Name the programme that owns the edited pack.", "programme")]);
        }

        if (AgencyCriteria.AgencyQuestionsKept(pack.Questions, request.Questions ?? []) is { Count: > 0 } agencies)
        {
            return Problems.Invalid(agencies);
        }

        var now = clock.GetUtcNow();
        var isDefault = pack.ProgrammeCode is null;
        var next = isDefault
            ? pack.ForkFor(programme, request.Questions ?? [], now)
            : pack.NextVersion(request.Questions ?? [], programme, now);
        if (!next.IsOk)
        {
            return Problems.Invalid(next.Errors);
        }

        if (isDefault)
        {
            // A programme's first edit starts its own line of versions; the shipped pack stays for the others.
            var previous = await db.CriteriaPacks().Where(p => p.Key == $"{programme}:{pack.Key}").ToListAsync(ct);
            if (previous.Count > 0)
            {
                return Problems.Conflict($"{programme} already has its own version of {pack.Key}; edit pack {previous.Max(p => p.Id)}.");
            }
        }

        db.CriteriaPacks().Add(next.Value!);
        db.Audit(now, Actor.From(user)!.Name, "criteria-pack.versioned", $"criteria-pack:{next.Value!.Key}", request.Reason, new { from = pack.Id, version = next.Value.Version });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/criteria-packs/{next.Value.Id}", CriteriaPackResponse.From(next.Value));
    }

    /// <summary>The pack a new application uses: the programme's own active version, else the shipped default.</summary>
    public static async Task<CriteriaPack> ActiveFor(OpenAeoDb db, string programme, Track track, CancellationToken ct)
    {
        var key = DefaultCriteria.Packs.Single(p => p.Track == track).Key;
        return await db.CriteriaPacks().Where(p => p.Status == PackStatus.Active && p.Key == $"{programme}:{key}").SingleOrDefaultAsync(ct)
            ?? await db.CriteriaPacks().Where(p => p.Status == PackStatus.Active && p.Key == key).SingleAsync(ct);
    }

    public static async Task<List<RejectionReasonRequest>> Reasons([Limit(nameof(Limits.ProgrammeCode))] string code, OpenAeoDb db, CancellationToken ct)
    {
        var programme = code.Trim().ToUpperInvariant();
        return await db.RejectionReasons().Where(r => r.ProgrammeCode == programme && !r.Retired).OrderBy(r => r.Code)
            .Select(r => new RejectionReasonRequest(r.Code, r.Label)).ToListAsync(ct);
    }

    public static async Task<Results<Created<RejectionReasonRequest>, ValidationProblem, ProblemHttpResult>> AddReason(
        [Limit(nameof(Limits.ProgrammeCode))] string code, RejectionReasonRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var programme = code.Trim().ToUpperInvariant();
        if (!await db.Programmes().AnyAsync(p => p.Code == programme, ct))
        {
            return Problems.NotFound($"There is no programme {programme}.");
        }

        var reasonCode = (request.Code ?? "").Trim().ToUpperInvariant();
        if (reasonCode.Length is < 2 or > 40 || string.IsNullOrWhiteSpace(request.Label))
        {
            return Problems.Invalid([new("reason.code", "A reason has a code of 2 to 40 characters and a label.", "code")]);
        }

        if (await db.RejectionReasons().AnyAsync(r => r.ProgrammeCode == programme && r.Code == reasonCode, ct))
        {
            return Problems.Conflict($"{programme} already has reason {reasonCode}.");
        }

        db.RejectionReasons().Add(new RejectionReason(programme, reasonCode, request.Label.Trim()));
        db.Audit(clock.GetUtcNow(), Actor.From(user)!.Name, "rejection-reason.added", $"programme:{programme}", null, new { code = reasonCode, request.Label });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/programmes/{programme}/rejection-reasons", new RejectionReasonRequest(reasonCode, request.Label.Trim()));
    }

    /// <summary>Loads the shipped packs and each programme's starting rejection reasons when missing (idempotent).</summary>
    public static async Task Seed(OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var keys = (await db.CriteriaPacks().Select(p => p.Key).ToListAsync(ct)).ToHashSet();
        foreach (var (key, name, track) in DefaultCriteria.Packs.Where(p => !keys.Contains(p.Key)))
        {
            db.CriteriaPacks().Add(CriteriaPack.Create(key, name, track, null, DefaultCriteria.Questions(track), now).Value!);
        }

        await RefreshShippedPacks.Execute(db, now, ct);
        var withReasons = (await db.RejectionReasons().Select(r => r.ProgrammeCode).Distinct().ToListAsync(ct)).ToHashSet();
        foreach (var programme in await db.Programmes().Select(p => p.Code).ToListAsync(ct))
        {
            if (!withReasons.Contains(programme))
            {
                db.RejectionReasons().AddRange(DefaultCriteria.RejectionReasons.Select(r => new RejectionReason(programme, r.Code, r.Label)));
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
