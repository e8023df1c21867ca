using Microsoft.Extensions.Options;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>An account as administrators see it: never a secret or a hash, only whether there is one.</summary>
/// <param name="LockedUntil">When the account's sign-in lockout ends; null when it can sign in.</param>
public sealed record UserResponse(
    int Id,
    string Name,
    string DisplayName,
    string Role,
    string? Operator,
    string? PartnerEconomy,
    string? Agency,
    bool HasPassword,
    bool HasApiKey,
    bool Disabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset? LockedUntil
);

/// <summary><c>GET /api/v1/users</c>, <c>openaeo users list</c> and the accounts page; <see cref="Describe"/> serves <see cref="GetUser"/>
/// too.</summary>
internal static class ListUsers
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users", List).WithPaging(Sorts);
    }

    public static readonly Sorting<UserResponse> Sorts = Sorting<UserResponse>
        .Create("name", u => u.Name)
        .By("name", u => u.Name)
        .By("role", u => u.Role)
        .By("createdAt", u => u.CreatedAt)
        .By("lastSignInAt", u => u.LastSignInAt);

    [Authorize(Policies.Admins)]
    [EndpointSummary(
        "Every account with its role, links, whether it has a password and an API key, and whether it is disabled or locked out."
    )]
    public static async Task<Results<Ok<Page<UserResponse>>, ValidationProblem>> List(
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        OpenAeoDb db,
        IOptions<SignInOptions> options,
        TimeProvider clock,
        HttpContext http,
        CancellationToken ct
    ) => await Paging.List(http, await Describe(db, options.Value.Account, clock.GetUtcNow(), null, ct), Sorts, page, pageSize, sort, ct);

    /// <summary>All accounts by name, or the one named; each with its lockout computed from its recent failures.</summary>
    public static async Task<List<UserResponse>> Describe(
        OpenAeoDb db,
        ThrottlePolicy policy,
        DateTimeOffset now,
        string? name,
        CancellationToken ct
    )
    {
        var query = db.Users().AsNoTracking();
        if (name is not null)
        {
            var login = PasswordSignIn.Login(name);
            query = query.Where(u => u.Name == login);
        }

        var accounts = await query.OrderBy(u => u.Name).ToListAsync(ct);
        var since = now - policy.Memory;
        var doors = accounts.Select(a => PasswordSignIn.AccountDoor(a.Name)).ToList();
        var failures = (
            await db.SignInFailures()
                .AsNoTracking()
                .Where(f => f.At > since && doors.Contains(f.Door))
                .Select(f => new { f.Door, f.At })
                .ToListAsync(ct)
        ).ToLookup(f => f.Door, f => f.At);
        return
        [
            .. accounts.Select(u => new UserResponse(
                u.Id,
                u.Name,
                u.DisplayName,
                u.Role.ToString(),
                u.OperatorTin,
                u.PartnerEconomy,
                u.Agency,
                u.PasswordHash is not null,
                u.ApiKeyHash is not null,
                u.Disabled,
                u.CreatedAt,
                u.LastSignInAt,
                SignInThrottle.LockedUntil(failures[PasswordSignIn.AccountDoor(u.Name)], policy, now)
            )),
        ];
    }
}
