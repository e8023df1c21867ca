using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.Metadata;

namespace OpenAeo.Platform.Web;

/// <summary>
/// A use case's <c>Execute</c> mapped as the endpoint itself (ADR 0072). It returns the domain's <see cref="Result{T}"/>;
/// a filter turns the outcome into the answer (<see cref="Problems"/>: the value, or the problem its errors call for),
/// and the endpoint is described as the typed results would describe it: the success status with its body, or a
/// validation problem. Who acts is bound from the request (<c>Actor.BindAsync</c>), so no second method unpacks the
/// caller and wraps the outcome.
/// </summary>
internal static class UseCaseEndpoints
{
    /// <summary>
    /// The group a capability maps its use cases into (ADR 0074). An endpoint that does not name itself is named for the
    /// class whose method handles it (the use case's file: <c>SaveAgency.Execute</c> is the operation <c>SaveAgency</c>),
    /// and one without tags takes the capability's. What a handler's attributes say (<c>[EndpointSummary]</c>,
    /// <c>[Authorize]</c>) the endpoint says too.
    /// </summary>
    public static RouteGroupBuilder MapUseCases(this IEndpointRouteBuilder endpoints, string tag, string prefix = "/api/v1")
    {
        var group = endpoints.MapGroup(prefix);
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            if (!endpoint.Metadata.OfType<ITagsMetadata>().Any())
            {
                endpoint.Metadata.Add(new TagsAttribute(tag));
            }

            if (!endpoint.Metadata.OfType<IEndpointNameMetadata>().Any() && UseCaseOf(endpoint) is { } useCase)
            {
                endpoint.Metadata.Add(new EndpointNameMetadata(useCase));
                endpoint.Metadata.Add(new RouteNameMetadata(useCase));
            }
        });
        return group;
    }

    /// <summary>The use case a handler belongs to: the named class that declares it, not a lambda's closure or a
    /// shared generic frame.</summary>
    private static string? UseCaseOf(EndpointBuilder endpoint) =>
        endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault()?.DeclaringType is { IsGenericType: false } type
        && !type.IsDefined(typeof(CompilerGeneratedAttribute), false)
            ? type.Name
            : null;

    /// <summary>200 with the value.</summary>
    public static RouteHandlerBuilder AnswersOk<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.Answers<T>(Problems.OkOr, e => e.Produces<T>());

    /// <summary>200 with a view of the value that is read after the change (a certificate with its programme and events);
    /// the view is read in the request's own scope, so it sees what the use case saved.</summary>
    public static RouteHandlerBuilder AnswersOk<T, TView>(this RouteHandlerBuilder endpoint, Func<T, HttpContext, Task<TView>> view) =>
        endpoint.Answers<T>(async (outcome, http) => Problems.OkOr(await Viewed(outcome, view, http)), e => e.Produces<TView>());

    /// <summary>201 with a view of the value read after the change (as <see cref="AnswersOk{T, TView}"/>) and its location.</summary>
    public static RouteHandlerBuilder AnswersCreated<T, TView>(
        this RouteHandlerBuilder endpoint,
        Func<T, HttpContext, Task<TView>> view,
        Func<TView, string> location
    ) =>
        endpoint.Answers<T>(
            async (outcome, http) => Problems.CreatedOr(await Viewed(outcome, view, http), location),
            e => e.Produces<TView>(StatusCodes.Status201Created)
        );

    private static async Task<Result<TView>> Viewed<T, TView>(
        Result<T> outcome,
        Func<T, HttpContext, Task<TView>> view,
        HttpContext http
    ) => outcome.IsOk ? Result<TView>.Ok(await view(outcome.Value!, http)) : Result<TView>.Fail(outcome.Errors);

    /// <summary>201 with the value and its location.</summary>
    public static RouteHandlerBuilder AnswersCreated<T>(this RouteHandlerBuilder endpoint, Func<T, string> location) =>
        endpoint.Answers<T>(outcome => Problems.CreatedOr(outcome, location), e => e.Produces<T>(StatusCodes.Status201Created));

    /// <summary>202 with the value and where to follow it.</summary>
    public static RouteHandlerBuilder AnswersAccepted<T>(this RouteHandlerBuilder endpoint, Func<T, string> location) =>
        endpoint.Answers<T>(outcome => Problems.AcceptedOr(outcome, location), e => e.Produces<T>(StatusCodes.Status202Accepted));

    /// <summary>204: a removal answers nothing.</summary>
    public static RouteHandlerBuilder AnswersNoContent<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.Answers<T>(Problems.NoContentOr, e => e.Produces(StatusCodes.Status204NoContent));

    private static RouteHandlerBuilder Answers<T>(
        this RouteHandlerBuilder endpoint,
        Func<Result<T>, IResult> answer,
        Func<RouteHandlerBuilder, RouteHandlerBuilder> success
    ) => endpoint.Answers<T>((outcome, _) => Task.FromResult(answer(outcome)), success);

    private static RouteHandlerBuilder Answers<T>(
        this RouteHandlerBuilder endpoint,
        Func<Result<T>, HttpContext, Task<IResult>> answer,
        Func<RouteHandlerBuilder, RouteHandlerBuilder> success
    )
    {
        async Task<object?> Answer(object? result, HttpContext http) => result is Result<T> outcome ? await answer(outcome, http) : result;
        endpoint.WithMetadata(new UseCaseAnswer(Answer));
        endpoint.AddEndpointFilter(async (invocation, next) => await Answer(await next(invocation), invocation.HttpContext));

        // What the generator infers from the return type (200 with the Result itself) is not what is answered.
        endpoint.Add(described =>
        {
            foreach (
                var inferred in described.Metadata.OfType<IProducesResponseTypeMetadata>().Where(m => m.Type == typeof(Result<T>)).ToList()
            )
            {
                described.Metadata.Remove(inferred);
            }
        });
        return success(endpoint).ProducesValidationProblem();
    }
}

/// <summary>
/// How an endpoint turns its use case's <see cref="Result{T}"/> into the answer, kept on the endpoint: a filter that runs
/// inside the answering one (an Idempotency-Key's, when mapped after <c>AnswersOk</c>) sees the bare outcome and answers it
/// the same way, so what it keeps is what the client gets.
/// </summary>
internal sealed class UseCaseAnswer(Func<object?, HttpContext, Task<object?>> answer)
{
    private readonly Func<object?, HttpContext, Task<object?>> answer = answer;

    /// <summary>The endpoint's answer to <paramref name="result"/>; a result of an endpoint without one, unchanged.</summary>
    public static async Task<object?> AnswerAsync(object? result, HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<UseCaseAnswer>() is { } endpoint ? await endpoint.answer(result, http) : result;
}
