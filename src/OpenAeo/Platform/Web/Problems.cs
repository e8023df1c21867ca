using Microsoft.AspNetCore.Http.HttpResults;
using OpenAeo.Domain.Shared;

namespace OpenAeo.Platform.Web;

/// <summary>Domain errors on the wire: RFC 9457 problem details with the stable error codes alongside.</summary>
internal static class Problems
{
    public static ValidationProblem Invalid(IReadOnlyList<DomainError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field ?? "").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The request is not valid.",
            extensions: new Dictionary<string, object?> { ["codes"] = errors.Select(e => e.Code).Distinct().ToArray() });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict.");
}
