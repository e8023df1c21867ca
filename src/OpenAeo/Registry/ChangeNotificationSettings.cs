using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <param name="Email">Where e-mails go; empty to receive none.</param>
/// <param name="ByMail">The kinds (<c>Submitted</c>, <c>InformationAnswered</c>, <c>Pause</c>, <c>NoticeAnswered</c>,
/// <c>Reminders</c>, <c>Notices</c>) that also come by e-mail; the others show in the application only.</param>
public sealed record NotificationSettingsRequest(
    [Limit(nameof(Limits.Email))] string? Email,
    [Limit(nameof(Limits.NotificationKinds))] IReadOnlyList<string>? ByMail
);

/// <summary><c>PUT /api/v1/me/notification-settings</c>: a person chooses, for their own account only, what comes by e-mail.</summary>
internal static class ChangeNotificationSettings
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/me/notification-settings", Execute).AnswersOk<NotificationSettingsResponse>();

    [EndpointSummary("Choose the signed-in account's e-mail address and which kinds of notification also come by e-mail.")]
    [Authorize(Policies.SignedIn)]
    public static Task<Result<NotificationSettingsResponse>> Execute(
        NotificationSettingsRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, async () =>
        {
            var account = await db.Users().Where(u => u.Name == actor.Name).Select(u => (int?)u.Id).SingleOrDefaultAsync(ct);
            if (account is not { } id)
            {
                return Result<NotificationSettingsResponse>.Fail(
                    new DomainError(Problems.NotFoundCode, "The signed-in account no longer exists.")
                );
            }

            var decided = NotificationChoices.Decide(request.Email, request.ByMail);
            if (!decided.IsOk)
            {
                return Result<NotificationSettingsResponse>.Fail(decided.Errors);
            }

            var setting = await db.NotificationSettings().SingleOrDefaultAsync(s => s.UserId == id, ct);
            if (setting is null)
            {
                setting = NotificationSetting.For(id);
                db.NotificationSettings().Add(setting);
            }

            var choices = decided.Value!;
            var now = clock.GetUtcNow();
            setting.Choose(choices, now);
            db.Audit(
                now,
                actor.Name,
                "user.notification-settings",
                $"user:{actor.Name}",
                null,
                new { email = choices.Email, byMail = choices.ByMail.Select(k => k.ToString()) }
            );
            await db.SaveChangesAsync(ct);
            return Result<NotificationSettingsResponse>.Ok(GetNotificationSettings.Describe(choices));
        });
}
