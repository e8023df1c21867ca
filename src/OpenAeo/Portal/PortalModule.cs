using OpenAeo.Platform.Web.Slots;

namespace OpenAeo.Portal;

internal static class PortalModule
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddPagePart("applications-queue", typeof(Pages.ProspectsWaiting));
        services.AddScoped<BenefitWords>();
        services.AddSingleton<ConsultationLimiter>();
        return services;
    }

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder endpoints)
    {
        AeoCountChart.Map(endpoints);
        var api = endpoints.MapUseCases("Portal");
        ReadinessCheck.Map(api);
        ConsultationRequests.Map(api);
        ProspectQueue.Map(api);
        BenefitsCatalogue.Map(api);
        RewriteGuide.Map(api);
        RestoreGuide.Map(api);
        return endpoints;
    }
}
