using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

public sealed record OperatorResponse(
    string Tin,
    string LegalName,
    string Economy,
    IReadOnlyList<string> Roles,
    int? Employees,
    decimal? Turnover,
    string? Sector,
    bool ConsentToExchange,
    string SmeClass,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt
)
{
    internal static OperatorResponse From(Operator o, SmeDefinition? sme) =>
        new(
            o.Tin.Value,
            o.LegalName,
            o.EconomyCode,
            [.. OperatorRoleNames.Split(o.Roles).Select(r => r.ToString())],
            o.Employees,
            o.Turnover,
            o.Sector,
            o.ConsentToExchange,
            o.SmeClass(sme).ToString(),
            o.RegisteredAt,
            o.UpdatedAt
        );
}

internal static class GetOperator
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/operators/{tin}", Handle).WithEntityTag();

    [EndpointSummary("One operator by its Trader Identification Number.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<OperatorResponse>, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.Tin))] string tin,
        OpenAeoDb db,
        ClaimsPrincipal user,
        HttpContext http,
        CancellationToken ct
    )
    {
        // Tracked, so its version is known for the ETag.
        var (found, problem) = await LoadVisible(db, tin, Actor.From(user)!, ct, track: true);
        if (found is null)
        {
            return problem!;
        }

        EntityTags.Tag(http, db, found);
        return TypedResults.Ok(OperatorResponse.From(found, await SmeDefinitionFor(db, found.EconomyCode, ct)));
    }

    /// <summary>
    /// Loads an operator the actor may see. A trader asking for another operator gets the same 404 as for a TIN
    /// that does not exist, so the API does not reveal who is registered.
    /// </summary>
    public static async Task<(Operator? Found, ProblemHttpResult? Problem)> LoadVisible(
        OpenAeoDb db,
        string tinText,
        Actor actor,
        CancellationToken ct,
        bool track = false
    )
    {
        var parsed = Tin.Parse(tinText);
        if (!parsed.IsOk)
        {
            return (null, Problems.NotFound($"'{tinText}' is not a valid TIN: {parsed.Errors[0].Message}"));
        }

        var tin = parsed.Value;
        var query = track ? db.Operators() : db.Operators().AsNoTracking();
        var found = await query.SingleOrDefaultAsync(o => o.Tin == tin, ct);
        if (found is null || !RegistryPermissions.CanReadOperator(actor.Role, actor.OperatorTin, tin))
        {
            return (null, Problems.NotFound($"There is no operator {tin} that you can see."));
        }

        return (found, null);
    }

    public static async Task<SmeDefinition?> SmeDefinitionFor(OpenAeoDb db, string economy, CancellationToken ct) =>
        (
            await db.Programmes().AsNoTracking().Where(p => p.EconomyCode == economy).OrderBy(p => p.Code).FirstOrDefaultAsync(ct)
        )?.SmeDefinition;

    public static async Task<Dictionary<string, SmeDefinition>> SmeDefinitions(OpenAeoDb db, CancellationToken ct) =>
        (await db.Programmes().AsNoTracking().ToListAsync(ct))
            .GroupBy(p => p.EconomyCode)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Code).First().SmeDefinition);
}
