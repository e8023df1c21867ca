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
                machines.UseStatusCodePages();
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
