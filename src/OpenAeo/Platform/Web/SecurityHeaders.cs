using Microsoft.Net.Http.Headers;

namespace OpenAeo.Platform.Web;

/// <summary>Endpoint metadata: the Content-Security-Policy a response needs instead of the one its content type gets.</summary>
internal sealed record ContentSecurityPolicy(string Value);

/// <summary>
/// Headers every response carries (ADR 0016): no MIME sniffing, no referrer outside OpenAeo (addresses carry TINs and
/// application numbers), no framing, and a Content-Security-Policy. Pages are server-rendered with one script of our
/// own (blazor.web.js) and one stylesheet, so they get a policy that allows nothing else, inline code included;
/// everything that is not a page (JSON, CSV, SVG charts, downloads, standalone reports) may load nothing at all but
/// its own inline styles, so a file opened in the browser can never run a script.
/// </summary>
internal static class SecurityHeaders
{
    public const string Pages =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (Scalar) is a script application with an inline start-up script, code it evaluates and styles
    /// it injects; it shows only the OpenAPI document, and may still talk to nothing but OpenAeo.
    /// </summary>
    public const string ApiReference =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: blob:; font-src 'self' data:; "
        + "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string Documents =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; object-src 'none'; base-uri 'none'; "
        + "form-action 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(
            (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers[HeaderNames.XContentTypeOptions] = "nosniff";
                    headers[HeaderNames.XFrameOptions] = "DENY";
                    headers["Referrer-Policy"] = "same-origin";
                    if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
                    {
                        headers[HeaderNames.ContentSecurityPolicy] = context
                            .GetEndpoint()
                            ?.Metadata.GetMetadata<ContentSecurityPolicy>()
                            ?.Value
                            ?? (IsHtml(context.Response.ContentType) ? Pages : Documents);
                    }

                    return Task.CompletedTask;
                });
                return next(context);
            }
        );

    /// <summary>Marks an endpoint whose responses need their own policy (the API reference, a standalone report).</summary>
    public static TBuilder WithContentSecurityPolicy<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ContentSecurityPolicy(policy));

    private static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}
