using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <param name="Agreement">An MRA id (<c>MRA-3</c> or <c>3</c>), <c>sharing</c> for a data-sharing arrangement, or null for the registry's MRA between the two economies (else data-sharing).</param>
internal sealed record PartnerRequest(string? Economy, string? Url, string? PublicKey, string? ApiKey, string? Agreement, string? Reason);

internal sealed record PartnerResponse(
    string Economy, string Url, string LogId, string Agreement, int? MraId, string? MraName, string Health, long TreeSize,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? LastSuccessAt, DateTimeOffset? NextAttemptAt, string? LastError);

/// <summary>The partner registry: administrations whose logs we replicate and the agreement that links us.</summary>
internal static class Partners
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/partners", List).WithName("ListPartners").WithTags("MutualRecognition").RequireAuthorization(Policies.Officers)
            .WithSummary("Partners with their replication state (Healthy, Diverged, Unreachable) and last error.");
        api.MapPost("/partners", Create).WithName("AddPartner").WithTags("MutualRecognition").RequireAuthorization(Policies.Admins);
        api.MapPost("/partners/{economy}/pull", Pull).WithName("PullPartner").WithTags("MutualRecognition").RequireAuthorization(Policies.ReferenceDataEditors)
            .WithSummary("Run one replication round with the partner now.");
    }

    public static async Task<Ok<List<PartnerResponse>>> List(OpenAeoDb db, CancellationToken ct) => TypedResults.Ok(await Describe(db, ct));

    public static async Task<List<PartnerResponse>> Describe(OpenAeoDb db, CancellationToken ct)
    {
        var partners = await db.Partners().AsNoTracking().OrderBy(p => p.Economy).ToListAsync(ct);
        var mras = await db.Mras().AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        return [.. partners.Select(p => new PartnerResponse(p.Economy, p.BaseUrl, WireFormat.ToBase64(LogIdentity.LogIdOf(p.PublicKey)),
            p.MraId is { } id ? $"MRA-{id}" : "data-sharing", p.MraId, p.MraId is { } i && mras.TryGetValue(i, out var m) ? m.Name : null,
            p.Health.ToString(), p.TreeSize, p.LastAttemptAt, p.LastSuccessAt, p.NextAttemptAt, p.LastError))];
    }

    public static async Task<Results<Created<PartnerResponse>, ValidationProblem>> Create(PartnerRequest request, OpenAeoDb db, NodeIdentity node, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await Execute(request, Actor.From(user)!, db, node, clock, ct);
        if (!outcome.IsOk)
        {
            return Problems.Invalid(outcome.Errors);
        }

        var described = (await Describe(db, ct)).Single(p => p.Economy == outcome.Value!.Economy);
        return TypedResults.Created($"/api/v1/partners/{described.Economy}", described);
    }

    public static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> Pull(string economy, OpenAeoDb db, PartnerReplicator replicator, CancellationToken ct)
    {
        var code = economy.ToUpperInvariant();
        var partner = await db.Partners().AsNoTracking().SingleOrDefaultAsync(p => p.Economy == code, ct);
        if (partner is null)
        {
            return Problems.NotFound($"{economy} is not a registered partner.");
        }

        await replicator.PullAsync(db, partner.Economy, ct);
        return TypedResults.Ok((await Describe(db, ct)).Single(p => p.Economy == partner.Economy));
    }

    /// <summary>Registers (or re-registers: new URL, key or agreement) a partner; its replica is kept when the key is unchanged.</summary>
    public static async Task<Result<Partner>> Execute(PartnerRequest request, Actor actor, OpenAeoDb db, NodeIdentity node, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var economy = (request.Economy ?? "").Trim().ToUpperInvariant();
        if (!Economy.IsEconomyCode(economy))
        {
            errors.Add(new("partner.economy", "The partner's economy is its two-letter code.", "economy"));
        }
        else if (economy == node.Economy)
        {
            errors.Add(new("partner.economy", $"{economy} is this node's own economy.", "economy"));
        }

        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add(new("partner.url", "The partner's base URL is an absolute http(s) URL.", "url"));
        }

        if (!WireFormat.TryParseBase64(request.PublicKey, out var key) || !LogIdentity.Create(Economy.IsEconomyCode(economy) ? economy : "XX", key).IsOk)
        {
            errors.Add(new("partner.publicKey", "The public key is the base64 DER SubjectPublicKeyInfo of a P-256 key, as the partner's identity shows it.", "publicKey"));
        }

        if (string.IsNullOrWhiteSpace(request.ApiKey))
        {
            errors.Add(new("partner.apiKey", "The API key the partner issued to us is required.", "apiKey"));
        }

        int? mraId = null;
        var sharing = string.Equals(request.Agreement?.Trim(), "sharing", StringComparison.OrdinalIgnoreCase);
        if (!sharing && !string.IsNullOrWhiteSpace(request.Agreement))
        {
            if (!MraRegistry.TryParseId(request.Agreement.Trim(), out var id) || !await db.Mras().AnyAsync(m => m.Id == id, ct))
            {
                errors.Add(new("partner.agreement", $"'{request.Agreement}' is neither an MRA id of the registry nor 'sharing'.", "agreement"));
            }

            mraId = id;
        }
        else if (!sharing && errors.Count == 0)
        {
            mraId = (await MraRegistry.BetweenAsync(db, node.Economy, economy, ct))?.Id;
        }

        if (errors.Count > 0)
        {
            return Result<Partner>.Fail(errors);
        }

        var now = clock.GetUtcNow();
        int? sharingId = null;
        if (mraId is null)
        {
            var arrangement = new DataSharingArrangement { Parties = [node.Economy, economy], CreatedAt = now };
            db.DataSharing().Add(arrangement);
            await db.SaveChangesAsync(ct);
            sharingId = arrangement.Id;
        }

        var partner = await db.Partners().SingleOrDefaultAsync(p => p.Economy == economy, ct);
        if (partner is null)
        {
            partner = new Partner { Economy = economy, CreatedAt = now, Health = PartnerHealth.New };
            db.Partners().Add(partner);
        }
        else if (!partner.PublicKey.AsSpan().SequenceEqual(key))
        {
            // Another key is another log: the replica of the old one cannot be extended, so it starts again.
            await db.ReplicaEntries().Where(e => e.Partner == economy).ExecuteDeleteAsync(ct);
            await db.ReplicaFrontier().Where(e => e.Partner == economy).ExecuteDeleteAsync(ct);
            partner.VerifiedTreeHead = null;
            partner.TreeSize = 0;
            partner.Health = PartnerHealth.New;
        }

        partner.BaseUrl = request.Url!.TrimEnd('/');
        partner.PublicKey = key;
        partner.ApiKey = request.ApiKey!.Trim();
        partner.MraId = mraId;
        partner.DataSharingId = sharingId;
        partner.NextAttemptAt = null;
        db.Audit(now, actor.Name, "partner.registered", $"partner:{economy}", request.Reason,
            new { url = partner.BaseUrl, logId = WireFormat.ToBase64(LogIdentity.LogIdOf(key)), agreement = mraId is { } m ? $"MRA-{m}" : "data-sharing" });
        await db.SaveChangesAsync(ct);
        return Result<Partner>.Ok(partner);
    }
}
