using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Localization;
using OpenAeo.Platform.Notifications;
using OpenAeo.Platform.Operations;
using OpenAeo.Platform.Security;
using OpenAeo.Platform.Webhooks;
using Scalar.AspNetCore;

namespace OpenAeo.Platform;

/// <summary>Plumbing every capability relies on: persistence, security, errors, OpenAPI, pages, health.</summary>
internal static class PlatformSetup
{
    public static IServiceCollection AddOpenAeoPlatform(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);

        // First of the hosted services: migrations and the key ring's first key come before anything reads the key ring.
        services.AddHostedService<StartupTasksService>();
        services.AddOpenAeoPersistence();
        services.AddOpenAeoDataProtection();
        services.AddOptions<AnalyticsOptions>().BindConfiguration("Analytics");
        services.AddOptions<Files.UploadOptions>().BindConfiguration("Uploads");
        services.AddSingleton<AnalyticsDatabase>();
        services.AddOpenAeoWebhooks();
        services.AddOpenAeoMail();
        services.AddOpenAeoTransport();
        services.AddOpenAeoAuthentication();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddProblemDetails(o =>
            o.CustomizeProblemDetails = ctx =>
            {
                ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);

                // A body over its endpoint's limit may be refused while a form is bound, before any handler: say why, and the limit.
                if (ctx.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && ctx.ProblemDetails.Detail is null)
                {
                    ctx.ProblemDetails.Title = RequestProblems.TooLargeTitle;
                    ctx.ProblemDetails.Detail = RequestProblems.TooLarge(ctx.HttpContext);
                }
            }
        );

        // A request that does not bind (bad JSON, a wrong type, no body) is thrown in every environment and answered
        // by RequestProblems as a field error in the API's words, never with the framework's message.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<RequestProblems>();

        // Enums travel by name ("Met", "Sme"), as everywhere else in OpenAeo.
        services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter())
        );
        services.AddOpenApi(o => o.AddContract());
        services.AddOpenAeoLocalization();
        services.AddRazorComponents();
        services.AddAntiforgery();
        services.AddOpenAeoHealth();
        services.AddExceptionHandler<ConflictProblems>();
        services.AddSingleton<IStartupTask, Cli.DemoSeeding.FirstRunInDevelopment>();
        return services;
    }

    /// <summary>The middleware every request goes through; returns the group capabilities map their endpoints on, which holds every request
    /// to its fields' limits.</summary>
    public static RouteGroupBuilder UseOpenAeoPlatform(this WebApplication app)
    {
        app.UseOpenAeoTransport();
        app.UseSecurityHeaders();

        // Before anything that writes words, error pages included: the request's language and culture are set first.
        app.UseOpenAeoLocalization();

        // Unhandled errors and error statuses become a page for people and problem details for machines.
        app.UseErrorResponses();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseSessionForgeryCheck();
        app.MapStaticAssets();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("OpenAeo API").DisableDefaultFonts())
            .AllowAnonymous()
            .WithContentSecurityPolicy(SecurityHeaders.ApiReference);
        app.MapOpenAeoHealth();
        app.MapOpenAeoMetrics();
        var endpoints = app.MapGroup("").WithRequestLimits();
        endpoints.MapLanguageSwitch();
        return endpoints;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        return app;
    }
}
