using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Security;
using OpenAeo.Platform.Web;
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
        services.AddSingleton<AnalyticsDatabase>();
        services.AddOpenAeoTransport();
        services.AddOpenAeoAuthentication();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);

            // A body that does not bind says why (which parameter, what was wrong); nothing internal leaks from it.
            if (ctx.Exception is BadHttpRequestException bad)
            {
                ctx.ProblemDetails.Detail ??= bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
            }
        });

        // Enums travel by name ("Met", "Sme"), as everywhere else in OpenAeo.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OpenAeo API";
            document.Info.Description = "AEO registry, certification, mutual recognition, clearance and time release studies. " +
                "Authenticate with an API key in the X-Api-Key header (openaeo users add --print-api-key).";
            return Task.CompletedTask;
        }));
        services.AddRazorComponents();
        services.AddAntiforgery();
        services.AddHealthChecks();
        services.AddExceptionHandler<ConflictProblems>();
        services.AddSingleton<IStartupTask, Cli.DemoSeeding.FirstRunInDevelopment>();
        return services;
    }

    public static WebApplication UseOpenAeoPlatform(this WebApplication app)
    {
        app.UseOpenAeoTransport();
        app.UseSecurityHeaders();

        // Unhandled errors and error statuses become a page for people and problem details for machines.
        app.UseErrorResponses();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseSessionForgeryCheck();
        app.MapStaticAssets();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("OpenAeo API").DisableDefaultFonts()).AllowAnonymous().WithContentSecurityPolicy(SecurityHeaders.ApiReference);
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        return app;
    }
}
