namespace OpenAeo.Registry;

/// <param name="TimeZone">The IANA zone the person chose; null = none chosen, the node's zone applies.</param>
/// <param name="Effective">The zone the person's pages show instants in: the chosen one, else the node's (its programme's).</param>
public sealed record TimeZoneResponse(string? TimeZone, string Effective);

/// <summary><c>GET /api/v1/me/time-zone</c>: the zone the signed-in person reads instants in (ADR 0066).</summary>
internal static class GetTimeZone
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/me/time-zone", Handle);

    [EndpointSummary("The signed-in account's time zone: the one it chose, and the one its pages show times in.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<TimeZoneResponse>, ProblemHttpResult>> Handle(
        OpenAeoDb db,
        NodeEconomy node,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => Problems.OkOrProblem(await Execute(Actor.From(user)!.Name, db, node.Code, ct));

    public static async Task<Result<TimeZoneResponse>> Execute(string accountName, OpenAeoDb db, string nodeEconomy, CancellationToken ct)
    {
        var account = await db.Users()
            .AsNoTracking()
            .Where(u => u.Name == accountName)
            .Select(u => new { u.TimeZone })
            .SingleOrDefaultAsync(ct);
        if (account is null)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no account named '{accountName}'.");
        }

        return Result<TimeZoneResponse>.Ok(
            new TimeZoneResponse(account.TimeZone, account.TimeZone ?? await db.HomeZoneIdAsync(nodeEconomy, ct))
        );
    }
}
