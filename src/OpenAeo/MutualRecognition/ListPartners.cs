using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

internal sealed record PartnerResponse(
    string Economy,
    string Url,
    string LogId,
    string Agreement,
    int? MraId,
    string? MraName,
    string Health,
    long TreeSize,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? NextAttemptAt,
    string? LastError
);

/// <summary><c>GET /api/v1/partners</c>: the partner registry with each partner's agreement and replication state.</summary>
internal static class ListPartners
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/partners", Paging.Handler(Sorts, async (db, ct) => await Describe(db, ct)))
            .WithName("ListPartners")
            .RequireAuthorization(Policies.Officers)
            .WithPaging(Sorts)
            .WithSummary("Partners with their replication state (Healthy, Diverged, Unreachable) and last error.");

    public static readonly Sorting<PartnerResponse> Sorts = Sorting<PartnerResponse>
        .Create("economy", p => p.Economy)
        .By("economy", p => p.Economy)
        .By("health", p => p.Health)
        .By("lastSuccessAt", p => p.LastSuccessAt);

    public static async Task<List<PartnerResponse>> Describe(OpenAeoDb db, CancellationToken ct)
    {
        var partners = await db.Partners().AsNoTracking().OrderBy(p => p.Economy).ToListAsync(ct);
        var mras = await db.Mras().AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        return
        [
            .. partners.Select(p => new PartnerResponse(
                p.Economy,
                p.BaseUrl,
                WireFormat.ToBase64(LogIdentity.LogIdOf(p.PublicKey)),
                p.Agreement,
                p.MraId,
                p.MraId is { } i && mras.TryGetValue(i, out var m) ? m.Name : null,
                p.Health.ToString(),
                p.TreeSize,
                p.LastAttemptAt,
                p.LastSuccessAt,
                p.NextAttemptAt,
                p.LastError
            )),
        ];
    }

    /// <summary>200 with the partner a use case returned, described as the list describes it.</summary>
    public static RouteHandlerBuilder AnswersPartner(this RouteHandlerBuilder endpoint) =>
        endpoint.AnswersOk<Partner, PartnerResponse>(DescribeAsync);

    /// <summary>201 with the partner a use case registered, described as the list describes it, and where to find it.</summary>
    public static RouteHandlerBuilder AnswersPartnerCreated(this RouteHandlerBuilder endpoint) =>
        endpoint.AnswersCreated<Partner, PartnerResponse>(DescribeAsync, p => $"/api/v1/partners/{p.Economy}");

    /// <summary>The partner as the list describes it.</summary>
    public static async Task<PartnerResponse> DescribeAsync(Partner partner, OpenAeoDb db, CancellationToken ct) =>
        (await Describe(db, ct)).Single(p => p.Economy == partner.Economy);

    /// <summary>Read in the request's own scope, so it sees what the use case saved.</summary>
    private static Task<PartnerResponse> DescribeAsync(Partner partner, HttpContext http) =>
        DescribeAsync(partner, http.RequestServices.GetRequiredService<OpenAeoDb>(), http.RequestAborted);
}
