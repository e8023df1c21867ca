using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;

namespace OpenAeo.Registry;

/// <summary>
/// The addresses notifications are mailed to (ADR 0065): the enabled accounts with an address that the notifications'
/// audiences could reach are read once per save, and <see cref="NotificationMail.To"/> decides for each notification.
/// </summary>
internal sealed class NotificationMailRecipients : IMailRecipients
{
    public async Task<IReadOnlyList<IReadOnlyList<string>>> AddressesAsync(
        OpenAeoDb db,
        IReadOnlyList<Notification> notifications,
        CancellationToken ct
    )
    {
        var audiences = notifications.Select(n => n.Audience).Distinct().ToList();
        var names = After(audiences, Audience.ForUser(""));
        var tins = After(audiences, Audience.ForOperator(""));
        var officers = audiences.Any(a => a.StartsWith(Audience.ForProgrammeOfficers(""), StringComparison.Ordinal));
        var candidates = await (
            from s in db.NotificationSettings().AsNoTracking()
            join u in db.Users().AsNoTracking() on s.UserId equals u.Id
            where
                s.Email != null
                && !u.Disabled
                && (
                    names.Contains(u.Name)
                    || (u.Role == Role.Trader && u.OperatorTin != null && tins.Contains(u.OperatorTin))
                    || (officers && u.Role == Role.ProgrammeOfficer)
                )
            select new
            {
                Setting = s,
                u.Name,
                u.Role,
                u.OperatorTin,
            }
        ).ToListAsync(ct);
        var readers = candidates.Select(c => new MailReader(c.Name, c.Role, c.OperatorTin, c.Setting.Choices)).ToList();
        return [.. notifications.Select(n => NotificationMail.To(n.Audience, n.Kind, readers))];
    }

    private static List<string> After(IEnumerable<string> audiences, string prefix) =>
        [.. audiences.Where(a => a.StartsWith(prefix, StringComparison.Ordinal)).Select(a => a[prefix.Length..])];
}
