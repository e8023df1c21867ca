using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record AccountManagerRequest([Limit(nameof(Limits.UserName))] string? UserName);

/// <summary>The programme office assigns the account manager who accompanies the applicant.</summary>
internal static class AssignAccountManager
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/account-manager", Execute).AnswersOk<ApplicationResponse>();

    [EndpointSummary("Assign the officer who accompanies the applicant.")]
    [Authorize(Policies.ReferenceDataEditors)]
    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        AccountManagerRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, () => ApplicationContext.Run(
                db,
                id,
                actor,
                clock,
                async c =>
                {
                    var name = (request.UserName ?? "").Trim().ToLowerInvariant();
                    if (!await db.Users().AnyAsync(u => u.Name == name && u.Role == Role.AccountManager && !u.Disabled, ct))
                    {
                        return new DomainError("application.manager", $"'{name}' is not an account manager.", "userName");
                    }

                    var previous = c.Application.AccountManager;
                    c.Application.AssignAccountManager(name, c.Now);
                    db.Audit(
                        c.Now,
                        actor.Name,
                        "application.account-manager",
                        $"application:{c.Application.Reference}",
                        null,
                        new { previous, assigned = name }
                    );
                    return null;
                },
                ct
            ));
}
