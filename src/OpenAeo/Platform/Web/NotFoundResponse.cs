namespace OpenAeo.Platform.Web;

internal static class NotFoundResponse
{
    /// <summary>
    /// Sends the page's own "not found" view with status 404.
    /// </summary>
    /// <remarks>
    /// A page cannot simply set the status while it renders: when the status changes during rendering and status
    /// code pages are registered, the Razor component endpoint writes no body (it expects a re-execution), and the
    /// status code pages middleware then answers with problem details, which people should not see. Setting the
    /// status when the response starts keeps the rendered view, and a started response is left alone by that
    /// middleware.
    /// </remarks>
    public static void NotFoundWithPage(this HttpContext http) =>
        http.Response.OnStarting(() =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
}
