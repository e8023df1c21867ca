using Microsoft.AspNetCore.Components;

namespace OpenAeo.Registry.Pages;

/// <summary>
/// What the forms of every capability's pages share: the signed-in actor, the handlers' dependencies, each form's
/// errors, and post/redirect/get after a success, so that reloading a page never repeats an action. Pages call the
/// same <c>Execute</c> methods as the API; nothing here decides anything.
/// </summary>
public abstract class ActorForm : ComponentBase
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
    internal NodeEconomy HomeEconomy { get; set; } = default!;

    /// <summary>The zone the signed-in reader reads instants in (ADR 0066), loaded with the page.</summary>
    protected string? ReaderZone { get; private set; }

    /// <summary>Loads <see cref="ReaderZone"/>.</summary>
    protected async Task LoadReaderZoneAsync() => ReaderZone = await Db.ViewerZoneIdAsync(HttpContext.User, HomeEconomy.Code, Aborted);

    internal Actor CurrentActor => Actor.From(HttpContext.User)!;

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected IReadOnlyList<DomainError> ErrorsOf(string form) => errors.GetValueOrDefault(form) ?? [];

    /// <summary>The errors of whichever form was refused, for components that show them in one place.</summary>
    protected IReadOnlyList<DomainError> AllErrors => [.. errors.Values.SelectMany(e => e)];

    /// <summary>The attributes that tie a field of a form to its message (<see cref="FieldError.Attributes"/>).</summary>
    protected IReadOnlyDictionary<string, object> Describe(string form, string field, string id) =>
        FieldError.Attributes(ErrorsOf(form), field, id);

    /// <summary>True after the form was posted and refused: a collapsed form opens again to show its errors.</summary>
    protected bool Refused(string form) => errors.ContainsKey(form);

    protected void Refuse(string form, IReadOnlyList<DomainError> refusal)
    {
        // A refused handler may leave changes in the unit of work; nothing of it may be saved later in this request.
        Db.ChangeTracker.Clear();
        errors[form] = refusal;
    }

    /// <summary>Runs a handler with the signed-in actor; on success goes to the address <paramref name="then"/> gives, otherwise shows the
    /// errors.</summary>
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
