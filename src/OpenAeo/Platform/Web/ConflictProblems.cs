using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace OpenAeo.Platform.Web;

/// <summary>
/// The last line for a request that lost a race with another change on the same database and was not answered by its
/// use case (ADR 0019): 409 when someone else changed or added the same record first, 503 with <c>Retry-After</c> when
/// the database could not give it its turn in time. Nothing was saved in either case, and the answer says so; every
/// other exception stays a 500.
/// </summary>
internal sealed class ConflictProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var conflict = DatabaseConflicts.Classify(exception);
        if (conflict == RaceLoss.None)
        {
            return false;
        }

        var busy = conflict == RaceLoss.Busy;
        // A write that named the version it read (If-Match) and lost to a change saved since: the precondition failed.
        // For records versioned by number (risk rules, the profile) the change saved since is the same next version.
        var stale = conflict is RaceLoss.Changed or RaceLoss.Duplicate && httpContext.Request.Headers.IfMatch.Count > 0;
        httpContext.Response.StatusCode =
            busy ? StatusCodes.Status503ServiceUnavailable
            : stale ? StatusCodes.Status412PreconditionFailed
            : StatusCodes.Status409Conflict;
        if (busy)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        var detail = DatabaseConflicts.Explain(conflict, "your request");
        var problem = new ProblemDetails
        {
            Status = httpContext.Response.StatusCode,
            Title =
                busy ? "The database is busy."
                : stale ? "Precondition failed."
                : "Conflict.",
            Detail = detail,
        };
        if (
            await problems.TryWriteAsync(
                new ProblemDetailsContext
                {
                    HttpContext = httpContext,
                    ProblemDetails = problem,
                    Exception = exception,
                }
            )
        )
        {
            return true;
        }

        // A page request: plain words are better than the generic error page.
        httpContext.Response.ContentType = "text/plain; charset=utf-8";
        await httpContext.Response.WriteAsync(detail, cancellationToken);
        return true;
    }
}
