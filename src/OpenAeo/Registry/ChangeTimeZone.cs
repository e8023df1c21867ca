using OpenAeo.Platform.Web.Wording;

namespace OpenAeo.Registry;

/// <param name="TimeZone">An IANA zone as the tz database writes it (<c>Pacific/Auckland</c>); empty = the node's zone.</param>
/// <param name="Reason">Why; kept in the audit trail.</param>
public sealed record TimeZoneRequest(
    [Limit(nameof(Limits.TimeZone))] string? TimeZone,
    [Limit(nameof(Limits.Reason))] string? Reason = null
);

/// <summary>
/// <c>PUT /api/v1/me/time-zone</c>, the person's settings page and, for any account, the administrator's account page: the zone a
/// person reads instants in (ADR 0066). The person changes their own only; <see cref="Domain.Registry.UserAccount.ChooseTimeZone"/>
/// refuses anyone else but an administrator. Audited as <c>user.time-zone</c>.
/// </summary>
internal static class ChangeTimeZone
{
    public static void Map(RouteGroupBuilder api) => api.MapPut("/me/time-zone", Handle);

    [EndpointSummary("Choose the zone the signed-in account's pages show times in (an IANA id; empty for the node's zone).")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<TimeZoneResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        TimeZoneRequest request,
        OpenAeoDb db,
        NodeEconomy node,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var actor = Actor.From(user)!;
        return Problems.OkOr(await Execute(actor.Name, request, actor, db, node.Code, clock, ct));
    }

    public static Task<Result<TimeZoneResponse>> Execute(
        string accountName,
        TimeZoneRequest request,
        Actor actor,
        OpenAeoDb db,
        string nodeEconomy,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, async () =>
        {
            var login = PasswordSignIn.Login(accountName);
            var account = await db.Users().SingleOrDefaultAsync(u => u.Name == login, ct);
            if (account is null)
            {
                return Result<TimeZoneResponse>.Fail(new DomainError(Problems.NotFoundCode, $"There is no account named '{accountName}'."));
            }

            var decided = account.ChooseTimeZone(request.TimeZone, actor.Name, actor.Role, LocalTime.ZoneIds);
            if (!decided.IsOk)
            {
                return Result<TimeZoneResponse>.Fail(decided.Errors);
            }

            db.Audit(
                clock.GetUtcNow(),
                actor.Name,
                decided.Value!,
                $"user:{account.Name}",
                request.Reason,
                new { timeZone = account.TimeZone }
            );
            await db.SaveChangesAsync(ct);
            return Result<TimeZoneResponse>.Ok(
                new TimeZoneResponse(account.TimeZone, account.TimeZone ?? await db.HomeZoneIdAsync(nodeEconomy, ct))
            );
        });
}
