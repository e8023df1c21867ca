using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <param name="Email">Where e-mails go; null until the person gives one.</param>
/// <param name="ByMail">The kinds that also come by e-mail; every kind always shows in the application.</param>
/// <param name="Kinds">Every kind of notification, to choose from.</param>
public sealed record NotificationSettingsResponse(string? Email, IReadOnlyList<string> ByMail, IReadOnlyList<string> Kinds);

/// <summary><c>GET /api/v1/me/notification-settings</c>: the signed-in account's own settings, and nobody else's.</summary>
internal static class GetNotificationSettings
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/me/notification-settings", Handle);

    [EndpointSummary("The signed-in account's notification settings: its e-mail address and which kinds also come by e-mail.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<NotificationSettingsResponse>, ProblemHttpResult>> Handle(
        OpenAeoDb db,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => Problems.OkOrProblem(await Execute(Actor.From(user)!, db, ct));

    public static async Task<Result<NotificationSettingsResponse>> Execute(Actor actor, OpenAeoDb db, CancellationToken ct)
    {
        var account = await db.Users().AsNoTracking().Where(u => u.Name == actor.Name).Select(u => (int?)u.Id).SingleOrDefaultAsync(ct);
        if (account is not { } id)
        {
            return new DomainError(Problems.NotFoundCode, "The signed-in account no longer exists.");
        }

        var setting = await db.NotificationSettings().AsNoTracking().SingleOrDefaultAsync(s => s.UserId == id, ct);
        return Result<NotificationSettingsResponse>.Ok(Describe(setting?.Choices ?? NotificationChoices.Default));
    }

    public static NotificationSettingsResponse Describe(NotificationChoices choices) =>
        new(choices.Email, [.. choices.ByMail.Select(k => k.ToString())], Enum.GetNames<NotificationKind>());
}
