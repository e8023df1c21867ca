using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record NotificationResponse(long Id, string Subject, string Body, string? Link, DateTimeOffset CreatedAt);

/// <summary>The caller's notifications: a trader's operator's, and the user's own.</summary>
internal static class Notifications
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/notifications", Handle).WithName("ListNotifications").WithPaging(Sorts);

    public static readonly Sorting<Notification> Sorts = Sorting<Notification>.Create("-id", n => n.Id).By("id", n => n.Id);

    [EndpointSummary("The signed-in account's notifications, newest first.")]
    [Authorize(Policies.SignedIn)]
    public static async Task<Results<Ok<Page<NotificationResponse>>, ValidationProblem>> Handle(
        [Limit(nameof(Limits.Page))] int? page,
        [Limit(nameof(Limits.PageSize))] int? pageSize,
        [Limit(nameof(Limits.Sort))] string? sort,
        OpenAeoDb db,
        ClaimsPrincipal user,
        HttpContext http,
        CancellationToken ct
    ) =>
        await Paging.List(
            http,
            Of(Actor.From(user)!, db),
            Sorts,
            page,
            pageSize,
            sort,
            n => new NotificationResponse(n.Id, n.Subject, n.Body, n.Link, n.CreatedAt),
            ct
        );

    public static async Task<List<NotificationResponse>> For(OpenAeoDb db, Actor actor, CancellationToken ct) =>
        await Of(actor, db)
            .OrderByDescending(n => n.Id)
            .Take(100)
            .Select(n => new NotificationResponse(n.Id, n.Subject, n.Body, n.Link, n.CreatedAt))
            .ToListAsync(ct);

    /// <summary>The notifications addressed to the account, to its operator for a trader, and to the programmes'
    /// officers for a programme officer.</summary>
    private static IQueryable<Notification> Of(Actor actor, OpenAeoDb db)
    {
        var audiences = new List<string> { Notification.ForUser(actor.Name) };
        if (actor.Role == Role.Trader && actor.OperatorTin is { } tin)
        {
            audiences.Add(Notification.ForOperator(tin));
        }

        // Programme officers are not tied to one of the node's programmes, so each reads every programme's.
        var programmes = actor.Role == Role.ProgrammeOfficer ? Audience.ForProgrammeOfficers("") : null;
        return db.Notifications()
            .AsNoTracking()
            .Where(n => audiences.Contains(n.Audience) || (programmes != null && n.Audience.StartsWith(programmes)));
    }
}
