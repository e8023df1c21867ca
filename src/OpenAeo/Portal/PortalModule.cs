using Microsoft.Extensions.Localization;

// The assembly is named openaeo but its resources are OpenAeo.Resources.*; the localizer needs the namespace. Until portal-front's localization infrastructure is merged.
[assembly: RootNamespace("OpenAeo")]

namespace OpenAeo.Portal;

internal static class PortalModule
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddScoped<CriterionGuides>();
        services.AddSingleton<ConsultationLimiter>();
        return services;
    }

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder endpoints)
    {
        AeoCountChart.Map(endpoints);
        var api = endpoints.MapGroup("/api/v1");
        ReadinessCheck.Map(api);
        ConsultationRequests.Map(api);
        ProspectQueue.Map(api);
        return endpoints;
    }
}
