using Microsoft.AspNetCore.Components;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry.Pages;

namespace OpenAeo.Clearance.Pages;

/// <summary>
/// The base of the clearance pages' forms (see <see cref="ActorForm"/>), with the node's economy and the policy check that decides which
/// buttons a page shows.
/// </summary>
public abstract class ClearanceForm : ActorForm
{
    [Inject]
    internal NodeIdentity Node { get; set; } = default!;

    [Inject]
    internal IAuthorizationService Authorization { get; set; } = default!;

    /// <summary>Whether the signed-in user meets a policy: the same check the API endpoint makes, so a button is shown only to who may use
    /// it.</summary>
    protected async Task<bool> Allowed(string policy) => (await Authorization.AuthorizeAsync(HttpContext.User, policy)).Succeeded;
}
