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
/// <param name="ApiKey">The key the partner issued to us; required to register, optional to change (absent = keep the stored one).</param>
internal sealed record PartnerRequest([Limit(nameof(Limits.EconomyCode))] string? Economy, [Limit(nameof(Limits.Url))] string? Url, [Limit(nameof(Limits.Key))] string? PublicKey, [Limit(nameof(Limits.Key))] string? ApiKey, [Limit(nameof(Limits.Keyword))] string? Agreement, [Limit(nameof(Limits.Reason))] string? Reason);

internal sealed record PartnerResponse(
    string Economy, string Url, string LogId, string Agreement, int? MraId, string? MraName, string Health, long TreeSize,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? LastSuccessAt, DateTimeOffset? NextAttemptAt, string? LastError);

/// <summary>The partner registry: administrations whose logs we replicate and the agreement that links us.</summary>
internal static class Partners
{
    /// <summary>Longer than any key we know of; its encrypted form must fit the column.</summary>
    public const int MaxApiKeyLength = 500;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/partners", List).WithName("ListPartners").WithTags("MutualRecognition").RequireAuthorization(Policies.Officers).WithPaging(Sorts)
            .WithSummary("Partners with their replication state (Healthy, Diverged, Unreachable) and last error.");
        api.MapPost("/partners", Create).WithName("AddPartner").WithTags("MutualRecognition").WithSummary("Register a partner administration whose status log this node replicates.").RequireAuthorization(Policies.Admins)
            .WithPartnerKeyRing().WithIdempotency();
        api.MapPost("/partners/{economy}/pull", Pull).WithName("PullPartner").WithTags("MutualRecognition").RequireAuthorization(Policies.ReferenceDataEditors)
            .WithSummary("Run one replication round with the partner now.");
    }

    public static readonly Sorting<PartnerResponse> Sorts = Sorting<PartnerResponse>.Create("economy", p => p.Economy).By("economy", p => p.Economy).By("health", p => p.Health)
        .By("lastSuccessAt", p => p.LastSuccessAt);

    public static async Task<Results<Ok<Page<PartnerResponse>>, ValidationProblem>> List([Limit(nameof(Limits.Page))] int? page, [Limit(nameof(Limits.PageSize))] int? pageSize, [Limit(nameof(Limits.Sort))] string? sort, OpenAeoDb db, HttpContext http, CancellationToken ct) =>
        await Paging.List(http, await Describe(db, ct), Sorts, page, pageSize, sort, ct);

    public static async Task<List<PartnerResponse>> Describe(OpenAeoDb db, CancellationToken ct)
    {
        var partners = await db.Partners().AsNoTracking().OrderBy(p => p.Economy).ToListAsync(ct);
        var mras = await db.Mras().AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        return [.. partners.Select(p => new PartnerResponse(p.Economy, p.BaseUrl, WireFormat.ToBase64(LogIdentity.LogIdOf(p.PublicKey)),
            AgreementText(p), p.MraId, p.MraId is { } i && mras.TryGetValue(i, out var m) ? m.Name : null,
            p.Health.ToString(), p.TreeSize, p.LastAttemptAt, p.LastSuccessAt, p.NextAttemptAt, p.LastError))];
    }

    public static async Task<Results<Created<PartnerResponse>, ValidationProblem>> Create(PartnerRequest request, OpenAeoDb db, NodeIdentity node, PartnerKeys keys, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await Execute(request, Actor.From(user)!, db, node, keys, clock, ct);
        if (!outcome.IsOk)
        {
            return Problems.Invalid(outcome.Errors);
        }

        var described = (await Describe(db, ct)).Single(p => p.Economy == outcome.Value!.Economy);
        return TypedResults.Created($"/api/v1/partners/{described.Economy}", described);
    }

    public static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> Pull([Limit(nameof(Limits.EconomyCode))] string economy, OpenAeoDb db, PartnerReplicator replicator, CancellationToken ct)
    {
        var code = economy.ToUpperInvariant();
        var partner = await db.Partners().AsNoTracking().SingleOrDefaultAsync(p => p.Economy == code, ct);
        if (partner is null)
        {
            return Problems.NotFound($"{economy} is not a registered partner.");
        }

        if (partner.Health == PartnerHealth.Retired)
        {
            return Problems.Conflict($"{partner.Economy} is retired: it is no longer replicated. Register it again to resume.");
        }

        var result = await replicator.PullAsync(db, partner.Economy, ct);
        if (result.Raced)
        {
            // Another round had the partner (ADR 0019): nothing was done here.
            return Problems.Conflict(result.Error!);
        }

        return TypedResults.Ok((await Describe(db, ct)).Single(p => p.Economy == partner.Economy));
    }

    /// <summary>
    /// Registers a partner, or registers it again (new URL, key or agreement; a retired partner is taken back into
    /// replication); its replica is kept when the key is unchanged.
    /// </summary>
    public static async Task<Result<Partner>> Execute(PartnerRequest request, Actor actor, OpenAeoDb db, NodeIdentity node, PartnerKeys keys, TimeProvider clock, CancellationToken ct)
    {
        var terms = await CheckAsync((request.Economy ?? "").Trim().ToUpperInvariant(), request, apiKeyRequired: true, node, db, ct);
        if (!terms.IsOk)
        {
            return Result<Partner>.Fail(terms.Errors);
        }

        var now = clock.GetUtcNow();
        var partner = await db.Partners().SingleOrDefaultAsync(p => p.Economy == terms.Value!.Economy, ct);
        if (partner is null)
        {
            partner = new Partner { Economy = terms.Value!.Economy, CreatedAt = now, Health = PartnerHealth.New };
            db.Partners().Add(partner);
        }
        else if (partner.Health == PartnerHealth.Retired)
        {
            partner.Health = PartnerHealth.New;
        }

        var applied = await ApplyAsync(partner, terms.Value!, db, node, keys, now, ct);
        db.Audit(now, actor.Name, "partner.registered", $"partner:{partner.Economy}", request.Reason, applied);
        await db.SaveChangesAsync(ct);
        return Result<Partner>.Ok(partner);
    }

    /// <summary>What was recorded in the audit trail for a registration or a change (never the API key itself).</summary>
    internal sealed record AppliedTerms(string Url, string LogId, string Agreement, bool ApiKeyChanged, bool ReplicaRestarted);

    /// <summary>The pure checks of a partner's terms plus the agreement looked up in the registry.</summary>
    public static async Task<Result<PartnerTerms>> CheckAsync(string economy, PartnerRequest request, bool apiKeyRequired, NodeIdentity node, OpenAeoDb db, CancellationToken ct)
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<PartnerTerms>.Fail(outOfLimits);
        }

        var errors = new List<DomainError>();
        if (!Economy.IsEconomyCode(economy))
        {
            errors.Add(new("partner.economy", "The partner's economy must be its two-letter code.", "economy"));
        }
        else if (economy == node.Economy)
        {
            errors.Add(new("partner.economy", $"{economy} is this node's own economy.", "economy"));
        }

        if (!Uri.TryCreate(request.Url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add(new("partner.url", "The partner's base URL must be an absolute https:// URL.", "url"));
        }
        else if (url.Scheme == "http" && !node.AllowsPlainHttpPartners)
        {
            errors.Add(new("partner.url", $"The partner's base URL must be https://: over plain HTTP our API key at its node and the status log would cross the network in the clear ({NodeIdentity.AllowPlainHttpSetting}=true allows http:// on a closed test network).", "url"));
        }

        if (!WireFormat.TryParseBase64(request.PublicKey?.Trim(), out var key) || !LogIdentity.Create(Economy.IsEconomyCode(economy) ? economy : "XX", key).IsOk)
        {
            errors.Add(new("partner.publicKey", "The public key is the base64 DER SubjectPublicKeyInfo of a P-256 key, as the partner's identity shows it.", "publicKey"));
        }

        if (apiKeyRequired && string.IsNullOrWhiteSpace(request.ApiKey))
        {
            errors.Add(new("partner.apiKey", "The API key the partner issued to us is required.", "apiKey"));
        }
        else if (request.ApiKey?.Trim() is { Length: > MaxApiKeyLength })
        {
            errors.Add(new("partner.apiKey", $"An API key has at most {MaxApiKeyLength} characters.", "apiKey"));
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

        return errors.Count > 0
            ? Result<PartnerTerms>.Fail(errors)
            : Result<PartnerTerms>.Ok(new PartnerTerms(economy, request.Url!.Trim().TrimEnd('/'), key, string.IsNullOrWhiteSpace(request.ApiKey) ? null : request.ApiKey.Trim(), mraId));
    }

    /// <summary>
    /// Stages the terms on the partner (the caller saves). A new key is another log, so the replica of the old one is
    /// dropped and replication starts again; a data-sharing partner keeps its arrangement rather than getting a new one.
    /// </summary>
    public static async Task<AppliedTerms> ApplyAsync(Partner partner, PartnerTerms terms, OpenAeoDb db, NodeIdentity node, PartnerKeys keys, DateTimeOffset now, CancellationToken ct)
    {
        var restarted = false;
        if (partner.PublicKey.Length > 0 && !partner.PublicKey.AsSpan().SequenceEqual(terms.PublicKey))
        {
            // Another key is another log: the replica of the old one cannot be extended, so it starts again.
            await db.ReplicaEntries().Where(e => e.Partner == partner.Economy).ExecuteDeleteAsync(ct);
            await db.ReplicaFrontier().Where(e => e.Partner == partner.Economy).ExecuteDeleteAsync(ct);
            partner.VerifiedTreeHead = null;
            partner.TreeSize = 0;
            partner.Health = partner.Health == PartnerHealth.Retired ? PartnerHealth.Retired : PartnerHealth.New;
            restarted = true;
        }

        int? sharingId = null;
        if (terms.MraId is null)
        {
            sharingId = partner.DataSharingId;
            if (sharingId is null)
            {
                var arrangement = new DataSharingArrangement { Parties = [node.Economy, partner.Economy], CreatedAt = now };
                db.DataSharing().Add(arrangement);
                await db.SaveChangesAsync(ct);
                sharingId = arrangement.Id;
            }
        }

        var apiKeyChanged = terms.ApiKey is not null && !keys.IsStored(partner, terms.ApiKey);
        partner.BaseUrl = terms.Url;
        partner.PublicKey = terms.PublicKey;
        if (apiKeyChanged)
        {
            partner.ProtectedApiKey = keys.Protect(terms.ApiKey!);
        }

        partner.MraId = terms.MraId;
        partner.DataSharingId = sharingId;
        partner.NextAttemptAt = null;
        return new AppliedTerms(partner.BaseUrl, WireFormat.ToBase64(LogIdentity.LogIdOf(terms.PublicKey)), AgreementText(partner), apiKeyChanged, restarted);
    }

    public static string AgreementText(Partner p) => p.MraId is { } id ? $"MRA-{id}" : "data-sharing";
}

/// <summary>A partner's terms after the checks: economy, URL, log key, our API key at its node (null = unchanged) and the MRA (null = data-sharing).</summary>
internal sealed record PartnerTerms(string Economy, string Url, byte[] PublicKey, string? ApiKey, int? MraId);
