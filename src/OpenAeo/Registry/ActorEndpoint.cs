namespace OpenAeo.Registry;

/// <summary>
/// The handler of a write on a resource by its id with a body (<c>POST /applications/{id}/rejection</c>, …): the use case's
/// <c>Execute</c> as the signed-in actor, then its answer. A class rather than a lambda, so that the request keeps its
/// nullability: a generic lambda's body would be optional in the API's contract and in binding.
/// </summary>
internal sealed class ActorEndpoint<TRequest, TResult, TAnswer>(
    Func<int, TRequest, Actor, OpenAeoDb, TimeProvider, CancellationToken, Task<Result<TResult>>> execute,
    Func<
        Result<TResult>,
        OpenAeoDb,
        TimeProvider,
        CancellationToken,
        Task<Results<Ok<TAnswer>, ValidationProblem, ProblemHttpResult>>
    > answer
)
    where TRequest : class
{
    public async Task<Results<Ok<TAnswer>, ValidationProblem, ProblemHttpResult>> Handle(
        int id,
        TRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => await answer(await execute(id, request, Actor.From(user)!, db, clock, ct), db, clock, ct);

    /// <summary>As <see cref="Handle"/>, the id held to <see cref="Limits.Id"/> (the contract says so).</summary>
    public async Task<Results<Ok<TAnswer>, ValidationProblem, ProblemHttpResult>> HandleWithinIdLimit(
        [Limit(nameof(Limits.Id))] int id,
        TRequest request,
        OpenAeoDb db,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => await Handle(id, request, db, clock, user, ct);
}
