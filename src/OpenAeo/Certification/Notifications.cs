using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Platform.Persistence;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record NotificationResponse(long Id, string Subject, string Body, string? Link, DateTimeOffset CreatedAt);

/// <summary>The caller's notifications: a trader's operator's, and the user's own.</summary>
internal static class Notifications
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/notifications", Handle).WithName("ListNotifications").WithTags("Certification").WithSummary("The signed-in account's notifications, newest first.").RequireAuthorization(Policies.SignedIn);

    public static async Task<List<NotificationResponse>> Handle(OpenAeoDb db, ClaimsPrincipal user, CancellationToken ct) => await For(db, Actor.From(user)!, ct);

    public static async Task<List<NotificationResponse>> For(OpenAeoDb db, Actor actor, CancellationToken ct)
    {
        var audiences = new List<string> { Notification.ForUser(actor.Name) };
        if (actor.Role == Role.Trader && actor.OperatorTin is { } tin)
        {
            audiences.Add(Notification.ForOperator(tin));
        }

        return await db.Notifications().AsNoTracking().Where(n => audiences.Contains(n.Audience)).OrderByDescending(n => n.Id).Take(100)
            .Select(n => new NotificationResponse(n.Id, n.Subject, n.Body, n.Link, n.CreatedAt)).ToListAsync(ct);
    }
}
