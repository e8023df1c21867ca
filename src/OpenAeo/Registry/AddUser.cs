using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Security;
using OpenAeo.Platform.Web.Wording;

namespace OpenAeo.Registry;

public sealed record AddUserRequest(
    [Limit(nameof(Limits.UserName))] string? Name,
    [Limit(nameof(Limits.Name))] string? DisplayName,
    [Limit(nameof(Limits.Keyword))] string? Role,
    [Limit(nameof(Limits.Tin))] string? Operator,
    [Limit(nameof(Limits.EconomyCode))] string? PartnerEconomy,
    [Limit(nameof(Limits.Password))] string? Password,
    bool IssueApiKey,
    [Limit(nameof(Limits.Reason))] string? Reason,
    [Limit(nameof(Limits.AgencyCode))] string? Agency = null,
    [Limit(nameof(Limits.TimeZone))] string? TimeZone = null
);

/// <summary>The new account, with its API key shown this once (only its hash is stored).</summary>
public sealed record AddUserResponse(
    int Id,
    string Name,
    string Role,
    string? Operator,
    string? PartnerEconomy,
    string? ApiKey,
    string? Agency = null
);

/// <summary>
/// <c>POST /api/v1/users</c>, <c>openaeo users add</c> and the accounts page: a new account for a person (password), a
/// machine (API key) or both, audited.
/// </summary>
internal static class AddUser
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/users", Execute).AnswersCreated<AddUserResponse>(u => $"/api/v1/users/{u.Name}");

    [Authorize(Policies.Admins)]
    [EndpointSummary("Add an account; an API key asked for is shown in the answer only.")]
    public static async Task<Result<AddUserResponse>> Execute(
        AddUserRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<AddUserResponse>.Fail(outOfLimits);
        }

        if (!Enum.TryParse<Role>(request.Role, ignoreCase: true, out var role))
        {
            return new DomainError("user.role", $"Role is one of {string.Join(", ", Enum.GetNames<Role>())}.", "role");
        }

        Tin? tin = null;
        if (!string.IsNullOrWhiteSpace(request.Operator))
        {
            var parsed = Tin.Parse(request.Operator);
            if (!parsed.IsOk)
            {
                return Result<AddUserResponse>.Fail(parsed.Errors);
            }

            if (await db.FindOperatorAsync(parsed.Value, ct) is null)
            {
                return new DomainError("user.operator", $"Operator {parsed.Value} is not in the registry; register it first.", "operator");
            }

            tin = parsed.Value;
        }

        if (request.Password is not null && UserAccount.CheckPassword(request.Password) is { } weak)
        {
            return weak;
        }

        if (request.Password is null && !request.IssueApiKey)
        {
            return new DomainError(
                "user.credentials",
                "An account needs a password (people) or an API key (machines), or both.",
                "password"
            );
        }

        var now = clock.GetUtcNow();
        var created = UserAccount.Create(request.Name ?? "", request.DisplayName, role, tin, request.PartnerEconomy, now, request.Agency);
        if (!created.IsOk)
        {
            return Result<AddUserResponse>.Fail(created.Errors);
        }

        var account = created.Value!;
        if (!string.IsNullOrWhiteSpace(request.TimeZone))
        {
            // The zone the person reads times in (ADR 0066), set by the administrator who adds the account.
            var zone = account.ChooseTimeZone(request.TimeZone, actor.Name, actor.Role, LocalTime.ZoneIds);
            if (!zone.IsOk)
            {
                return Result<AddUserResponse>.Fail(zone.Errors);
            }
        }

        if (await db.Users().AnyAsync(u => u.Name == account.Name, ct))
        {
            return new DomainError("user.exists", $"A user named '{account.Name}' already exists.", "name");
        }

        if (request.Password is not null)
        {
            account.SetPasswordHash(Accounts.HashPassword(account, request.Password));
        }

        string? apiKey = null;
        if (request.IssueApiKey)
        {
            apiKey = ApiKeys.Generate();
            account.SetApiKeyHash(ApiKeys.Hash(apiKey));
        }

        db.Users().Add(account);
        db.Audit(
            now,
            actor.Name,
            "user.added",
            $"user:{account.Name}",
            request.Reason,
            new
            {
                role = role.ToString(),
                account.OperatorTin,
                account.PartnerEconomy,
                account.Agency,
                account.TimeZone,
                password = request.Password is not null,
                apiKey = apiKey is not null,
            }
        );
        await db.SaveChangesAsync(ct);
        return Result<AddUserResponse>.Ok(
            new AddUserResponse(
                account.Id,
                account.Name,
                role.ToString(),
                account.OperatorTin,
                account.PartnerEconomy,
                apiKey,
                account.Agency
            )
        );
    }
}
