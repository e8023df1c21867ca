using Microsoft.AspNetCore.Antiforgery;

namespace OpenAeo.Platform.Security;

/// <summary>
/// Cross-site request forgery for signed-in browsers (ADR 0016). ASP.NET Core checks the antiforgery token of a page's
/// form, but only records the verdict for other endpoints: a minimal API that does not bind a form (sign-out) or that
/// disabled the check so machines can upload (multipart evidence, study inputs) would act on a forged post. Machines
/// authenticate with <c>X-Api-Key</c>, which no other site can make a browser send, so the rule is for the cookie: a
/// POST authenticated by the session cookie whose body a plain HTML form could have sent (a form encoding, text, or
/// nothing) must carry a valid antiforgery token. JSON and CSV bodies, and PUT and DELETE, are beyond what another
/// site can make a browser send without a CORS preflight, which OpenAeo never grants.
/// </summary>
internal static class SessionForgery
{
    public static IApplicationBuilder UseSessionForgeryCheck(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                if (await Forged(context))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context
                        .RequestServices.GetRequiredService<IProblemDetailsService>()
                        .WriteAsync(
                            new ProblemDetailsContext
                            {
                                HttpContext = context,
                                ProblemDetails =
                                {
                                    Status = StatusCodes.Status400BadRequest,
                                    Title = "The antiforgery token is missing or not valid.",
                                    Detail =
                                        "A signed-in browser sends the antiforgery token of the page it posts "
                                        + "from; scripts and machines use an API key (X-Api-Key).",
                                },
                            }
                        );
                    return;
                }

                await next(context);
            }
        );

    private static async Task<bool> Forged(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint() is not { } endpoint)
        {
            return false;
        }

        // An endpoint that asks for the token was checked by the antiforgery middleware; only its verdict is enforced here.
        if (endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true })
        {
            return context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false };
        }

        // Whatever signed the browser in, it is a session when no API key came with the request.
        var bySession = context.User.Identity?.IsAuthenticated == true && !context.Request.Headers.ContainsKey(ApiKeys.Header);
        if (!bySession || !FormCouldSend(context.Request))
        {
            return false;
        }

        return !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
    }

    /// <summary>What an HTML form on any site can post without a preflight: a form encoding, plain text, or no body.</summary>
    private static bool FormCouldSend(HttpRequest request) =>
        request.HasFormContentType
        || string.IsNullOrEmpty(request.ContentType)
        || request.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase);
}
