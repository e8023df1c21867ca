namespace OpenAeo.Platform.Web;

/// <summary>
/// Domain errors on the wire: RFC 9457 problem details with the stable error codes alongside. The HTTP status
/// follows from the code, by convention, so every capability answers alike:
/// <c>not-found</c> → 404; <c>forbidden</c> or <c>*.side</c> → 403; a code saying the current state does not allow
/// it (<c>*.transition</c>, <c>*.closed</c>, <c>*.exists</c>, <c>*.open</c>, <c>*.locked</c>, …) → 409, whose problem
/// type is <c>urn:openaeo:problem:</c> and the code, so a client can tell one conflict from another; anything else is a
/// validation problem → 400 with the errors by field.
/// </summary>
internal static class Problems
{
    public const string NotFoundCode = "not-found";
    public const string ForbiddenCode = "forbidden";

    private static readonly string[] ConflictSuffixes =
    [
        ".transition",
        ".closed",
        ".exists",
        ".open",
        ".locked",
        ".answered",
        ".no-proposal",
        ".not-ready",
        ".status",
        ".foreign-programme",
        ".blocked",
        ".agencies",
        ".not-heard",
        ".period-ended",
        ".four-eyes",
        ".decision-pending",
        ".no-decision",
        ".notice-open",
        ".no-notice",
        ".not-open",
        ".decided",
    ];

    private const string InvalidTitle = "The request is not valid.";

    public static ValidationProblem Invalid(IReadOnlyList<DomainError> errors) =>
        TypedResults.ValidationProblem(ByField(errors), title: InvalidTitle, extensions: Codes(errors));

    /// <summary>
    /// The same validation problem as <see cref="Invalid"/>, as a <see cref="ProblemHttpResult"/>: for operations whose
    /// return type names no <see cref="ValidationProblem"/>, so their published contract keeps its own 400 description.
    /// </summary>
    public static ProblemHttpResult InvalidAsProblem(IReadOnlyList<DomainError> errors)
    {
        var details = new HttpValidationProblemDetails(ByField(errors)) { Title = InvalidTitle, Status = StatusCodes.Status400BadRequest };
        foreach (var (key, value) in Codes(errors))
        {
            details.Extensions[key] = value;
        }

        return TypedResults.Problem(details);
    }

    /// <summary>The problem any errors call for, a validation problem included (see <see cref="Problem"/> and
    /// <see cref="InvalidAsProblem"/>).</summary>
    public static ProblemHttpResult Of(IReadOnlyList<DomainError> errors) => Problem(errors) ?? InvalidAsProblem(errors);

    private static Dictionary<string, string[]> ByField(IReadOnlyList<DomainError> errors) =>
        errors.GroupBy(e => e.Field ?? "").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());

    private static Dictionary<string, object?> Codes(IReadOnlyList<DomainError> errors) =>
        new() { ["codes"] = errors.Select(e => e.Code).Distinct().ToArray() };

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");

    public static ProblemHttpResult TooManyRequests(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.");

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable.");

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "Precondition failed.",
            type: ProblemTypePrefix + "precondition.stale"
        );

    public static ProblemHttpResult Conflict(string detail, string? code = null) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status409Conflict,
            title: "Conflict.",
            type: code is null ? null : ProblemTypePrefix + code
        );

    public const string ProblemTypePrefix = "urn:openaeo:problem:";

    /// <summary>200 with the value, or the problem its errors call for.</summary>
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> OkOr<T>(Result<T> outcome)
    {
        if (outcome.IsOk)
        {
            return TypedResults.Ok(outcome.Value!);
        }

        return Problem(outcome.Errors) is { } problem ? problem : Invalid(outcome.Errors);
    }

    /// <summary>200 with the value, or the problem its errors call for, typed as <see cref="ProblemHttpResult"/> (see
    /// <see cref="InvalidAsProblem"/>).</summary>
    public static Results<Ok<T>, ProblemHttpResult> OkOrProblem<T>(Result<T> outcome) =>
        outcome.IsOk ? TypedResults.Ok(outcome.Value!) : Of(outcome.Errors);

    /// <summary>201 with the value and its location, or the problem its errors call for.</summary>
    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> CreatedOr<T>(Result<T> outcome, Func<T, string> location)
    {
        if (outcome.IsOk)
        {
            return TypedResults.Created(location(outcome.Value!), outcome.Value);
        }

        return Problem(outcome.Errors) is { } problem ? problem : Invalid(outcome.Errors);
    }

    /// <summary>202 with the value and where to follow it, or the problem its errors call for.</summary>
    public static Results<Accepted<T>, ValidationProblem, ProblemHttpResult> AcceptedOr<T>(Result<T> outcome, Func<T, string> location)
    {
        if (outcome.IsOk)
        {
            return TypedResults.Accepted(location(outcome.Value!), outcome.Value);
        }

        return Problem(outcome.Errors) is { } problem ? problem : Invalid(outcome.Errors);
    }

    /// <summary>204 (a removal answers nothing), or the problem its errors call for.</summary>
    public static Results<NoContent, ValidationProblem, ProblemHttpResult> NoContentOr<T>(Result<T> outcome)
    {
        if (outcome.IsOk)
        {
            return TypedResults.NoContent();
        }

        return Problem(outcome.Errors) is { } problem ? problem : Invalid(outcome.Errors);
    }

    /// <summary>The not-found, forbidden or conflict problem the first error calls for; null for a validation problem.</summary>
    public static ProblemHttpResult? Problem(IReadOnlyList<DomainError> errors)
    {
        var first = errors[0];
        return first.Code switch
        {
            NotFoundCode => NotFound(first.Message),
            ForbiddenCode => Forbidden(first.Message),
            var code when code.EndsWith(".side", StringComparison.Ordinal) => Forbidden(first.Message),
            var code when ConflictSuffixes.Any(s => code.EndsWith(s, StringComparison.Ordinal)) => Conflict(first.Message, code),
            _ => null,
        };
    }
}
