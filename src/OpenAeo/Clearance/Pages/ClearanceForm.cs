using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using OpenAeo.Domain.Shared;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Persistence;
using OpenAeo.Registry;

namespace OpenAeo.Clearance.Pages;

/// <summary>
/// What the clearance pages share: the signed-in actor, the handlers' dependencies, each form's errors, and
/// post/redirect/get after a success, so that reloading a page never repeats an action. The pages call the same
/// <c>Execute</c> methods as the API; nothing here decides anything.
/// </summary>
public abstract class ClearanceForm : ComponentBase
{
    private readonly Dictionary<string, IReadOnlyList<DomainError>> errors = [];

    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    [Inject]
    internal OpenAeoDb Db { get; set; } = default!;

    [Inject]
    internal TimeProvider Clock { get; set; } = default!;

    [Inject]
    internal NavigationManager Navigation { get; set; } = default!;

    [Inject]
    internal NodeIdentity Node { get; set; } = default!;

    [Inject]
    internal IAuthorizationService Authorization { get; set; } = default!;

    internal Actor CurrentActor => Actor.From(HttpContext.User)!;

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    protected IReadOnlyList<DomainError> ErrorsOf(string form) => errors.GetValueOrDefault(form) ?? [];

    /// <summary>The errors of whichever form was refused, for pages that show them in one place.</summary>
    protected IReadOnlyList<DomainError> AllErrors => [.. errors.Values.SelectMany(e => e)];

    protected bool Refused(string form) => errors.ContainsKey(form);

    /// <summary>Whether the signed-in user meets a policy: the same check the API endpoint makes, so a button is shown only to who may use it.</summary>
    protected async Task<bool> Allowed(string policy) => (await Authorization.AuthorizeAsync(HttpContext.User, policy)).Succeeded;

    protected void Refuse(string form, IReadOnlyList<DomainError> refusal)
    {
        // A refused handler may leave changes in the unit of work; nothing of it may be saved later in this request.
        Db.ChangeTracker.Clear();
        errors[form] = refusal;
    }

    /// <summary>Runs a handler with the signed-in actor; on success goes to the address <paramref name="then"/> gives, otherwise shows the errors.</summary>
    internal async Task Run<T>(string form, Func<Actor, Task<Result<T>>> handler, Func<T, string> then)
    {
        var outcome = await handler(CurrentActor);
        if (!outcome.IsOk)
        {
            Refuse(form, outcome.Errors);
            return;
        }

        Navigation.NavigateTo(then(outcome.Value!));
    }
}
