using System.Security.Cryptography;
using System.Text;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary>The invitation link, shown once to the account manager who sends it to the requester (OpenAeo keeps only its hash).</summary>
internal sealed record InvitationResponse(string Reference, string InvitationLink, DateTimeOffset ExpiresAt);

internal sealed record ProspectDecisionRequest([Limit(nameof(Limits.Reason))] string? Reason);

/// <summary>
/// The prior-consultation queue of the programme's account managers (issue 13 item 4): list the requests, accept one
/// (an invitation to create the trader account, shown once), send a new invitation, or decline with a reason. Account
/// managers, programme officers and administrators, as for registering operators: accepting leads to one. A use case a
/// file (<see cref="ListProspects"/>, <see cref="AcceptProspect"/>, <see cref="ReissueInvitation"/>, <see cref="DeclineProspect"/>);
/// here the group they share and the invitation both acceptance and a new invitation make.
/// </summary>
internal static class ProspectQueue
{
    public static void Map(RouteGroupBuilder api)
    {
        var prospects = api.MapGroup("/prospects").RequireAuthorization(Policies.OperatorEditors);
        ListProspects.Map(prospects);
        AcceptProspect.Map(prospects);
        ReissueInvitation.Map(prospects);
        DeclineProspect.Map(prospects);
    }

    public static async Task<Result<InvitationResponse>> Invite(
        int id,
        string? reason,
        bool reissue,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (!RegistryPermissions.OperatorEditors.Contains(actor.Role))
        {
            return new DomainError(Problems.ForbiddenCode, "Your role does not handle prior-consultation requests.");
        }

        if (await db.Prospects().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } prospect)
        {
            return new DomainError(Problems.NotFoundCode, $"There is no prior-consultation request {id}.");
        }

        var now = clock.GetUtcNow();
        var token = NewToken();
        var refused = reissue ? prospect.Reissue(actor.Name, Hash(token), now) : prospect.Accept(actor.Name, Hash(token), now);
        if (refused is not null)
        {
            return refused;
        }

        db.Audit(
            now,
            actor.Name,
            reissue ? "prospect.invitation-reissued" : "prospect.accepted",
            $"prospect:{prospect.Reference}",
            reason,
            new
            {
                prospect.Reference,
                Tin = prospect.Tin.Value,
                prospect.InvitationExpiresAt,
            }
        );
        await db.SaveChangesAsync(ct);
        return Result<InvitationResponse>.Ok(
            new InvitationResponse(prospect.Reference, $"/invitations/{token}", prospect.InvitationExpiresAt!.Value)
        );
    }

    /// <summary>32 random bytes, URL-safe: the invitation is a bearer secret until it is used.</summary>
    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
