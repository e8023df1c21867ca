namespace OpenAeo.Platform.Web;

/// <summary>
/// What an error status or an unhandled exception looks like: a page for a person in a browser, RFC 9457 problem
/// details for a machine. No stack trace leaks to either.
/// </summary>
internal static class ErrorResponses
{
    /// <summary>Addresses that only machines use: they always answer with problem details, whatever the client accepts.</summary>
    private static readonly string[] MachinePaths = ["/api", "/exchange", "/openapi", "/health", "/metrics"];

    public static WebApplication UseErrorResponses(this WebApplication app)
    {
        app.UseWhen(WantsPage, pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor, ExceptionHandler = Page });
            pages.UseStatusCodePages(context => Page(context.HttpContext));
        });
        app.UseWhen(
            http => !WantsPage(http),
            machines =>
            {
                machines.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor });
                var standard = new StatusCodePagesOptions().HandleAsync;
                machines.UseStatusCodePages(
                    new StatusCodePagesOptions
                    {
                        // A query or route value the generated binding could not parse ends the request with an empty
                        // 400 (ADR 0071): it gets the field error a thrown binding failure gets.
                        HandleAsync = context =>
                            context.HttpContext.Response.StatusCode == StatusCodes.Status400BadRequest
                            && RequestProblems.UnparsedValue(context.HttpContext) is { } error
                                ? Problems.Invalid([error]).ExecuteAsync(context.HttpContext)
                                : standard(context),
                    }
                );
            }
        );
        return app;
    }

    /// <summary>A browser navigating asks for HTML first; API clients ask for JSON or anything.</summary>
    public static bool WantsPage(HttpContext http) =>
        !MachinePaths.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        && http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    private static int StatusFor(Exception e) =>
        e switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            // Lost races on the database (a unique key, a version, a busy lock) are answered by ConflictProblems, before this.
            _ => StatusCodes.Status500InternalServerError,
        };

    private static Task Page(HttpContext http) =>
        new RazorComponentResult<StatusPage>(new Dictionary<string, object?> { [nameof(StatusPage.Code)] = http.Response.StatusCode })
        {
            StatusCode = http.Response.StatusCode,
            ContentType = "text/html; charset=utf-8",
        }.ExecuteAsync(http);
}
